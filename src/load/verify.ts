// `--verify`: after the run, the node's ledger balances (its chip audit: granted = wallets + tables,
// and every table holds what the ledger says) and none of the run's tables is stuck.

import type { TableProgress } from './worker-protocol.js';

export interface ChipAuditResult {
  readonly balanced: boolean;
  readonly tablesMatch: boolean;
  readonly granted: number;
  readonly inWallets: number;
  readonly atTables: number;
  readonly mismatchedTables: readonly string[];
}

export interface VerifyResult {
  readonly ok: boolean;
  /** null when the audit could not be read (no admin token, node unreachable): then ok is false. */
  readonly ledger: ChipAuditResult | null;
  readonly tablesChecked: number;
  /** Full tables silent for longer than `stuckAfterSeconds` when the run stopped. */
  readonly stuckTables: readonly {
    readonly index: number;
    readonly id: string | null;
    readonly silentMs: number | null;
  }[];
  /** Tables whose hand number advanced after they filled up (a hand was played to the end). */
  readonly tablesWithFinishedHand: number;
  /** Tables that never got all their players (the ramp did not reach them, or joins failed). */
  readonly incompleteTables: number;
  readonly problems: readonly string[];
}

export class AuditError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'AuditError';
  }
}

interface AuditBody {
  balanced: boolean;
  tablesMatch: boolean;
  granted: number;
  inWallets: number;
  atTables: number;
  tables: { id: string; ledger: number; onTable: number }[];
}

export async function fetchChipAudit(httpBase: string, adminToken: string): Promise<ChipAuditResult> {
  let res: Response;
  try {
    res = await fetch(`${httpBase}/api/admin/audit`, {
      headers: { authorization: `Bearer ${adminToken}` },
      signal: AbortSignal.timeout(60_000),
    });
  } catch (error) {
    throw new AuditError(`cannot reach ${httpBase}/api/admin/audit`, { cause: error });
  }
  if (res.status === 401) throw new AuditError('the node refused the admin token');
  if (!res.ok) throw new AuditError(`GET /api/admin/audit answered ${res.status}`);
  const body = (await res.json()) as AuditBody;
  return {
    balanced: body.balanced,
    tablesMatch: body.tablesMatch,
    granted: body.granted,
    inWallets: body.inWallets,
    atTables: body.atTables,
    mismatchedTables: body.tables.filter((t) => t.ledger !== t.onTable).map((t) => t.id),
  };
}

/** Judges the tables' progress; `ledger` is the audit (or the reason it could not be read). */
export function judge(
  tables: readonly TableProgress[],
  ledger: ChipAuditResult | { readonly error: string },
  stuckAfterSeconds: number,
): VerifyResult {
  const problems: string[] = [];
  const audit = 'error' in ledger ? null : ledger;
  if (audit === null) problems.push(`ledger not checked: ${'error' in ledger ? ledger.error : ''}`);
  else {
    if (!audit.balanced)
      problems.push(
        `ledger does not balance: granted ${audit.granted} ≠ wallets ${audit.inWallets} + tables ${audit.atTables}`,
      );
    if (!audit.tablesMatch)
      problems.push(`${audit.mismatchedTables.length} table(s) hold other chips than the ledger says`);
  }
  const full = tables.filter((t) => t.id !== null && t.seated >= t.wanted);
  const stuck = full
    .filter((t) => t.silentMs === null || t.silentMs > stuckAfterSeconds * 1000)
    .map((t) => ({ index: t.index, id: t.id, silentMs: t.silentMs }));
  if (stuck.length > 0)
    problems.push(
      `${stuck.length} table(s) silent for more than ${stuckAfterSeconds} s: ${stuck
        .map((t) => t.id ?? `#${t.index}`)
        .slice(0, 10)
        .join(', ')}`,
    );
  const incomplete = tables.length - full.length;
  return {
    ok: problems.length === 0,
    ledger: audit,
    tablesChecked: full.length,
    stuckTables: stuck,
    tablesWithFinishedHand: full.filter(
      (t) => t.handNumberWhenFull !== null && t.handNumber > t.handNumberWhenFull,
    ).length,
    incompleteTables: incomplete,
    problems,
  };
}
