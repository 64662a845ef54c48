// The load players of bench:peers' Colyseus runs: @colyseus/sdk clients that fill six-seat rooms and
// play whenever the room says it is their turn — after the same think time, with the same bot
// policy (src/load/load-games.ts) as bench:node's players, deciding from what their seat sees in
// the room's state (its public table plus their own hole cards).

import { randomBytes } from 'node:crypto';
import { Client, type Room } from '@colyseus/sdk';
import {
  holdem,
  type HoldemConfig,
  type HoldemLegalActions,
  type HoldemSeatView,
  type HoldemView,
} from '../../src/games/holdem/index.js';
import { Rng } from '../../src/games/rng.js';
import { LOAD_GAMES } from '../../src/load/load-games.js';
import { TableSchema } from './colyseus-holdem-room.js';

const game = LOAD_GAMES.holdem;

export type TableRoom = Room<unknown, TableSchema>;

export interface PlayerCounters {
  sent: number;
  rejected: number;
}

/** What the bot policy reads, rebuilt from the room's decoded state for seat `seat`. */
export function viewFromState(state: TableSchema, seat: number, config: HoldemConfig): HoldemView {
  const seats = state.seats.map((s) =>
    s.occupied
      ? {
          seat: s.seat,
          player: s.player,
          name: s.name,
          bot: false,
          status: s.status as 'playing' | 'sitting_out' | 'leaving',
          chips: s.chips,
          bet: s.bet,
          inHand: s.inHand,
          folded: s.folded,
          allIn: s.allIn,
          shown: s.shown.length > 0 ? ([...s.shown] as HoldemSeatView['shown']) : null,
          mucked: false,
        }
      : null,
  );
  const hole = state.seats[seat]?.holeCards;
  return {
    game: 'holdem',
    viewer: seat,
    config,
    handNumber: state.handNumber,
    inHand: state.inHand,
    street: state.street === '' ? null : (state.street as HoldemView['street']),
    button: state.button < 0 ? null : state.button,
    smallBlind: null,
    bigBlind: null,
    board: [...state.board] as HoldemView['board'],
    pots: state.pots.map((p) => ({ amount: p.amount, eligible: [] })),
    currentBet: state.currentBet,
    minRaiseTo: state.minRaiseTo,
    toAct: state.toAct < 0 ? null : state.toAct,
    holeCards: hole?.length === 2 ? ([hole[0], hole[1]] as unknown as HoldemView['holeCards']) : null,
    seats,
    awards: [],
    deal: null,
  };
}

/** One seat: acts on `turn` after a think time; a newer turn replaces a pending one. */
function play(
  room: TableRoom,
  think: () => number,
  counters: PlayerCounters,
  config: HoldemConfig,
  stopped: () => boolean,
): () => void {
  const rng = Rng.fromSeed(randomBytes(32).toString('hex'));
  let pending: ReturnType<typeof setTimeout> | null = null;
  room.onMessage('turn', (legal: HoldemLegalActions) => {
    if (pending !== null) clearTimeout(pending);
    pending = setTimeout(() => {
      pending = null;
      if (stopped()) return;
      const view = viewFromState(room.state, legal.seat, config);
      room.send('act', game.decide(view, legal.seat, legal, rng));
      counters.sent++;
    }, think());
  });
  room.onMessage('rejected', () => counters.rejected++);
  return () => {
    if (pending !== null) clearTimeout(pending);
  };
}

/**
 * `count` players at a new table, one after another. `onSeated` runs as each one is in, before the
 * next joins: the first hand may start before the table is full, and its turn must find a listener.
 */
export async function joinTable(
  url: string,
  count: number,
  onSeated: (room: TableRoom) => void = () => undefined,
): Promise<TableRoom[]> {
  const first: TableRoom = await new Client(url).create<TableSchema>('holdem', {}, TableSchema);
  onSeated(first);
  const rooms = [first];
  for (let i = 1; i < count; i++) {
    const room: TableRoom = await new Client(url).joinById<TableSchema>(first.roomId, {}, TableSchema);
    onSeated(room);
    rooms.push(room);
  }
  return rooms;
}

export interface Players {
  readonly counters: PlayerCounters;
  /** Stops acting and leaves every room. */
  stop(): Promise<void>;
}

/** Seats `players` players at tables of `seats`, `parallel` tables at a time. */
export async function seatPlayers(
  url: string,
  options: {
    readonly players: number;
    readonly seats: number;
    readonly think: () => number;
    readonly parallel: number;
  },
): Promise<Players> {
  const parsed = holdem.parseConfig(game.config(options.seats));
  if (!parsed.ok) throw new Error(parsed.message);
  const config = parsed.config;
  const counters: PlayerCounters = { sent: 0, rejected: 0 };
  const rooms: TableRoom[] = [];
  const cancels: (() => void)[] = [];
  let stopped = false;
  const isStopped = () => stopped;
  const tables = Math.ceil(options.players / options.seats);
  const fillTable = async (table: number) => {
    const count = Math.min(options.seats, options.players - table * options.seats);
    await joinTable(url, count, (room) => {
      rooms.push(room);
      cancels.push(play(room, options.think, counters, config, isStopped));
    });
  };
  let next = 0;
  const worker = async () => {
    while (next < tables) await fillTable(next++);
  };
  await Promise.all(Array.from({ length: Math.min(options.parallel, tables) }, worker));
  return {
    counters,
    async stop() {
      stopped = true;
      for (const cancel of cancels) cancel();
      await Promise.allSettled(rooms.map((room) => room.leave(true)));
    },
  };
}
