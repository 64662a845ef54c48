// Building a finished hand's record and projecting it for one player or the public.

import type { PlayerId, SeatIndex } from '../contract.js';
import type { HoldemHandRecord, RecordPlayer } from './record-types.js';
import type { HandState, HoldemState } from './types.js';

export function buildRecord(state: HoldemState, hand: HandState): HoldemHandRecord {
  const c = state.config;
  return {
    game: 'holdem',
    hand: hand.number,
    seats: c.seats,
    smallBlindAmount: c.smallBlind,
    bigBlindAmount: c.bigBlind,
    ante: c.ante,
    bigBlindAnte: c.bigBlindAnte,
    button: hand.button,
    smallBlind: hand.smallBlind,
    bigBlind: hand.bigBlind,
    players: hand.players.map((p) => ({
      seat: p.seat,
      player: p.player,
      name: p.name,
      chips: p.startChips,
      cards: [...p.cards],
    })),
    board: [...hand.board],
    entries: [...hand.log],
    deal: hand.deal,
  };
}

/** Seats whose cards everyone saw: shown at showdown or revealed in an all-in run-out. */
function exposedSeats(record: HoldemHandRecord): Set<SeatIndex> {
  const seats = new Set<SeatIndex>();
  for (const e of record.entries) if (e.kind === 'show' || e.kind === 'reveal') seats.add(e.seat);
  return seats;
}

/** The record with only the cards `keep` allows; every other player's cards become null. */
export function projectRecord(
  record: HoldemHandRecord,
  keep: (p: RecordPlayer) => boolean,
): HoldemHandRecord {
  const exposed = exposedSeats(record);
  return {
    ...record,
    players: record.players.map((p) => ({ ...p, cards: exposed.has(p.seat) || keep(p) ? p.cards : null })),
  };
}

export function isHandRecord(value: unknown): value is HoldemHandRecord {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Partial<Record<keyof HoldemHandRecord, unknown>>;
  return (
    r.game === 'holdem' && Array.isArray(r.players) && Array.isArray(r.entries) && Array.isArray(r.board)
  );
}

/**
 * `recordFor` of the contract: the player's own cards and shown cards. `player` is a PlayerId or
 * 'public' (shown cards only); no player id equals 'public' in a record built by this module's
 * tables, and even if one did it would only see its own cards.
 */
export function recordFor(record: unknown, player: PlayerId): HoldemHandRecord | null {
  if (!isHandRecord(record)) return null;
  return projectRecord(record, (p) => player !== 'public' && p.player === player);
}

/**
 * `netFor` of the contract: chips `player` won at the end minus what they put in (antes, blinds,
 * bets, less a bet returned uncalled). Null for a record this module did not make, or a player not
 * dealt in.
 */
export function netFor(record: unknown, player: PlayerId): number | null {
  if (!isHandRecord(record)) return null;
  const seat = record.players.find((p) => p.player === player)?.seat;
  if (seat === undefined) return null;
  let net = 0;
  for (const e of record.entries) {
    if ((e.kind === 'post' || e.kind === 'action') && e.seat === seat) net -= e.amount;
    else if (e.kind === 'returned' && e.seat === seat) net += e.amount;
    else if (e.kind === 'award') for (const w of e.winners) if (w.seat === seat) net += w.amount;
  }
  return net;
}
