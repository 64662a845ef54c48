// table.*: create, join, leave, sit out/in, watch/unwatch, act. Each finds its table through the
// TableRouter — on this node or another — and keeps this connection's own bookkeeping (which
// tables it watches, and the limit on them). Everything about the table itself is checked by its
// owner (tables/table-endpoint.ts).

import { reject, type Rejection } from '../../games/contract.js';
import { UnavailableError } from '../../ports/errors.js';
import { ErrorCode } from '../../protocol/codes.js';
import { tableIdFor } from '../tables/idempotent-create.js';
import type { GatewayContext } from './gateway-context.js';
import { ACKED, type HandlerMap } from './handlers.js';
import type { Session } from './session.js';

type TableTypes =
  | 'table.create'
  | 'table.join'
  | 'table.leave'
  | 'table.top_up'
  | 'table.sit_out'
  | 'table.sit_in'
  | 'table.watch'
  | 'table.unwatch'
  | 'table.act'
  | 'table.entropy';

export const tableHandlers: HandlerMap<TableTypes> = {
  async 'table.create'(session, req, ctx) {
    const created = await ctx.tables.create({
      ...(req.requestKey === undefined ? {} : { id: tableIdFor(session.accountId, req.requestKey) }),
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
    const table = await ctx.tables.find(req.table);
    if (!table) return notFound(req.table);
    const account = session.account;
    if (!account) return reject(ErrorCode.authRequired, 'sign in first');
    // Every limit is checked before any chip moves: the watch slot this join needs is reserved
    // first (so a concurrent watch cannot take it meanwhile) and given back if the join fails.
    const alreadyWatching = session.watching(table.id) !== undefined;
    if (!alreadyWatching) {
      if (session.watchCount >= ctx.limits.maxWatchedTables) return watchLimit(ctx);
      session.addWatch(table);
    }
    const joined = await table.join({
      accountId: account.id,
      name: account.nickname,
      seat: req.seat,
      amount: req.buyIn,
    });
    if (!joined.ok) {
      if (!alreadyWatching) session.removeWatch(table.id);
      return joined;
    }
    if (!alreadyWatching) {
      const refused = await table.watch(session, undefined, null);
      if (refused) session.removeWatch(table.id);
    }
    return { seat: joined.seat, balance: joined.balance };
  },

  async 'table.leave'(session, req, ctx) {
    const table = await ctx.tables.find(req.table);
    if (!table) return notFound(req.table);
    const left = await table.seatCommand(session.accountId, 'leave');
    if (!left.ok) return left;
    // The seat is given up whatever the wallet's state: with the Store down the cash-out waits in
    // the table's log, is written once it is back, and its wallet push brings the balance then.
    const balance = await ctx.store.balance(session.accountId).catch((error: unknown) => {
      if (error instanceof UnavailableError) return null;
      throw error;
    });
    return { balance };
  },

  async 'table.top_up'(session, req, ctx) {
    const table = await ctx.tables.find(req.table);
    if (!table) return notFound(req.table);
    const added = await table.topUp(session.accountId, req.amount);
    return added.ok ? { balance: added.balance } : added;
  },

  async 'table.sit_out'(session, req, ctx) {
    return seatCommand(session, req.table, ctx, 'sit_out');
  },

  async 'table.sit_in'(session, req, ctx) {
    return seatCommand(session, req.table, ctx, 'sit_in');
  },

  async 'table.watch'(session, req, ctx) {
    const table = await ctx.tables.find(req.table);
    if (!table) return notFound(req.table);
    if (!session.watching(table.id) && session.watchCount >= ctx.limits.maxWatchedTables) {
      return watchLimit(ctx);
    }
    session.removeWatch(table.id);
    session.addWatch(table);
    const refused = await table.watch(session, req.since, req.id);
    if (refused) {
      session.removeWatch(table.id);
      return refused;
    }
    return ACKED;
  },

  'table.unwatch'(session, req) {
    session.removeWatch(req.table);
    return Promise.resolve({});
  },

  async 'table.act'(session, req, ctx) {
    const table = await ctx.tables.find(req.table);
    if (!table) return notFound(req.table);
    const result = await table.act(session.accountId, req.action);
    if (!result.ok) return result;
    return { seq: result.seq };
  },

  async 'table.entropy'(session, req, ctx) {
    const table = await ctx.tables.find(req.table);
    if (!table) return notFound(req.table);
    const result = await table.contribute(session.accountId, req.hand, req.value);
    return result.ok ? {} : result;
  },
};

async function seatCommand(
  session: Session,
  tableId: string,
  ctx: GatewayContext,
  kind: 'sit_out' | 'sit_in',
) {
  const table = await ctx.tables.find(tableId);
  if (!table) return notFound(tableId);
  const result = await table.seatCommand(session.accountId, kind);
  return result.ok ? {} : result;
}

function watchLimit(ctx: GatewayContext): Rejection {
  return reject(ErrorCode.watchLimit, `at most ${ctx.limits.maxWatchedTables} tables per connection`);
}

function notFound(tableId: string): Rejection {
  return reject(ErrorCode.tableNotFound, `no table ${tableId}`);
}
