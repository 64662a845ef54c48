// Protocol v1 messages. Client messages are validated at the edge with these zod schemas; server
// messages are typed here and produced only by the server. Shared by the server, the SDK and the
// browser client, so this file imports nothing but zod and its sibling table-name.ts.
// Reference: docs/protocol.md.

import { z } from 'zod';
import { TABLE_NAME_MAX_LENGTH, TABLE_NAME_PATTERN, TABLE_NAME_RULE } from './table-name.js';

// Numbers first: the SDK (and so the browser client and the load generator) numbers its requests,
// and a union tries its options in order — a number checked against the string option first
// costs a failed parse and its issue objects on every frame (`npm run bench -- protocol`).
export const RequestIdSchema = z.union([
  z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  z.string().min(1).max(64),
]);
export type RequestId = z.infer<typeof RequestIdSchema>;

export const TableIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'table ids are 1–64 of A–Z a–z 0–9 _ -');
export const GameIdSchema = z.enum(['holdem', 'hokm']);
export type GameId = z.infer<typeof GameIdSchema>;

/** Largest chip amount a client may name: the games' MAX_CHIPS (a test checks they agree). */
export const MAX_CHIP_AMOUNT = 1_000_000_000;
const Chips = z.number().int().nonnegative().max(MAX_CHIP_AMOUNT);
const SeatNumber = z.number().int().min(0).max(15);

/** Runtime options of a table (not game rules): timers, bots, pacing. */
export const TableOptionsSchema = z
  .object({
    /** Seconds a seat has to act before the game's timeout action is applied. */
    turnSeconds: z.number().int().min(3).max(600).default(20),
    /** Bots seated when the table is created (and re-seated when they bust). */
    bots: z.number().int().min(0).max(10).default(0),
    /** Spectators allowed. */
    spectators: z.boolean().default(true),
  })
  .strict();
export type TableOptions = z.infer<typeof TableOptionsSchema>;

function request<T extends string, S extends z.ZodRawShape>(type: T, shape: S) {
  return z.object({ type: z.literal(type), id: RequestIdSchema, ...shape }).strict();
}

export const ClientMessageSchema = z.discriminatedUnion('type', [
  /** First message on every connection: agree a protocol version; optionally authenticate. */
  request('hello', {
    protocols: z.array(z.number().int().positive()).min(1).max(8),
    token: z.string().min(1).max(4096).optional(),
    client: z.string().max(64).optional(),
  }),
  request('auth.guest', { nickname: z.string().max(64) }),
  request('auth.register', {
    username: z.string().max(64),
    password: z.string().max(256),
    nickname: z.string().max(64).optional(),
  }),
  request('auth.login', { username: z.string().max(64), password: z.string().max(256) }),
  request('auth.token', { token: z.string().min(1).max(4096) }),
  request('ping', {}),
  request('wallet.get', {}),
  request('lobby.list', {
    game: GameIdSchema.optional(),
    /** Stakes filter on the table's big blind (Hold'em) or stake (Hokm). */
    minStake: Chips.optional(),
    maxStake: Chips.optional(),
    /** Only tables with at least one free seat. */
    freeSeats: z.boolean().optional(),
    /** Opaque cursor from a previous page's `next`. */
    cursor: z.string().max(128).optional(),
    limit: z.number().int().min(1).max(100).default(50),
  }),
  request('lobby.subscribe', {}),
  request('lobby.unsubscribe', {}),
  request('table.create', {
    game: GameIdSchema,
    /** Shown to everyone in the lobby; see table-name.ts. */
    name: z.string().trim().min(1).max(TABLE_NAME_MAX_LENGTH).regex(TABLE_NAME_PATTERN, TABLE_NAME_RULE),
    /** Game rules configuration; validated by the game module. */
    config: z.record(z.string(), z.unknown()),
    options: TableOptionsSchema.optional(),
    /**
     * Makes the request idempotent: the same account sending the same key again (a retry after a
     * lost answer, a double click) gets the table the first request made instead of a second one.
     */
    requestKey: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/)
      .optional(),
  }),
  request('table.join', { table: TableIdSchema, seat: SeatNumber.optional(), buyIn: Chips.positive() }),
  request('table.leave', { table: TableIdSchema }),
  /** Chips from the wallet onto the caller's stack (a rebuy after busting, or a top-up). */
  request('table.top_up', { table: TableIdSchema, amount: Chips.positive() }),
  request('table.sit_out', { table: TableIdSchema }),
  request('table.sit_in', { table: TableIdSchema }),
  /** Receive a table's events. `since`: the last seq already seen, to resume without gaps. */
  request('table.watch', { table: TableIdSchema, since: z.number().int().nonnegative().optional() }),
  request('table.unwatch', { table: TableIdSchema }),
  /** A game action for the caller's own seat; validated by the game module. */
  request('table.act', { table: TableIdSchema, action: z.unknown() }),
  /** The seated player's random value for the next hand's deck (docs/fair-deals.md). */
  request('table.entropy', {
    table: TableIdSchema,
    hand: z.number().int().positive(),
    value: z.string().regex(/^[0-9a-f]{1,64}$/),
  }),
  request('history.list', {
    limit: z.number().int().min(1).max(100).default(20),
    cursor: z.string().max(256).optional(),
    /** Only the hands of this table. */
    table: TableIdSchema.optional(),
    /**
     * 'mine' (default): the hands the caller played. 'table': every hand of `table`, as a spectator
     * sees it — for a table that may be watched.
     */
    scope: z.enum(['mine', 'table']).default('mine'),
  }),
  request('history.get', { table: TableIdSchema, hand: z.number().int().positive() }),
]);
export type ClientMessage = z.infer<typeof ClientMessageSchema>;

export type ClientMessageType = ClientMessage['type'];
export type ClientRequest<T extends ClientMessageType> = Extract<ClientMessage, { type: T }>;

/** A running turn timer: `seat` acts, or the runtime plays its timeout action at `deadline`. */
export interface TurnClock {
  readonly seat: number;
  /** Server epoch ms. */
  readonly deadline: number;
}

/** Public description of a table in the lobby. */
export interface TableSummary {
  readonly id: string;
  readonly game: GameId;
  readonly name: string;
  /** Big blind (Hold'em) or stake per game (Hokm). */
  readonly stake: number;
  readonly smallBlind?: number;
  readonly seats: number;
  readonly occupied: number;
  readonly players: readonly {
    readonly seat: number;
    readonly name: string;
    readonly chips: number;
    readonly bot: boolean;
    /** No connection of this player watches the table now. */
    readonly away?: boolean;
  }[];
  readonly minBuyIn: number;
  readonly maxBuyIn: number;
  readonly turnSeconds: number;
  readonly handNumber: number;
  readonly watchers: number;
  /** Anyone may watch (and read the hands of) this table. */
  readonly spectators?: boolean;
  /** An operator paused the table: nothing is played until they resume it. */
  readonly paused?: boolean;
}

export interface AccountInfo {
  readonly id: string;
  readonly nickname: string;
  readonly kind: 'guest' | 'registered' | 'bot';
  readonly username: string | null;
}

/** What each request's ack carries. */
export interface AckResults {
  hello: {
    protocol: number;
    node: string;
    heartbeatSeconds: number;
    /** How long a player left with no chips keeps the seat for a rebuy before being stood up (0: for ever). */
    bustedSeatSeconds: number;
    account: AccountInfo | null;
  };
  'auth.guest': { token: string; account: AccountInfo; balance: number };
  'auth.register': { token: string; account: AccountInfo; balance: number };
  'auth.login': { token: string; account: AccountInfo; balance: number };
  'auth.token': { account: AccountInfo; balance: number };
  ping: { now: number };
  'wallet.get': { balance: number };
  'lobby.list': { tables: TableSummary[]; next: string | null };
  'lobby.subscribe': { tables: TableSummary[] };
  'lobby.unsubscribe': Record<string, never>;
  'table.create': { table: TableSummary };
  'table.join': { seat: number; balance: number };
  /** The wallet after the cash-out; null if the wallet cannot be read now (a `wallet` push follows). */
  'table.leave': { balance: number | null };
  /** The wallet after the chips left it. */
  'table.top_up': { balance: number };
  'table.sit_out': Record<string, never>;
  'table.sit_in': Record<string, never>;
  /** The table as the caller may see it; followed by missed events, or live events from `seq` on. */
  'table.watch': { table: TableSummary; resumed: boolean };
  'table.unwatch': Record<string, never>;
  'table.act': { seq: number };
  'table.entropy': Record<string, never>;
  'history.list': { hands: HandSummary[]; next: string | null };
  'history.get': { hand: HandSummary & { record: unknown } };
}

export interface HandSummary {
  readonly table: string;
  readonly hand: number;
  readonly game: GameId;
  readonly endedAt: number;
  /** Chips the asking player won (+) or lost (−) in the hand; null where the game moves none per hand. */
  readonly net: number | null;
}

export type ServerMessage =
  | { readonly type: 'ack'; readonly ref: RequestId; readonly result: AckResults[ClientMessageType] }
  | {
      readonly type: 'error';
      readonly ref: RequestId | null;
      readonly code: string;
      readonly message: string;
    }
  /**
   * The table as this connection may see it, as of event `seq` (the last event folded in). Sent on
   * watch when a gap-free resume is impossible, and whenever the viewer changes (sat down, left).
   */
  | {
      readonly type: 'table.view';
      readonly table: string;
      readonly game: GameId;
      readonly seq: number;
      readonly seat: number | null;
      readonly view: unknown;
      /**
       * The turn timers running at `seq`: whose turn it is and when it times out (server epoch
       * ms), for every viewer — so a page opened mid-turn shows the real time left, not a full timer.
       */
      readonly clocks: readonly TurnClock[];
      /** Seats whose players have no connection watching the table now (away); always sent by this server. */
      readonly away?: readonly number[];
      /** An operator paused the table (see `table.paused`); always sent by this server. */
      readonly paused?: boolean;
    }
  /**
   * An operator paused (`paused: true`) or resumed the table. While paused nothing is played: turn
   * clocks stop (they carry on with the time they had left), and players' commands are refused with
   * `table/paused`. Not an event of the game; the latest one replaces the one before.
   */
  | { readonly type: 'table.paused'; readonly table: string; readonly paused: boolean }
  /**
   * Who is away changed: seats whose players have no connection watching the table now. Not an
   * event of the game (it is not in the log); the latest one replaces the one before.
   */
  | { readonly type: 'table.presence'; readonly table: string; readonly away: readonly number[] }
  /** One event of a table, as this connection may see it. `seq` increases by one per event. */
  | { readonly type: 'table.event'; readonly table: string; readonly seq: number; readonly event: unknown }
  /**
   * Several consecutive events of a table in one frame — all the events one command produced:
   * `events[i]` has seq `seq + i`. Exactly equivalent to that many `table.event` messages.
   */
  | {
      readonly type: 'table.events';
      readonly table: string;
      readonly seq: number;
      readonly events: readonly unknown[];
    }
  /** It is this connection's seat's turn: the legal actions and when the timer runs out (epoch ms). */
  | {
      readonly type: 'table.turn';
      readonly table: string;
      readonly seq: number;
      readonly seat: number;
      readonly legal: unknown;
      readonly deadline: number;
    }
  /** The table closed or this connection may no longer watch it. */
  | { readonly type: 'table.closed'; readonly table: string; readonly reason: string }
  | { readonly type: 'lobby.update'; readonly table: TableSummary }
  | { readonly type: 'lobby.remove'; readonly table: string }
  | { readonly type: 'wallet'; readonly balance: number }
  /** A message from the operator to every connected player. */
  | { readonly type: 'notice'; readonly message: string };

export type ServerMessageType = ServerMessage['type'];
