// Requests waiting for their reply: ids, per-request timeouts, and settling them all at once when
// the connection drops.

import type { RequestId } from '../protocol/messages.js';
import { ClientErrorCode, PitbossRequestError } from './errors.js';

interface Entry {
  readonly type: string;
  readonly onAck: ((result: unknown) => void) | undefined;
  readonly resolve: (result: unknown) => void;
  readonly reject: (error: PitbossRequestError) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

export class PendingRequests {
  readonly #entries = new Map<RequestId, Entry>();
  // Ids are never reused on a connection, so a late reply can never match a newer request.
  #nextId = 1;

  get size(): number {
    return this.#entries.size;
  }

  /**
   * Registers a request and returns its id and the promise of its result. `onAck` runs
   * synchronously when the ack is matched — before any later frame is handled, which promise
   * continuations cannot promise when several frames arrive in one read.
   */
  add(
    type: string,
    timeoutMs: number,
    onAck?: (result: unknown) => void,
  ): { id: number; result: Promise<unknown> } {
    const id = this.#nextId++;
    const result = new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (!this.#entries.delete(id)) return;
        reject(
          new PitbossRequestError(
            ClientErrorCode.timeout,
            `${type} (id ${id}) got no reply within ${timeoutMs} ms`,
            id,
            type,
          ),
        );
      }, timeoutMs);
      this.#entries.set(id, { type, onAck, resolve, reject, timer });
    });
    return { id, result };
  }

  /** Settles the request `ref` with its ack. False when no such request is waiting (timed out). */
  resolve(ref: RequestId, result: unknown): boolean {
    const entry = this.#take(ref);
    if (!entry) return false;
    entry.onAck?.(result);
    entry.resolve(result);
    return true;
  }

  /** Settles the request `ref` with an error. False when no such request is waiting. */
  reject(ref: RequestId, code: string, message: string, cause?: unknown): boolean {
    const entry = this.#take(ref);
    const options = cause === undefined ? undefined : { cause };
    entry?.reject(new PitbossRequestError(code, message, ref, entry.type, options));
    return entry !== undefined;
  }

  /** Rejects every waiting request with `code` (the connection dropped or the client closed). */
  rejectAll(code: string, message: string, cause?: unknown): void {
    const entries = [...this.#entries];
    this.#entries.clear();
    for (const [id, entry] of entries) {
      clearTimeout(entry.timer);
      const options = cause === undefined ? undefined : { cause };
      entry.reject(
        new PitbossRequestError(code, `${entry.type} (id ${id}): ${message}`, id, entry.type, options),
      );
    }
  }

  #take(ref: RequestId): Entry | undefined {
    const entry = this.#entries.get(ref);
    if (!entry) return undefined;
    this.#entries.delete(ref);
    clearTimeout(entry.timer);
    return entry;
  }
}
