// The router of a node that is the whole system (the embedded default): every table is here.

import type { Rejection } from '../../games/contract.js';
import type { TableSummary } from '../../protocol/messages.js';
import { createIdempotently } from './idempotent-create.js';
import type { TableEndpoint } from './table-endpoint.js';
import type { CreateRequest, TableHandle, TableRouter } from './table-handle.js';
import type { TableHost } from './table-host.js';

export class LocalTableRouter implements TableRouter {
  constructor(
    private readonly host: TableHost,
    private readonly endpoint: TableEndpoint,
  ) {}

  find(tableId: string): Promise<TableHandle | null> {
    return Promise.resolve(this.endpoint.local(tableId));
  }

  create(request: CreateRequest): Promise<{ ok: true; table: TableSummary } | Rejection> {
    return createIdempotently(
      request,
      (r) => this.host.create(r),
      (id) => this.host.summary(id) ?? undefined,
    );
  }
}
