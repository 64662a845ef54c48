// One WebSocket connection: the edge of the system. Everything a client sends is untrusted and is
// checked here, in order: frame size (by ws), rate, JSON, schema, protocol state (hello first,
// authentication before anything but hello/auth/ping), and only then handed to a request handler.
// Whatever a client sends, the answer is a typed error or a close code — never a thrown exception
// out of this file, never a changed table.

import { randomUUID } from 'node:crypto';
import type { RawData, WebSocket } from 'ws';
import type { Rejection } from '../../games/contract.js';
import { UnavailableError } from '../../ports/errors.js';
import type { Account } from '../../ports/store.js';
import { CloseCode, ErrorCode, PROTOCOL_VERSION } from '../../protocol/codes.js';
import {
  ClientMessageSchema,
  type AccountInfo,
  type ClientMessage,
  type RequestId,
} from '../../protocol/messages.js';
import type { TimerHandle } from '../clock.js';
import type { OutgoingFrame } from '../tables/fanout.js';
import type { TableHandle, WatchingConnection } from '../tables/table-handle.js';
import type { GatewayContext } from './gateway-context.js';
import { ACKED, handleRequest } from './handlers.js';
import { RateLimiter } from './rate-limiter.js';

/** ws's options for a message given as bytes: still a text frame, as every protocol message is. */
const TEXT_FRAME = { binary: false } as const;

/** Longest error message sent back (they may quote parts of the offending frame). */
const MAX_ERROR_MESSAGE = 200;

/** Requests allowed before the connection is authenticated. */
const OPEN_REQUESTS: ReadonlySet<string> = new Set([
  'hello',
  'auth.guest',
  'auth.register',
  'auth.login',
  'auth.token',
  'ping',
]);

export class Session implements WatchingConnection {
  readonly id = randomUUID();
  readonly ip: string;
  readonly #ws: WebSocket;
  readonly #ctx: GatewayContext;
  readonly #limiter: RateLimiter;
  readonly #watching = new Map<string, TableHandle>();
  #hello = false;
  #account: Account | null = null;
  #tokenExpiry: TimerHandle | null = null;
  #authTimer: TimerHandle | null;
  #lobbyOff: (() => void) | null = null;
  #closed = false;
  /** Requests being handled now: a closing node answers them before it closes the connection. */
  readonly #inFlight = new Set<Promise<void>>();
  /** The peer showed it is there (any frame, or a pong) since the last heartbeat visit. */
  #heard = true;
  /** The last heartbeat visit pinged, having heard nothing for a whole interval. */
  #pinged = false;

  constructor(ws: WebSocket, ip: string, ctx: GatewayContext) {
    this.#ws = ws;
    this.ip = ip;
    this.#ctx = ctx;
    this.#limiter = new RateLimiter(ctx.limits.rate, ctx.clock.now());
    this.#authTimer = ctx.clock.after(ctx.limits.authTimeoutMs, () => {
      if (!this.#account) this.close(CloseCode.authTimeout, 'authentication timed out');
    });
    ws.on('message', (data, isBinary) => this.#receive(data, isBinary));
    ws.on('close', () => this.#cleanup());
    ws.on('error', (error) => ctx.logger.debug({ session: this.id, err: error }, 'websocket error'));
    ws.on('pong', () => (this.#heard = true));
  }

  get accountId(): string {
    return this.#account?.id ?? '';
  }

  get account(): Account | null {
    return this.#account;
  }

  get helloDone(): boolean {
    return this.#hello;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Sends one serialized message, closing the connection instead if the client reads too slowly. */
  send(data: OutgoingFrame): void {
    if (this.#closed) return;
    if (this.#ws.bufferedAmount > this.#ctx.limits.slowConsumerBytes) {
      this.close(CloseCode.slowConsumer, 'slow consumer');
      return;
    }
    // A shared frame's bytes go out as they are, in a text frame like any other message.
    if (typeof data === 'string') this.#ws.send(data);
    else this.#ws.send(data.bytes, TEXT_FRAME);
    this.#ctx.metrics.messagesOut.inc();
  }

  close(code: number, reason: string): void {
    if (this.#closed) return;
    this.#ctx.metrics.closes.inc({ code: String(code) });
    // The node closing a client (a limit, a protocol error, an expired token) is worth a line for
    // operators; a shutdown closes every connection and is logged once by the node instead.
    if (code !== CloseCode.goingAway) {
      this.#ctx.logger.info(
        { session: this.id, account: this.#account?.id, code, reason },
        'connection closed by the node',
      );
    }
    this.#cleanup();
    this.#ws.close(code, reason);
    // A peer that never answers the close handshake is cut off.
    const ws = this.#ws;
    this.#ctx.clock.after(2000, () => ws.terminate());
  }

  /**
   * One heartbeat visit, once per interval: false when the peer is gone (pinged a whole interval
   * ago, and nothing heard since). A peer heard from since the last visit is not pinged: any frame
   * proves it is there as well as a pong would, and at a playing table that saves a ping and its
   * pong (a write, a read and a wake-up) per player per interval. A dead peer is still found within
   * two intervals of the last thing it sent.
   */
  heartbeat(): boolean {
    if (this.#heard) {
      this.#heard = false;
      this.#pinged = false;
      return true;
    }
    if (this.#pinged) return false;
    this.#pinged = true;
    this.ping();
    return true;
  }

  ping(): void {
    if (!this.#closed) this.#ws.ping();
  }

  terminate(): void {
    this.#cleanup();
    this.#ws.terminate();
  }

  // ── State changes made by handlers ─────────────────────────────────────────────────────────

  completeHello(): void {
    this.#hello = true;
  }

  authenticate(account: Account, expiresAt: number | null): void {
    if (this.#account && this.#account.id !== account.id) {
      // Switching accounts on one connection: drop what the previous account was watching.
      for (const table of this.#watching.values()) table.unwatch(this);
      this.#watching.clear();
      this.#ctx.registry.remove(this);
    }
    if (!this.#account) this.#ctx.metrics.authenticated.inc();
    this.#account = account;
    this.#authTimer?.cancel();
    this.#authTimer = null;
    this.#ctx.registry.add(this);
    this.#tokenExpiry?.cancel();
    if (expiresAt !== null) {
      this.#tokenExpiry = this.#ctx.clock.after(Math.max(0, expiresAt - this.#ctx.clock.now()), () =>
        this.close(CloseCode.authExpired, 'session token expired'),
      );
    }
  }

  accountInfo(): AccountInfo | null {
    const a = this.#account;
    return a ? { id: a.id, nickname: a.nickname, kind: a.kind, username: a.username } : null;
  }

  watching(tableId: string): TableHandle | undefined {
    return this.#watching.get(tableId);
  }

  get watchCount(): number {
    return this.#watching.size;
  }

  addWatch(table: TableHandle): void {
    this.#watching.set(table.id, table);
  }

  removeWatch(tableId: string): void {
    const actor = this.#watching.get(tableId);
    if (!actor) return;
    actor.unwatch(this);
    this.#watching.delete(tableId);
  }

  /** The table ended this watch itself (TableSubscriber). */
  unwatched(tableId: string): void {
    this.#watching.delete(tableId);
  }

  setLobbyListener(off: (() => void) | null): void {
    this.#lobbyOff?.();
    this.#lobbyOff = off;
  }

  // ── Incoming frames ────────────────────────────────────────────────────────────────────────

  #receive(data: RawData, isBinary: boolean): void {
    if (this.#closed) return;
    this.#heard = true;
    this.#ctx.metrics.messageIn();
    // Cost before any work: the frame's bytes count against this connection and its whole IP.
    const now = this.#ctx.clock.now();
    const bytes = frameBytes(data);
    let verdict = this.#limiter.take(now, bytes);
    if (verdict === 'allow' && !this.#ctx.ipBudget.take(this.ip, now, bytes))
      verdict = this.#limiter.strike();
    if (verdict === 'close') return this.close(CloseCode.rateLimited, 'too many messages');
    if (verdict === 'refuse')
      return this.#error(refOfSmallFrame(data), ErrorCode.rateLimited, 'slow down: too many messages');

    if (isBinary)
      return this.#malformed(
        null,
        ErrorCode.invalidMessage,
        'binary frames are not accepted; send JSON text',
      );
    let json: unknown;
    try {
      json = JSON.parse(rawToString(data));
    } catch {
      return this.#malformed(null, ErrorCode.badJson, 'the frame is not valid JSON');
    }
    const parsed = ClientMessageSchema.safeParse(json);
    if (!parsed.success) {
      const ref = requestIdOf(json);
      const unknownType = parsed.error.issues.some(
        (i) => i.code === 'invalid_union' && i.path.length === 1 && i.path[0] === 'type',
      );
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      return this.#malformed(
        ref,
        unknownType ? ErrorCode.unknownType : ErrorCode.invalidMessage,
        unknownType ? 'unknown message type' : `invalid message: ${where}${issue?.message ?? 'malformed'}`,
      );
    }
    const message = parsed.data;
    if (!this.#hello && message.type !== 'hello') {
      this.#error(message.id, ErrorCode.helloRequired, 'send hello first');
      return this.close(CloseCode.protocolError, 'hello required');
    }
    if (!this.#account && !OPEN_REQUESTS.has(message.type)) {
      return this.#error(message.id, ErrorCode.authRequired, 'sign in first');
    }
    const handling = this.#dispatch(message);
    this.#inFlight.add(handling);
    void handling.finally(() => this.#inFlight.delete(handling));
  }

  /**
   * Resolves once every request received so far has been answered (or after `maxMs`): a node that
   * drained closes connections only then, so an action forwarded to the table's new owner is not
   * cut off from its ack (the player would be told the outcome is unknown).
   */
  async answered(maxMs: number): Promise<void> {
    const deadline = Date.now() + maxMs;
    while (this.#inFlight.size > 0 && Date.now() < deadline) {
      await Promise.race([
        Promise.allSettled([...this.#inFlight]),
        new Promise((resolve) => setTimeout(resolve, Math.max(0, deadline - Date.now()))),
      ]);
    }
  }

  async #dispatch(message: ClientMessage): Promise<void> {
    try {
      const result = await handleRequest(this, message, this.#ctx);
      if (result === ACKED) return;
      if (isRejection(result)) {
        // `table/moved` is between nodes; a client that still gets it (the node is stopping) retries.
        if (result.code === ErrorCode.tableMoved)
          this.#error(message.id, ErrorCode.tableUnavailable, 'the table is moving; try again');
        else this.#error(message.id, result.code, result.message);
      } else this.send(JSON.stringify({ type: 'ack', ref: message.id, result }));
    } catch (error) {
      if (error instanceof UnavailableError) {
        // A store outage (PostgreSQL down): the request changed nothing and may be retried.
        this.#ctx.logger.warn(
          { session: this.id, request: message.type, err: error },
          'request refused: a store is unavailable',
        );
        return this.#error(
          message.id,
          ErrorCode.storeUnavailable,
          'a store is unavailable; try again shortly',
        );
      }
      this.#ctx.logger.error(
        { session: this.id, account: this.accountId, request: message.type, err: error },
        'request failed',
      );
      this.#error(message.id, ErrorCode.internal, 'the server failed to handle this request');
    }
  }

  #malformed(ref: RequestId | null, code: string, message: string): void {
    // Malformed frames count double against the flood budget.
    if (this.#limiter.strike() === 'close')
      return this.close(CloseCode.rateLimited, 'too many malformed messages');
    this.#error(ref, code, message);
  }

  #error(ref: RequestId | null, code: string, message: string): void {
    this.#ctx.metrics.rejected(code);
    // Error text can quote the offending input (zod names unknown keys): never echo a flood back.
    const text = message.length > MAX_ERROR_MESSAGE ? `${message.slice(0, MAX_ERROR_MESSAGE - 1)}…` : message;
    this.send(JSON.stringify({ type: 'error', ref, code, message: text }));
  }

  #cleanup(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#authTimer?.cancel();
    this.#tokenExpiry?.cancel();
    for (const table of this.#watching.values()) table.unwatch(this);
    this.#watching.clear();
    this.#lobbyOff?.();
    this.#lobbyOff = null;
    if (this.#account) {
      this.#ctx.registry.remove(this);
      this.#ctx.metrics.authenticated.dec();
    }
    this.#ctx.onSessionClosed(this);
  }
}

export { PROTOCOL_VERSION };

function isRejection(value: unknown): value is Rejection {
  return typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false;
}

function frameBytes(data: RawData): number {
  return Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data.byteLength;
}

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

/**
 * The request id of a refused frame, so the client can match the refusal to its request. Only
 * small frames are parsed for it: a flood must not buy itself full JSON parsing.
 */
function refOfSmallFrame(data: RawData): RequestId | null {
  if (frameBytes(data) > 1024) return null;
  try {
    return requestIdOf(JSON.parse(rawToString(data)));
  } catch {
    return null;
  }
}

function requestIdOf(json: unknown): RequestId | null {
  if (typeof json !== 'object' || json === null) return null;
  const id = (json as { id?: unknown }).id;
  if (typeof id === 'string' && id.length > 0 && id.length <= 64) return id;
  if (typeof id === 'number' && Number.isSafeInteger(id) && id >= 0) return id;
  return null;
}
