// ping, wallet, lobby and hand-history requests.

import { reject } from '../../games/contract.js';
import type { HandCursor, HandHistory } from '../../ports/store.js';
import { ErrorCode } from '../../protocol/codes.js';
import type { GameId, HandSummary } from '../../protocol/messages.js';
import type { HandlerMap } from './handlers.js';
import type { GatewayContext } from './gateway-context.js';

type InfoTypes =
  | 'ping'
  | 'wallet.get'
  | 'lobby.list'
  | 'lobby.subscribe'
  | 'lobby.unsubscribe'
  | 'history.list'
  | 'history.get';

export const infoHandlers: HandlerMap<InfoTypes> = {
  ping(_session, _req, ctx) {
    return Promise.resolve({ now: ctx.clock.now() });
  },

  async 'wallet.get'(session, _req, ctx) {
    return { balance: await ctx.store.balance(session.accountId) };
  },

  'lobby.list'(_session, req, ctx) {
    const filter = {
      game: req.game,
      minStake: req.minStake,
      maxStake: req.maxStake,
      freeSeats: req.freeSeats,
    };
    return Promise.resolve(ctx.lobby.list(filter, req.limit, req.cursor));
  },

  'lobby.subscribe'(session, _req, ctx) {
    session.setLobbyListener(
      ctx.lobby.onChange((change) =>
        session.send(
          JSON.stringify(
            change.type === 'update'
              ? { type: 'lobby.update', table: change.table }
              : { type: 'lobby.remove', table: change.table },
          ),
        ),
      ),
    );
    return Promise.resolve({ tables: ctx.lobby.all() });
  },

  'lobby.unsubscribe'(session) {
    session.setLobbyListener(null);
    return Promise.resolve({});
  },

  async 'history.list'(session, req, ctx) {
    if (req.scope === 'table') return tableHistory(session.accountId, req, ctx);
    const before = req.cursor === undefined ? undefined : decodeCursor(req.cursor);
    if (before === null) return reject(ErrorCode.invalidMessage, 'invalid cursor');
    const hands = await ctx.store.handsOf(session.accountId, {
      limit: req.limit + 1,
      ...(before === undefined ? {} : { before }),
      ...(req.table === undefined ? {} : { table: req.table }),
    });
    const page = hands.slice(0, req.limit);
    const last = page[page.length - 1];
    return {
      hands: page.map((h) => summarize(h, netOf(ctx, h, session.accountId))),
      next: hands.length > req.limit && last ? encodeCursor(last) : null,
    };
  },

  async 'history.get'(session, req, ctx) {
    const hand = await ctx.store.hand(req.table, req.hand);
    // A hand's players read it as they may see it; at a table anyone may watch, anyone reads it as a
    // spectator would have seen it. To anyone else it does not exist.
    const played = hand?.players.includes(session.accountId) === true;
    if (!hand || (!played && !watchable(ctx, req.table)))
      return reject(ErrorCode.notFound, 'no such hand among yours');
    const descriptor = ctx.host.descriptorOf(req.table) ?? ctx.catalog.get(hand.game as GameId);
    if (!descriptor) return reject(ErrorCode.notFound, 'unknown game');
    const record: unknown = descriptor.module.recordFor(hand.record, played ? session.accountId : 'public');
    return { hand: { ...summarize(hand, played ? netOf(ctx, hand, session.accountId) : null), record } };
  },
};

/** A table's hands for anyone who may watch it (scope 'table'): newest first, paged by hand number. */
async function tableHistory(
  accountId: string,
  req: { readonly table?: string | undefined; readonly limit: number; readonly cursor?: string | undefined },
  ctx: GatewayContext,
) {
  if (req.table === undefined) return reject(ErrorCode.invalidMessage, "scope 'table' needs a table");
  if (!watchable(ctx, req.table)) return reject(ErrorCode.forbidden, 'this table does not allow spectators');
  const before = req.cursor === undefined ? undefined : Number(req.cursor);
  if (before !== undefined && !(Number.isSafeInteger(before) && before > 0))
    return reject(ErrorCode.invalidMessage, 'invalid cursor');
  const hands = await ctx.store.handsAt(req.table, {
    limit: req.limit + 1,
    ...(before === undefined ? {} : { before }),
  });
  const page = hands.slice(0, req.limit);
  const last = page[page.length - 1];
  return {
    hands: page.map((h) => summarize(h, h.players.includes(accountId) ? netOf(ctx, h, accountId) : null)),
    next: hands.length > req.limit && last ? String(last.hand) : null,
  };
}

/** The table is open and anyone may watch it (its lobby summary says so, from any node). */
function watchable(ctx: GatewayContext, tableId: string): boolean {
  return (ctx.host.summary(tableId) ?? ctx.lobby.get(tableId))?.spectators === true;
}

function summarize(h: HandHistory, net: number | null): HandSummary {
  return { table: h.tableId, hand: h.hand, game: h.game as GameId, endedAt: h.endedAt, net };
}

/** What `accountId` won or lost in the hand, by its game's own reading of the record. */
function netOf(ctx: GatewayContext, h: HandHistory, accountId: string): number | null {
  const descriptor = ctx.catalog.get(h.game as GameId);
  return descriptor?.module.netFor?.(h.record, accountId) ?? null;
}

function encodeCursor(h: HandHistory): string {
  return Buffer.from(JSON.stringify([h.endedAt, h.tableId, h.hand])).toString('base64url');
}

function decodeCursor(cursor: string): HandCursor | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 3) return null;
    const [endedAt, tableId, hand] = parsed as unknown[];
    if (typeof endedAt !== 'number' || typeof tableId !== 'string' || typeof hand !== 'number') return null;
    return { endedAt, tableId, hand };
  } catch {
    return null;
  }
}
