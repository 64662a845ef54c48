// One node link: a WebSocket between two nodes carrying the cluster protocol (link-protocol.ts).
// Requests carry ids and time out; every incoming message is parsed with the protocol's schema
// (a peer is trusted to be a Pitboss node, not to be bug-free); frames for the other side's
// connections are batched per tick and deduplicated, so a table's event reaches each node once
// per distinct projection however many of that node's connections watch it.

import type { RawData, WebSocket } from 'ws';
import { LinkMessageSchema, type LinkMessage, type LinkRequest } from './link-protocol.js';

export interface LinkHandlers {
  /** A request from the peer (it is the gateway, this node the owner). */
  onRequest?(request: LinkRequest): Promise<unknown>;
  /** The peer stopped watching a table for one of its connections. */
  onUnwatch?(table: string, session: string): void;
  /** Frames for this node's connections. */
  onDeliver?(sessions: readonly string[], data: string): void;
  /** The owner ended a watch itself. */
  onEnded?(table: string, session: string): void;
  /** The peer will close this link: no request may be sent on it any more. */
  onBye?(): void;
  onClose?(): void;
  /** A message that failed validation or a handler that threw: logged, the link stays up. */
  onProblem?(problem: string, error?: unknown): void;
}

export class LinkTimeoutError extends Error {
  constructor(
    readonly op: string,
    readonly peer: string,
  ) {
    super(`node ${peer} did not answer ${op} in time`);
    this.name = 'LinkTimeoutError';
  }
}

/** How long a parting link keeps answering after its bye, at least (the peer's last requests). */
const PART_MIN_WAIT_MS = 100;

export class LinkClosedError extends Error {
  constructor(
    readonly peer: string,
    /** Whether the request had been sent before the link closed (then its outcome is unknown). */
    readonly sent: boolean,
    options?: ErrorOptions,
  ) {
    super(`the link to node ${peer} is closed`, options);
    this.name = 'LinkClosedError';
  }
}

export class NodeLink {
  readonly peer: string;
  readonly #ws: WebSocket;
  readonly #handlers: LinkHandlers;
  readonly #timeoutMs: number;
  readonly #pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }
  >();
  /** Frames to deliver this tick, in order, each with the peer's sessions that get it. */
  #outbox: Outbox | null = null;
  #nextId = 1;
  #closed = false;
  /** The peer said bye: requests are refused here (never sent), answers still arrive. */
  #parting = false;
  /** Requests from the peer being served now. */
  #serving = 0;

  constructor(ws: WebSocket, peer: string, handlers: LinkHandlers, options: { timeoutMs?: number } = {}) {
    this.#ws = ws;
    this.peer = peer;
    this.#handlers = handlers;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    ws.on('message', (data) => this.#receive(data));
    ws.on('close', () => this.#closedNow());
    ws.on('error', (error) => handlers.onProblem?.('link error', error));
  }

  /** Sends a request and resolves with the peer's raw result (the caller validates it). */
  request(req: LinkRequest): Promise<unknown> {
    if (this.#closed || this.#parting) return Promise.reject(new LinkClosedError(this.peer, false));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new LinkTimeoutError(req.op, this.peer));
      }, this.#timeoutMs);
      this.#pending.set(id, { resolve, reject, timer });
      this.#send({ t: 'req', id, req });
    });
  }

  unwatch(table: string, session: string): void {
    this.#send({ t: 'unwatch', table, session });
  }

  ended(table: string, session: string): void {
    this.#flush();
    this.#send({ t: 'ended', table, session });
  }

  /** Queues `data` for the peer's connection `session`; sent at the end of this tick. */
  deliver(session: string, data: string): void {
    if (this.#closed) return;
    if (this.#outbox === null) {
      this.#outbox = new Outbox();
      process.nextTick(() => this.#flush());
    }
    this.#outbox.add(session, data);
  }

  /**
   * Closes the link without losing a request: tells the peer to send nothing more, answers what it
   * sent before it heard that (for `graceMs`, or until nothing is being served), then closes.
   */
  async part(graceMs: number, code = 1001, reason = 'node stopping'): Promise<void> {
    if (this.#closed) return;
    this.#send({ t: 'bye' });
    const until = Date.now() + graceMs;
    // The peer's last requests may still be on the wire: wait at least one round trip's worth.
    await new Promise((resolve) => setTimeout(resolve, Math.min(graceMs, PART_MIN_WAIT_MS)));
    while (this.#serving > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
    this.#flush();
    this.close(code, reason);
  }

  /** Drops the connection at once, without a closing handshake (the peer is dead or frozen). */
  terminate(): void {
    this.#ws.terminate();
    this.#closedNow();
  }

  close(code = 1000, reason = 'closing'): void {
    this.#ws.close(code, reason);
    this.#closedNow();
  }

  #flush(): void {
    const outbox = this.#outbox;
    this.#outbox = null;
    if (!outbox) return;
    for (const { data, sessions } of outbox.entries) this.#sendRaw(encodeDeliver(sessions, data));
  }

  #send(message: LinkMessage): void {
    this.#sendRaw(JSON.stringify(message));
  }

  #sendRaw(text: string): void {
    if (this.#closed || this.#ws.readyState !== this.#ws.OPEN) return;
    this.#ws.send(text);
  }

  #receive(raw: RawData): void {
    let message: LinkMessage;
    try {
      const text = Array.isArray(raw)
        ? Buffer.concat(raw).toString('utf8')
        : Buffer.from(raw as Buffer).toString('utf8');
      if (text.startsWith(DELIVER_TAG)) {
        const deliver = decodeDeliver(text);
        if (!deliver) return this.#handlers.onProblem?.('invalid deliver frame');
        return this.#guard(() => this.#handlers.onDeliver?.(deliver.sessions, deliver.data));
      }
      const json: unknown = JSON.parse(text);
      const parsed = LinkMessageSchema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        this.#handlers.onProblem?.(
          `invalid link message: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`,
        );
        // A request the peer is waiting on gets an answer at once, not a timeout.
        const id = requestIdOf(json);
        if (id !== null)
          this.#send({
            t: 'res',
            id,
            result: { ok: false, code: 'protocol/invalid_message', message: 'invalid link request' },
          });
        return;
      }
      message = parsed.data;
    } catch (error) {
      return this.#handlers.onProblem?.('unreadable link message', error);
    }
    switch (message.t) {
      case 'req':
        return this.#serve(message.id, message.req);
      case 'res': {
        const pending = this.#pending.get(message.id);
        if (!pending) return;
        this.#pending.delete(message.id);
        clearTimeout(pending.timer);
        pending.resolve(message.result);
        return;
      }
      case 'unwatch':
        return this.#guard(() => this.#handlers.onUnwatch?.(message.table, message.session));
      case 'ended':
        return this.#guard(() => this.#handlers.onEnded?.(message.table, message.session));
      case 'bye':
        this.#parting = true;
        return this.#guard(() => this.#handlers.onBye?.());
    }
  }

  #serve(id: number, req: LinkRequest): void {
    const served = this.#handlers.onRequest?.(req);
    if (!served) return;
    this.#serving += 1;
    void served.finally(() => (this.#serving -= 1)).catch(() => undefined);
    served.then(
      (result) => {
        // Frames queued while serving (a watch's ack and view) go before the response.
        this.#flush();
        this.#send({ t: 'res', id, result });
      },
      (error: unknown) => {
        this.#handlers.onProblem?.(`serving ${req.op} failed`, error);
        this.#send({
          t: 'res',
          id,
          result: { ok: false, code: 'server/internal', message: 'the owner node failed' },
        });
      },
    );
  }

  #guard(work: () => void): void {
    try {
      work();
    } catch (error) {
      this.#handlers.onProblem?.('link handler failed', error);
    }
  }

  #closedNow(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#outbox = null;
    for (const [id, pending] of this.#pending) {
      clearTimeout(pending.timer);
      pending.reject(new LinkClosedError(this.peer, true));
      this.#pending.delete(id);
    }
    this.#handlers.onClose?.();
  }
}

/**
 * Frames for the peer's connections travel as `D<session>,<session>…\n<frame>`, not as JSON: the
 * frame is a server message the owner already serialized for those connections, which the gateway
 * passes on untouched — wrapping it in JSON would escape it on one side and parse it on the other
 * for every event. The header is checked like any link input; the frame itself is the owner's.
 */
const DELIVER_TAG = 'D';
const SESSION_ID = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_SESSIONS = 100_000;

function encodeDeliver(sessions: readonly string[], data: string): string {
  return `${DELIVER_TAG}${sessions.join(',')}\n${data}`;
}

function decodeDeliver(text: string): { sessions: string[]; data: string } | null {
  const newline = text.indexOf('\n');
  if (newline < 2) return null;
  const sessions = text.slice(1, newline).split(',');
  if (sessions.length > MAX_SESSIONS || !sessions.every((s) => SESSION_ID.test(s))) return null;
  return { sessions, data: text.slice(newline + 1) };
}

/** The id of something shaped like a request, so even an invalid one can be answered. */
function requestIdOf(json: unknown): number | null {
  if (typeof json !== 'object' || json === null) return null;
  const { t, id } = json as { t?: unknown; id?: unknown };
  return t === 'req' && typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : null;
}

/**
 * One tick's frames. A frame several sessions get (the spectators' copy of an event, say) is
 * sent once with all of them — but only where that keeps every session's own order: a session
 * joins an earlier entry only if it has been given nothing after that entry.
 */
class Outbox {
  readonly entries: { data: string; sessions: string[] }[] = [];
  readonly #latestOf = new Map<string, number>();
  readonly #lastFor = new Map<string, number>();

  add(session: string, data: string): void {
    const index = this.#latestOf.get(data);
    if (index !== undefined && (this.#lastFor.get(session) ?? -1) < index) {
      this.entries[index]?.sessions.push(session);
      this.#lastFor.set(session, index);
      return;
    }
    this.entries.push({ data, sessions: [session] });
    const added = this.entries.length - 1;
    this.#latestOf.set(data, added);
    this.#lastFor.set(session, added);
  }
}
