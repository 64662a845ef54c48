// Emptying a seat: shared by leaving between hands and by settling a hand after a player left it.

import type { SeatIndex } from '../contract.js';
import type { Ctx } from './draft.js';

/** Empties a seat and pays its chips out. The finished hand forgets the seat's cards for views. */
export function vacate(ctx: Ctx, seat: SeatIndex): void {
  const s = ctx.state.seats[seat];
  if (s === null || s === undefined) return;
  const p = ctx.state.hand?.players.find((q) => q.seat === seat);
  if (p !== undefined && p.player === s.player) p.vacated = true;
  ctx.state.seats[seat] = null;
  ctx.events.push({ type: 'seat_vacated', seat, player: s.player, chips: s.chips });
}
