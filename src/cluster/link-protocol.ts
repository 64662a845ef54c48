// The cluster protocol: every message one node sends another over a node link, as a zod
// discriminated union, validated on arrival exactly like client input. A link is one WebSocket
// that a gateway node opens to an owner node: requests go gateway → owner; responses and ended
// watches go owner → gateway. Frames for the gateway's connections ("deliver", one per distinct
// frame per tick however many of its connections get it) are not JSON: see node-link.ts.

import { z } from 'zod';
import { RequestIdSchema, TableIdSchema } from '../protocol/messages.js';
import { TableSummarySchema } from '../protocol/table-summary.js';

const Session = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const Account = z.string().min(1).max(128);

const JoinRequest = z.object({
  op: z.literal('join'),
  table: TableIdSchema,
  accountId: Account,
  name: z.string().max(200),
  seat: z.number().int().min(0).max(15).optional(),
  amount: z.number().int().positive().max(1_000_000_000),
});
const TopUpRequest = z.object({
  op: z.literal('top_up'),
  table: TableIdSchema,
  accountId: Account,
  amount: z.number().int().positive().max(1_000_000_000),
});
const SeatRequest = z.object({
  op: z.literal('seat'),
  table: TableIdSchema,
  accountId: Account,
  kind: z.enum(['leave', 'sit_out', 'sit_in', 'stand_up']),
});
const ActRequest = z.object({
  op: z.literal('act'),
  table: TableIdSchema,
  accountId: Account,
  action: z.unknown(),
});
const WatchRequest = z.object({
  op: z.literal('watch'),
  table: TableIdSchema,
  session: Session,
  accountId: Account,
  since: z.number().int().nonnegative().optional(),
  ref: RequestIdSchema.nullable(),
});
const CreateRequest = z.object({
  op: z.literal('create'),
  id: TableIdSchema.optional(),
  game: z.string().max(32),
  name: z.string().max(200),
  config: z.unknown(),
  options: z.unknown().optional(),
  createdBy: Account.nullable(),
});
const TablesRequest = z.object({ op: z.literal('tables') });
const EntropyRequest = z.object({
  op: z.literal('entropy'),
  table: TableIdSchema,
  accountId: Account,
  hand: z.number().int().positive(),
  value: z.string().regex(/^[0-9a-f]{1,64}$/),
});
/** The operator pauses (or resumes) a table on its owner. */
const PauseRequest = z.object({ op: z.literal('pause'), table: TableIdSchema, paused: z.boolean() });
/** The operator closes a table on its owner: every seat stands up and is paid out, then it closes. */
const CloseRequest = z.object({ op: z.literal('close'), table: TableIdSchema });
/**
 * A draining owner asks a peer to take a table over live, with a CAS on the epoch it holds. It
 * sends the table's catalog record along, so a move needs no Store (PostgreSQL may be down).
 */
const AdoptRequest = z.object({
  op: z.literal('adopt'),
  table: TableIdSchema,
  epoch: z.number().int().nonnegative(),
  record: z.object({
    id: TableIdSchema,
    game: z.string().max(32),
    name: z.string().max(200),
    config: z.unknown(),
    seed: z.string().regex(/^[0-9a-f]{64}$/),
    createdBy: Account.nullable(),
    createdAt: z.number(),
    closedAt: z.number().nullable(),
  }),
});

export const LinkRequestSchema = z.discriminatedUnion('op', [
  JoinRequest,
  TopUpRequest,
  SeatRequest,
  ActRequest,
  EntropyRequest,
  PauseRequest,
  WatchRequest,
  CreateRequest,
  TablesRequest,
  CloseRequest,
  AdoptRequest,
]);
export type LinkRequest = z.infer<typeof LinkRequestSchema>;
export type LinkOp = LinkRequest['op'];

export const LinkMessageSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('req'), id: z.number().int().nonnegative(), req: LinkRequestSchema }),
  z.object({ t: z.literal('res'), id: z.number().int().nonnegative(), result: z.unknown() }),
  z.object({ t: z.literal('unwatch'), table: TableIdSchema, session: Session }),
  z.object({ t: z.literal('ended'), table: TableIdSchema, session: Session }),
  /** The owner is about to close the link (it drained): send nothing more on it. */
  z.object({ t: z.literal('bye') }),
]);
export type LinkMessage = z.infer<typeof LinkMessageSchema>;

// ── Results, validated by the gateway that asked ───────────────────────────────────────────────

/** A namespaced rejection code (`table/not_found`). */
const RejectionCode = z.custom<`${string}/${string}`>(
  (v) => typeof v === 'string' && v.length <= 100 && /^[a-z0-9_]+\/[a-z0-9_]+$/.test(v),
  'a namespace/reason code',
);
const Rejection = z.object({ ok: z.literal(false), code: RejectionCode, message: z.string().max(1000) });
const Committed = z.object({ ok: z.literal(true), seq: z.number().int().nonnegative() });
const Joined = z.object({ ok: z.literal(true), seat: z.number().int().min(0), balance: z.number() });

/** A table's chips as its owner counts them (the cluster-wide chip audit). */
export const TableChipsSchema = z.object({ id: TableIdSchema, chips: z.number() });

export const LinkResultSchemas = {
  join: z.union([Joined, Rejection]),
  top_up: z.union([z.object({ ok: z.literal(true), balance: z.number() }), Rejection]),
  seat: z.union([Committed, Rejection]),
  act: z.union([Committed, Rejection]),
  entropy: z.union([Committed, Rejection]),
  pause: z.union([z.object({ ok: z.literal(true), paused: z.boolean() }), Rejection]),
  watch: z.union([z.object({ ok: z.literal(true) }), Rejection]),
  create: z.union([z.object({ ok: z.literal(true), table: TableSummarySchema }), Rejection]),
  tables: z.object({ ok: z.literal(true), tables: z.array(TableChipsSchema) }),
  adopt: z.union([z.object({ ok: z.literal(true) }), Rejection]),
  close: z.union([z.object({ ok: z.literal(true) }), Rejection]),
} as const satisfies Record<LinkOp, z.ZodType>;

export type LinkResult<Op extends LinkOp> = z.infer<(typeof LinkResultSchemas)[Op]>;
