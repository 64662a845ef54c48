// Idempotent table creation: a `table.create` with a `requestKey` names its table by the account
// and the key, so a retry (a lost answer, a double click, a second node racing) finds the table the
// first attempt made — the Store accepts each id once — and answers with it instead of a second.

import { createHash } from 'node:crypto';
import { reject, type Rejection } from '../../games/contract.js';
import { ErrorCode } from '../../protocol/codes.js';
import type { TableSummary } from '../../protocol/messages.js';
import type { CreateRequest } from './table-handle.js';

/** The table id a request key stands for (per account, so keys never collide across players). */
export function tableIdFor(accountId: string, requestKey: string): string {
  return `t-${createHash('sha256').update(`${accountId}\u0000${requestKey}`).digest('base64url').slice(0, 16)}`;
}

/** How long to wait for the summary of a table another attempt is still creating. */
const WAIT_STEPS = 20;
const WAIT_STEP_MS = 100;

export async function createIdempotently(
  request: CreateRequest,
  create: (request: CreateRequest) => Promise<{ ok: true; table: TableSummary } | Rejection>,
  summaryOf: (tableId: string) => TableSummary | undefined,
): Promise<{ ok: true; table: TableSummary } | Rejection> {
  const id = request.id;
  const existing = id === undefined ? undefined : summaryOf(id);
  if (existing) return { ok: true, table: existing };
  const created = await create(request);
  if (created.ok || created.code !== ErrorCode.tableExists || id === undefined) return created;
  for (let i = 0; i < WAIT_STEPS; i++) {
    const summary = summaryOf(id);
    if (summary) return { ok: true, table: summary };
    await new Promise((r) => setTimeout(r, WAIT_STEP_MS));
  }
  return reject(ErrorCode.tableUnavailable, 'that table is still being created; try again');
}
