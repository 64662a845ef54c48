// Directory: which node owns which table, with a monotonically increasing epoch per table.
// Taking a table always bumps its epoch; the TableLog's fence turns the epoch into safety (a stale
// owner can never write). On one node this is trivially "this node", but epochs must survive a
// restart, so the embedded default is SQLite-backed. Contract: test/ports/directory.contract.ts.

export interface Ownership {
  readonly tableId: string;
  readonly nodeId: string;
  readonly epoch: number;
}

export interface Directory {
  /**
   * Make `nodeId` the owner of `tableId` with epoch = previous epoch + 1 (1 for a new table).
   * With `expectEpoch`, only if the current epoch (0 when never owned) equals it: a compare-and-set
   * for takeovers racing each other. Resolves to the new ownership, or null when the CAS failed.
   */
  acquire(tableId: string, nodeId: string, expectEpoch?: number): Promise<Ownership | null>;

  lookup(tableId: string): Promise<Ownership | null>;

  /**
   * The table's current epoch (0 when never owned), whether or not anyone owns it now: what a
   * node passes as `expectEpoch` to take over a table — released, or held by a dead node — without
   * racing another taker.
   */
  epochOf(tableId: string): Promise<number>;

  /** Tables currently recorded as owned by `nodeId`. */
  ownedBy(nodeId: string): Promise<Ownership[]>;

  /** Drop the entry if it is still (nodeId, epoch). Keeps epoch history (next acquire continues from it). */
  release(tableId: string, nodeId: string, epoch: number): Promise<boolean>;

  close(): Promise<void>;
}
