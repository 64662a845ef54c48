// The in-memory CatalogCache: for one process (the embedded node never needs it; tests do).

import type { CatalogCache } from '../../ports/catalog-cache.js';
import type { TableRecord } from '../../ports/store.js';

export class MemoryCatalogCache implements CatalogCache {
  readonly #records = new Map<string, TableRecord>();

  remember(record: TableRecord): Promise<void> {
    this.#records.set(record.id, structuredClone(record));
    return Promise.resolve();
  }

  recall(tableId: string): Promise<TableRecord | null> {
    const record = this.#records.get(tableId);
    return Promise.resolve(record ? structuredClone(record) : null);
  }

  forget(tableId: string): Promise<void> {
    this.#records.delete(tableId);
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
