// The chip audit on demand: every chip ever granted is in a wallet or at a table, and every table
// holds what the ledger says (GET /api/admin/audit). Shows the numbers and the tables that differ.

import { useState } from 'preact/hooks';
import type { ChipAudit } from '../../../src/protocol/admin.js';
import { chips } from '../core/format.js';

export function AuditPanel(props: { readonly token: string }) {
  const [audit, setAudit] = useState<ChipAudit | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const res = await fetch('/api/admin/audit', { headers: { authorization: `Bearer ${props.token}` } });
      if (!res.ok) throw new Error(`the node answered ${res.status}`);
      setAudit((await res.json()) as ChipAudit);
    } catch (failure) {
      setAudit(null);
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };
  const ok = audit !== null && audit.balanced && audit.tablesMatch;
  const differing = audit?.tables.filter((t) => t.ledger !== t.onTable) ?? [];
  return (
    <section class="audit" aria-labelledby="audit-title">
      <h2 id="audit-title">Chip audit</h2>
      <button type="button" disabled={busy} onClick={() => void run()}>
        {busy ? 'Auditing…' : 'Run chip audit'}
      </button>
      {error !== null && (
        <p class="form-error" role="alert">
          The audit failed: {error}
        </p>
      )}
      {audit !== null && (
        <div
          class={`audit-result ${ok ? 'ok' : 'bad'}`}
          role="status"
          data-testid="audit-result"
          data-ok={ok}
        >
          <p>
            <strong>{ok ? 'Balanced.' : 'Mismatch.'}</strong> Granted {chips(audit.granted)} = in wallets{' '}
            {chips(audit.inWallets)} + at tables {chips(audit.atTables)}
            {audit.balanced ? '' : ' — the ledger does not add up'}; {audit.tables.length} tables checked
            {audit.tablesMatch ? ', each holding what the ledger says.' : '.'}
          </p>
          {differing.length > 0 && (
            <ul>
              {differing.map((t) => (
                <li key={t.id}>
                  {t.id}: ledger {chips(t.ledger)}, on the table {chips(t.onTable)}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
