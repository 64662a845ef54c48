// table.*: create, join, leave, sit out/in, watch/unwatch, act.

import { randomUUID } from 'node:crypto';
import { reject, type Rejection } from '../../games/contract.js';
import { ErrorCode } from '../../protocol/codes.js';
import type { TableSummary } from '../../protocol/messages.js';
import { settleWithin } from '../settle-within.js';
import type { TableActor } from '../tables/table-actor.js';
import type { GatewayContext } from './gateway-context.js';
import { ACKED, ackMessage, type HandlerMap } from './handlers.js';
import type { Session } from './session.js';

type TableTypes =
  | 'table.create'
  | 'table.join'
  | 'table.leave'
  | 'table.sit_out'
  | 'table.sit_in'
  | 'table.watch'
  | 'table.unwatch'
  | 'table.act';

export const tableHandlers: HandlerMap<TableTypes> = {
  async 'table.create'(session, req, ctx) {
    const created = await ctx.host.create({
      game: req.game,
      name: req.name,
      config: req.config,
      options: req.options,
      createdBy: session.accountId,
    });
    if (!created.ok) return created;
    ctx.logger.info({ table: created.table.id, account: session.accountId, game: req.game }, 'table created');
    return { table: created.table };
  },

  async 'table.join'(session, req, ctx) {
    const actor = findTable(ctx, req.table);
    if (!actor) return notFound(req.table);
    const account = session.account;
    if (!account) return reject(ErrorCode.authRequired, 'sign in first');
    if (ctx.host.isClosing(actor.id)) return reject(ErrorCode.tableClosing, 'this table is closing');
    // Every limit is checked before any chip moves: the watch slot this join needs is reserved
    // first (so a concurrent watch cannot take it meanwhile) and given back if the join fails.
    const alreadyWatching = session.watching(actor.id) !== undefined;
    if (!alreadyWatching) {
      if (session.watchCount >= ctx.limits.maxWatchedTables) return watchLimit(ctx);
      session.addWatch(actor);
    }
    // A fresh request id per join: the ledger's idempotency must never fold two joins into one.
    const joined = await actor.join({
      accountId: account.id,
      name: account.nickname,
      seat: req.seat,
      amount: req.buyIn,
      requestId: `join:${randomUUID()}`,
    });
    if (!joined.ok) {
      if (!alreadyWatching) session.removeWatch(actor.id);
      return joined;
    }
    if (!alreadyWatching) await actor.watch(session, undefined);
    return { seat: joined.seat, balance: joined.balance };
  },

  async 'table.leave'(session, req, ctx) {
    const actor = findTable(ctx, req.table);
    if (!actor) return notFound(req.table);
    const left = await actor.seatCommand(session.accountId, 'leave');
    if (!left.ok) return left;
    // Between hands the cash-out is queued right behind the leave: report the balance after it.
    // It is bounded: a store that is failing must not hold the reply; the wallet push follows.
    await settleWithin(actor.idle(), 2000);
    return { balance: await ctx.store.balance(session.accountId) };
  },

  async 'table.sit_out'(session, req, ctx) {
    return seatCommand(session, req.table, ctx, 'sit_out');
  },

  async 'table.sit_in'(session, req, ctx) {
    return seatCommand(session, req.table, ctx, 'sit_in');
  },

  async 'table.watch'(session, req, ctx) {
    const actor = findTable(ctx, req.table);
    if (!actor) return notFound(req.table);
    const summary = ctx.host.summary(actor.id);
    if (!summary) return notFound(req.table);
    if (!actor.options.spectators && actor.seatOf(session.accountId) === undefined) {
      return reject(ErrorCode.forbidden, 'this table does not allow spectators');
    }
    if (!session.watching(actor.id) && session.watchCount >= ctx.limits.maxWatchedTables) {
      return watchLimit(ctx);
    }
    session.removeWatch(actor.id);
    session.addWatch(actor);
    await actor.watch(session, req.since, (resumed) =>
      session.send(ackMessage<'table.watch'>(req.id, { table: summary, resumed })),
    );
    return ACKED;
  },

  'table.unwatch'(session, req) {
    session.removeWatch(req.table);
    return Promise.resolve({});
  },

  async 'table.act'(session, req, ctx) {
    const actor = findTable(ctx, req.table);
    if (!actor) return notFound(req.table);
    // The action's shape is checked at the edge, by the game's own schema, before it reaches the mailbox.
    const parsed = actor.game.parseAction(req.action);
    if (!parsed.ok) return parsed;
    const result = await actor.act(session.accountId, parsed.action);
    if (!result.ok) return result;
    return { seq: result.seq };
  },
};

async function seatCommand(
  session: Session,
  tableId: string,
  ctx: GatewayContext,
  kind: 'sit_out' | 'sit_in',
) {
  const actor = findTable(ctx, tableId);
  if (!actor) return notFound(tableId);
  const result = await actor.seatCommand(session.accountId, kind);
  return result.ok ? {} : result;
}

function watchLimit(ctx: GatewayContext): Rejection {
  return reject(ErrorCode.watchLimit, `at most ${ctx.limits.maxWatchedTables} tables per connection`);
}

function findTable(ctx: GatewayContext, tableId: string): TableActor | undefined {
  return ctx.host.get(tableId);
}

function notFound(tableId: string): Rejection {
  return reject(ErrorCode.tableNotFound, `no table ${tableId}`);
}

export type { TableSummary };
