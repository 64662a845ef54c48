// SQLite Directory: the embedded node's record of table ownership. Its point is that epochs
// survive a restart: after a crash the node re-acquires its tables with epochs above every fence
// the SQLite TableLog has stored, so the log accepts the new owner and refuses the old one.

import type { Directory, Ownership } from '../../ports/directory.js';
import { resolveDatabase, runSqlite, type SqliteDatabase, type SqliteOptions } from './database.js';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS directory (
    table_id TEXT PRIMARY KEY,
    node_id  TEXT,
    epoch    INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS directory_by_node ON directory (node_id);
`;

interface Row {
  tableId: string;
  nodeId: string | null;
  epoch: number;
}

function ownership(row: Row | undefined): Ownership | null {
  if (!row || row.nodeId === null) return null;
  return { tableId: row.tableId, nodeId: row.nodeId, epoch: row.epoch };
}

export class SqliteDirectory implements Directory {
  private readonly db: SqliteDatabase;
  private readonly owned: boolean;
  private readonly stmt;
  private readonly acquireTx;

  /** `source`: a file path (opened and later closed here) or an open database shared with others. */
  constructor(source: SqliteDatabase | string, options: SqliteOptions = {}) {
    ({ db: this.db, owned: this.owned } = resolveDatabase(source, options));
    this.db.exec(SCHEMA);
    const db = this.db;
    this.stmt = {
      get: db.prepare<[string], Row>(
        'SELECT table_id AS tableId, node_id AS nodeId, epoch FROM directory WHERE table_id = ?',
      ),
      put: db.prepare<[string, string, number]>(
        `INSERT INTO directory (table_id, node_id, epoch) VALUES (?, ?, ?)
         ON CONFLICT (table_id) DO UPDATE SET node_id = excluded.node_id, epoch = excluded.epoch`,
      ),
      byNode: db.prepare<[string], Row>(
        'SELECT table_id AS tableId, node_id AS nodeId, epoch FROM directory WHERE node_id = ? ORDER BY table_id',
      ),
      release: db.prepare<[string, string, number]>(
        'UPDATE directory SET node_id = NULL WHERE table_id = ? AND node_id = ? AND epoch = ?',
      ),
    };
    this.acquireTx = db.transaction((tableId: string, nodeId: string, expectEpoch: number | undefined) => {
      const current = this.stmt.get.get(tableId)?.epoch ?? 0;
      if (expectEpoch !== undefined && current !== expectEpoch) return null;
      this.stmt.put.run(tableId, nodeId, current + 1);
      return { tableId, nodeId, epoch: current + 1 };
    });
  }

  acquire(tableId: string, nodeId: string, expectEpoch?: number): Promise<Ownership | null> {
    return runSqlite('acquire', () => this.acquireTx.immediate(tableId, nodeId, expectEpoch));
  }

  lookup(tableId: string): Promise<Ownership | null> {
    return runSqlite('lookup', () => ownership(this.stmt.get.get(tableId)));
  }

  epochOf(tableId: string): Promise<number> {
    return runSqlite('epochOf', () => this.stmt.get.get(tableId)?.epoch ?? 0);
  }

  ownedBy(nodeId: string): Promise<Ownership[]> {
    return runSqlite('ownedBy', () => this.stmt.byNode.all(nodeId).flatMap((row) => ownership(row) ?? []));
  }

  release(tableId: string, nodeId: string, epoch: number): Promise<boolean> {
    return runSqlite('release', () => this.stmt.release.run(tableId, nodeId, epoch).changes === 1);
  }

  close(): Promise<void> {
    return runSqlite('close', () => {
      if (this.owned && this.db.open) this.db.close();
    });
  }
}
