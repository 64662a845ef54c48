// The operator's POST actions (`/api/admin/...`): which path does what, with what body, and the
// HTTP answer. The HTTP frontend checks the admin token and reads the body first; every action
// that reaches a route is logged here with who asked (the caller's address) and what was done.

import { z } from 'zod';
import { NoticeSchema } from '../gateway/operator-notices.js';
import type { Logger } from '../ops/logger.js';

type Outcome<T extends object = object> = ({ ok: true } & T) | { ok: false; code: string; message: string };

export interface AdminActions {
  /** Drain: hand every table to other nodes, then stop. Answers at once. */
  drain(): { ok: true; tables: number } | { ok: false; reason: string };
  /** Moves one table to another node (`to`, or where placement says). */
  move(tableId: string, to: string | undefined): Promise<Outcome<{ to: string }>>;
  /** Closes a table for good: every seat stands up and is paid out through the ledger, then it closes. */
  close(tableId: string): Promise<Outcome>;
  /** Pauses (`true`) or resumes a table, wherever it runs: nothing is played meanwhile. */
  pause(tableId: string, paused: boolean): Promise<Outcome<{ paused: boolean }>>;
  /** A message to every player connected to the cluster. */
  broadcast(message: string): void;
  /** Stands a player up from a table (kick): their chips go back to their wallet through the ledger. */
  standUp(tableId: string, accountId: string): Promise<Outcome>;
}

export interface AdminAnswer {
  readonly status: number;
  readonly body: unknown;
}

const TABLE = '([A-Za-z0-9_-]{1,64})';
const MoveBodySchema = z
  .object({
    to: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,64}$/)
      .optional(),
  })
  .strict();
const StandUpBodySchema = z.object({ account: z.string().min(1).max(128) }).strict();

interface AdminRoute {
  readonly path: RegExp;
  run(match: RegExpExecArray, body: string, from: string | undefined): Promise<AdminAnswer>;
}

/** Answers an operator's POST, or null when no action has that path. */
export function adminRoute(
  path: string,
  actions: AdminActions,
  logger: Logger,
): ((body: string, from: string | undefined) => Promise<AdminAnswer>) | null {
  for (const route of routes(actions, logger)) {
    const match = route.path.exec(path);
    if (match) return (body, from) => route.run(match, body, from);
  }
  return null;
}

function routes(actions: AdminActions, logger: Logger): AdminRoute[] {
  const tableAction = (
    verb: string,
    act: (tableId: string, body: string) => Promise<AdminAnswer & { logged: object }>,
    what: string,
  ): AdminRoute => ({
    path: new RegExp(`^/api/admin/tables/${TABLE}/${verb}$`),
    async run(match, body, from) {
      const tableId = match[1] ?? '';
      const { logged, ...answer } = await act(tableId, body);
      logger.warn({ admin: verb, table: tableId, from, ...logged }, what);
      return answer;
    },
  });
  const pause = (paused: boolean) =>
    tableAction(
      paused ? 'pause' : 'resume',
      async (tableId) => {
        const result = await actions.pause(tableId, paused);
        return { ...answer(result, 200, { table: tableId, paused }), logged: result };
      },
      paused ? 'operator paused a table' : 'operator resumed a table',
    );
  return [
    {
      path: /^\/api\/admin\/drain$/,
      run(_match, _body, from) {
        const started = actions.drain();
        logger.warn({ admin: 'drain', from, ...started }, 'operator asked for a drain');
        return Promise.resolve(
          started.ok
            ? { status: 202, body: { draining: true, tables: started.tables } }
            : { status: 409, body: { error: started.reason } },
        );
      },
    },
    {
      path: /^\/api\/admin\/broadcast$/,
      run(_match, body, from) {
        const parsed = parseJson(body, NoticeSchema.strict());
        if (!parsed.ok) return Promise.resolve({ status: 400, body: { error: parsed.error } });
        actions.broadcast(parsed.value.message);
        logger.warn(
          { admin: 'broadcast', from, message: parsed.value.message },
          'operator sent a message to every player',
        );
        return Promise.resolve({ status: 202, body: { sent: true } });
      },
    },
    tableAction(
      'move',
      async (tableId, body) => {
        const parsed = parseJson(body.length === 0 ? '{}' : body, MoveBodySchema);
        if (!parsed.ok) return { status: 400, body: { error: parsed.error }, logged: parsed };
        const moved = await actions.move(tableId, parsed.value.to);
        const to = moved.ok ? moved.to : undefined;
        return { ...answer(moved, 200, { table: tableId, to }), logged: moved };
      },
      'operator moved a table',
    ),
    tableAction(
      'close',
      async (tableId) => {
        const closing = await actions.close(tableId);
        return { ...answer(closing, 202, { table: tableId, closing: true }), logged: closing };
      },
      'operator closed a table',
    ),
    pause(true),
    pause(false),
    tableAction(
      'stand-up',
      async (tableId, body) => {
        const parsed = parseJson(body, StandUpBodySchema);
        if (!parsed.ok) return { status: 400, body: { error: parsed.error }, logged: parsed };
        const { account } = parsed.value;
        const result = await actions.standUp(tableId, account);
        return { ...answer(result, 200, { table: tableId, account }), logged: { account, ...result } };
      },
      'operator stood a player up',
    ),
  ];
}

/** Success as `okStatus` with `okBody`; a refusal as 404 (no such table or seat) or 409. */
function answer(result: Outcome, okStatus: number, okBody: unknown): AdminAnswer {
  if (result.ok) return { status: okStatus, body: okBody };
  const missing = result.code === 'table/not_found' || result.code === 'table/not_seated';
  return { status: missing ? 404 : 409, body: { error: result.message, code: result.code } };
}

/** `body` as JSON checked by `schema`, or the first problem in words. */
function parseJson<T>(
  body: string,
  schema: z.ZodType<T>,
): { ok: true; value: T } | { ok: false; error: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    return { ok: false, error: 'the body is not JSON' };
  }
  const parsed = schema.safeParse(raw);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, error: parsed.error.issues[0]?.message ?? 'invalid body' };
}
