// Choosing a buy-in inside a table's range and the wallet: in the lobby and at an empty table —
// and, given the player's `stack`, how many chips to add to it (a rebuy or a top-up), so that the
// stack ends inside the table's buy-in range.

import { useState } from 'preact/hooks';
import type { TableSummary } from '../../../src/sdk/index.js';
import { chips } from '../core/format.js';
import { suggestedBuyIn } from '../lobby/filter.js';

/** The amounts this form accepts: a buy-in, or what may be added to `stack`; null if none fits. */
export function amountRange(
  table: TableSummary,
  balance: number | null,
  stack: number | null,
): { readonly min: number; readonly max: number } | null {
  const held = stack ?? 0;
  const min = Math.max(1, table.minBuyIn - held);
  const room = table.maxBuyIn - held;
  const max = balance === null ? room : Math.min(room, balance);
  return max >= min ? { min, max } : null;
}

export function BuyInForm(props: {
  readonly table: TableSummary;
  readonly balance: number | null;
  readonly onSubmit: (amount: number) => void;
  readonly onCancel?: () => void;
  readonly label?: string;
  /** Chips already at the table: the form adds to them instead of buying in. */
  readonly stack?: number;
}) {
  const t = props.table;
  const stack = props.stack ?? null;
  const range = amountRange(t, props.balance, stack);
  const [amount, setAmount] = useState(() => {
    if (range === null) return t.minBuyIn;
    const wanted = stack === null ? suggestedBuyIn(t, props.balance) : suggestedBuyIn(t, null) - stack;
    return Math.min(range.max, Math.max(range.min, wanted));
  });
  const valid = range !== null && Number.isInteger(amount) && amount >= range.min && amount <= range.max;
  const what = stack === null ? 'Buy-in' : 'Chips to add';
  return (
    <form
      class="buy-in"
      aria-label={stack === null ? `Buy in at ${t.name}` : `Add chips at ${t.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) props.onSubmit(amount);
      }}
    >
      {range !== null ? (
        <>
          <label>
            {what} ({chips(range.min)}–{chips(range.max)})
            <input
              name={stack === null ? 'buyIn' : 'amount'}
              type="number"
              min={range.min}
              max={range.max}
              step={1}
              required
              value={amount}
              onInput={(e) => setAmount(Math.floor(Number(e.currentTarget.value)))}
            />
          </label>
          <input
            type="range"
            aria-label={`${what} amount`}
            min={range.min}
            max={range.max}
            value={amount}
            onInput={(e) => setAmount(Number(e.currentTarget.value))}
          />
          <button type="submit" class="primary" disabled={!valid}>
            {props.label ?? 'Sit down'}
          </button>
        </>
      ) : stack !== null && stack >= t.maxBuyIn ? (
        <p role="alert">Your stack is at this table's maximum of {chips(t.maxBuyIn)}.</p>
      ) : (
        <p role="alert">
          Your wallet holds less than the {chips(Math.max(1, t.minBuyIn - (stack ?? 0)))} chips this needs.
        </p>
      )}
      {props.onCancel && (
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      )}
    </form>
  );
}
