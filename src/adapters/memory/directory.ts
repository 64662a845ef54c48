// In-memory Directory. Epochs live as long as the instance, so it suits tests and a node with an
// in-memory TableLog; a node with a durable log needs SqliteDirectory, whose epochs survive a
// restart and therefore always exceed every fence the log has seen.

import type { Directory, Ownership } from '../../ports/directory.js';

interface Entry {
  /** The highest epoch ever granted; kept after release so the next acquire continues from it. */
  epoch: number;
  owner: string | null;
}

export class MemoryDirectory implements Directory {
  private readonly entries = new Map<string, Entry>();

  acquire(tableId: string, nodeId: string, expectEpoch?: number): Promise<Ownership | null> {
    const entry = this.entries.get(tableId) ?? { epoch: 0, owner: null };
    if (expectEpoch !== undefined && entry.epoch !== expectEpoch) return Promise.resolve(null);
    entry.epoch += 1;
    entry.owner = nodeId;
    this.entries.set(tableId, entry);
    return Promise.resolve({ tableId, nodeId, epoch: entry.epoch });
  }

  lookup(tableId: string): Promise<Ownership | null> {
    const entry = this.entries.get(tableId);
    const owner = entry?.owner ?? null;
    return Promise.resolve(entry && owner !== null ? { tableId, nodeId: owner, epoch: entry.epoch } : null);
  }

  epochOf(tableId: string): Promise<number> {
    return Promise.resolve(this.entries.get(tableId)?.epoch ?? 0);
  }

  ownedBy(nodeId: string): Promise<Ownership[]> {
    const owned: Ownership[] = [];
    for (const [tableId, entry] of this.entries) {
      if (entry.owner === nodeId) owned.push({ tableId, nodeId, epoch: entry.epoch });
    }
    return Promise.resolve(owned);
  }

  release(tableId: string, nodeId: string, epoch: number): Promise<boolean> {
    const entry = this.entries.get(tableId);
    if (entry?.owner !== nodeId || entry.epoch !== epoch) return Promise.resolve(false);
    entry.owner = null;
    return Promise.resolve(true);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
