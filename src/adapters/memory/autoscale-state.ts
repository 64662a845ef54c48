// In-memory AutoscaleState: the reference implementation, for tests and `pitboss cluster` runs that
// keep everything in one process. Time comes from `now` (default Date.now).

import type { AutoscaleState, DecisionRecord, PlayersAt } from '../../ports/autoscale-state.js';
import { checkCountAt, checkLease, checkLimit, settle } from '../validate.js';

export class MemoryAutoscaleState implements AutoscaleState {
  readonly #now: () => number;
  #lease: { holder: string; expiresAt: number } | null = null;
  #journal: DecisionRecord[] = [];
  /** Oldest first. */
  #players: PlayersAt[] = [];

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  claim(holder: string, ttlMs: number): Promise<boolean> {
    return settle(() => {
      checkLease(holder, ttlMs);
      const now = this.#now();
      const lease = this.#lease;
      if (lease !== null && lease.expiresAt > now && lease.holder !== holder) return false;
      this.#lease = { holder, expiresAt: now + ttlMs };
      return true;
    });
  }

  release(holder: string): Promise<void> {
    if (this.#lease?.holder === holder) this.#lease = null;
    return Promise.resolve();
  }

  leader(): Promise<string | null> {
    const lease = this.#lease;
    return Promise.resolve(lease !== null && lease.expiresAt > this.#now() ? lease.holder : null);
  }

  record(decision: DecisionRecord, keep: number): Promise<void> {
    return settle(() => {
      checkLimit(keep);
      this.#journal = [structuredClone(decision), ...this.#journal].slice(0, keep);
    });
  }

  recent(limit: number): Promise<DecisionRecord[]> {
    return settle(() => {
      checkLimit(limit);
      return this.#journal.slice(0, limit).map((d) => structuredClone(d));
    });
  }

  recordPlayers(point: PlayersAt, keepMs: number): Promise<void> {
    return settle(() => {
      checkCountAt(point.at, point.players, keepMs);
      const from = point.at - keepMs;
      this.#players = [
        ...this.#players.filter((p) => p.at !== point.at && p.at >= from),
        { at: point.at, players: point.players },
      ].sort((a, b) => a.at - b.at);
    });
  }

  playersSince(since: number): Promise<PlayersAt[]> {
    return Promise.resolve(this.#players.filter((p) => p.at >= since).map((p) => ({ ...p })));
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
