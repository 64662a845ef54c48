// Polls the operator overview with the admin token and keeps each node's recent samples.
// `fetch` and the timer are injected, so several pollers (several clusters) can coexist.

import { Observable } from '../core/observable.js';
import { parseOverview, type NodeOverview } from './overview.js';
import { append, sampleOf, type Sample } from './series.js';

export type PollStatus =
  | { readonly kind: 'idle' }
  | { readonly kind: 'ok'; readonly at: number }
  | { readonly kind: 'error'; readonly message: string }
  | { readonly kind: 'unauthorized' };

export interface PollerOptions {
  readonly url: string;
  readonly token: string;
  readonly intervalMs: number;
  readonly fetch: typeof globalThis.fetch;
  readonly now?: () => number;
}

export class OverviewPoller {
  readonly nodes = new Observable<readonly NodeOverview[]>([]);
  readonly series = new Observable<ReadonlyMap<string, readonly Sample[]>>(new Map());
  readonly status = new Observable<PollStatus>({ kind: 'idle' });
  readonly #options: PollerOptions;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #stopped = true;

  constructor(options: PollerOptions) {
    this.#options = options;
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    void this.#tick();
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  /** One poll now; resolves when its result is recorded. */
  async poll(): Promise<void> {
    let response: Response;
    try {
      response = await this.#options.fetch(this.#options.url, {
        // The node answers with cache-control: no-store.
        headers: { authorization: `Bearer ${this.#options.token}`, accept: 'application/json' },
      });
    } catch (error) {
      this.status.set({ kind: 'error', message: `cannot reach the node (${String(error)})` });
      return;
    }
    if (response.status === 401 || response.status === 403) {
      this.status.set({ kind: 'unauthorized' });
      this.stop();
      return;
    }
    if (!response.ok) {
      this.status.set({ kind: 'error', message: `the node answered ${response.status}` });
      return;
    }
    try {
      const nodes = parseOverview(await response.json());
      this.#record(nodes);
      this.status.set({ kind: 'ok', at: (this.#options.now ?? Date.now)() });
    } catch (error) {
      this.status.set({
        kind: 'error',
        message: error instanceof Error ? error.message : 'unreadable answer',
      });
    }
  }

  #record(nodes: readonly NodeOverview[]): void {
    const next = new Map(this.series.value);
    for (const node of nodes) next.set(node.node, append(next.get(node.node) ?? [], sampleOf(node)));
    this.series.set(next);
    this.nodes.set(nodes);
  }

  async #tick(): Promise<void> {
    await this.poll();
    if (this.#stopped) return;
    this.#timer = setTimeout(() => void this.#tick(), this.#options.intervalMs);
  }
}
