// In-memory TableLog: the reference implementation of the contract, used by unit tests and by
// single-process setups that need no durability. Instances are independent; to model two nodes
// sharing one log, hand both the same instance.

import { FencedError, SequenceConflictError } from '../../ports/errors.js';
import type { LogEntry, Snapshot, TableLog } from '../../ports/table-log.js';
import { checkAppendArgs, checkEpoch, checkSeq, settle } from '../validate.js';

interface TableState {
  fence: number;
  lastSeq: number;
  /** Retained entries; entries[i].seq === firstSeq + i. */
  entries: LogEntry[];
  firstSeq: number;
  snapshot: Snapshot | null;
}

export class MemoryTableLog implements TableLog {
  private readonly tables = new Map<string, TableState>();

  fence(tableId: string, epoch: number): Promise<number> {
    return settle(() => {
      checkEpoch(epoch);
      const table = this.state(tableId);
      if (epoch < table.fence) throw new FencedError(tableId, epoch, table.fence);
      table.fence = epoch;
      return epoch;
    });
  }

  append(tableId: string, epoch: number, nextSeq: number, records: readonly string[]): Promise<number> {
    return settle(() => {
      checkAppendArgs(epoch, nextSeq, records);
      const table = this.fenced(tableId, epoch);
      if (nextSeq !== table.lastSeq + 1) throw new SequenceConflictError(tableId, nextSeq, table.lastSeq + 1);
      if (table.entries.length === 0) table.firstSeq = nextSeq;
      let seq = nextSeq;
      for (const data of records) table.entries.push(Object.freeze({ seq: seq++, epoch, data }));
      table.lastSeq = seq - 1;
      table.fence = epoch;
      return table.lastSeq;
    });
  }

  read(tableId: string, fromSeq: number, limit = Number.POSITIVE_INFINITY): Promise<LogEntry[]> {
    return settle(() => {
      const table = this.tables.get(tableId);
      if (!table || limit <= 0) return [];
      const start = Math.max(0, fromSeq - table.firstSeq);
      return table.entries.slice(start, Math.min(table.entries.length, start + limit));
    });
  }

  lastSeq(tableId: string): Promise<number> {
    return Promise.resolve(this.tables.get(tableId)?.lastSeq ?? 0);
  }

  writeSnapshot(tableId: string, epoch: number, snapshot: { seq: number; data: string }): Promise<void> {
    return settle(() => {
      checkEpoch(epoch);
      checkSeq(snapshot.seq);
      const table = this.fenced(tableId, epoch);
      // An older snapshot must never replace a newer one: trim may already have dropped the
      // entries the older one would need for replay.
      if (!table.snapshot || snapshot.seq >= table.snapshot.seq) {
        table.snapshot = Object.freeze({ seq: snapshot.seq, epoch, data: snapshot.data });
      }
      table.fence = epoch;
    });
  }

  readSnapshot(tableId: string): Promise<Snapshot | null> {
    return Promise.resolve(this.tables.get(tableId)?.snapshot ?? null);
  }

  trim(tableId: string, epoch: number, uptoSeq: number): Promise<void> {
    return settle(() => {
      checkEpoch(epoch);
      const table = this.fenced(tableId, epoch);
      // Never beyond the snapshot: entries after it are the only record of those commands.
      const upto = Math.min(uptoSeq, table.snapshot?.seq ?? 0);
      const drop = Math.min(table.entries.length, upto - table.firstSeq + 1);
      if (drop > 0) {
        table.entries.splice(0, drop);
        table.firstSeq += drop;
      }
      table.fence = epoch;
    });
  }

  destroy(tableId: string): Promise<void> {
    this.tables.delete(tableId);
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  /**
   * The table's state, once `epoch` has passed the fence check. Each successful write then sets
   * the fence to its epoch: a write by a higher epoch proves a newer owner exists, so its
   * predecessors are shut out even if the new owner skipped fence(). A failed write changes nothing.
   */
  private fenced(tableId: string, epoch: number): TableState {
    const table = this.state(tableId);
    if (epoch < table.fence) throw new FencedError(tableId, epoch, table.fence);
    return table;
  }

  private state(tableId: string): TableState {
    let table = this.tables.get(tableId);
    if (!table) {
      table = { fence: 0, lastSeq: 0, entries: [], firstSeq: 1, snapshot: null };
      this.tables.set(tableId, table);
    }
    return table;
  }
}
