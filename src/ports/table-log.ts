// TableLog: the durable, fenced, append-only log of one table's accepted commands, plus its
// latest snapshot. "Persist, then broadcast": the table actor awaits `append` before anyone hears
// of a command. Every adapter (memory, SQLite, Redis) passes test/ports/table-log.contract.ts.

export interface LogEntry {
  /** 1-based, contiguous per table. */
  readonly seq: number;
  /** The owner epoch that wrote it. */
  readonly epoch: number;
  /** Opaque to the log: the table actor's serialized record. */
  readonly data: string;
}

export interface Snapshot {
  /** The last log seq folded into `data`; replay continues at seq + 1. */
  readonly seq: number;
  readonly epoch: number;
  readonly data: string;
}

export interface TableLog {
  /**
   * Raise the table's fence to `epoch` (never lowers it). After this resolves, appends, snapshots
   * and trims with a lower epoch fail with FencedError. A new owner fences before it reads.
   * Resolves to the fence now in force; rejects with FencedError if the fence is already higher.
   */
  fence(tableId: string, epoch: number): Promise<number>;

  /**
   * Append `records` as seqs nextSeq, nextSeq+1, … atomically, as owner `epoch`.
   * Fails with FencedError (epoch below the fence) or SequenceConflictError (nextSeq is not the
   * log's next seq); on failure nothing is written. Resolves to the last seq written.
   */
  append(tableId: string, epoch: number, nextSeq: number, records: readonly string[]): Promise<number>;

  /** Entries with seq ≥ fromSeq in order, at most `limit` of them. */
  read(tableId: string, fromSeq: number, limit?: number): Promise<LogEntry[]>;

  /** The last seq ever appended (0 for an empty log), whether or not trimmed. */
  lastSeq(tableId: string): Promise<number>;

  /** Store a snapshot (fenced like append). Keeps only the newest one. */
  writeSnapshot(tableId: string, epoch: number, snapshot: { seq: number; data: string }): Promise<void>;

  readSnapshot(tableId: string): Promise<Snapshot | null>;

  /** Drop entries with seq ≤ uptoSeq (fenced). Only ever up to the latest snapshot's seq. */
  trim(tableId: string, epoch: number, uptoSeq: number): Promise<void>;

  /** Forget a closed table entirely: entries, snapshot and fence. */
  destroy(tableId: string): Promise<void>;

  close(): Promise<void>;
}
