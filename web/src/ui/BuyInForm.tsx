// Choosing a buy-in inside a table's range and the wallet: in the lobby and at an empty table.

import { useState } from 'preact/hooks';
import type { TableSummary } from '../../../src/sdk/index.js';
import { chips } from '../core/format.js';
import { suggestedBuyIn } from '../lobby/filter.js';

export function BuyInForm(props: {
  readonly table: TableSummary;
  readonly balance: number | null;
  readonly onSubmit: (buyIn: number) => void;
  readonly onCancel?: () => void;
  readonly label?: string;
}) {
  const t = props.table;
  const max = props.balance === null ? t.maxBuyIn : Math.min(t.maxBuyIn, props.balance);
  const [amount, setAmount] = useState(() => suggestedBuyIn(t, props.balance));
  const affordable = max >= t.minBuyIn;
  const valid = affordable && Number.isInteger(amount) && amount >= t.minBuyIn && amount <= max;
  return (
    <form
      class="buy-in"
      aria-label={`Buy in at ${t.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) props.onSubmit(amount);
      }}
    >
      {affordable ? (
        <>
          <label>
            Buy-in ({chips(t.minBuyIn)}–{chips(max)})
            <input
              name="buyIn"
              type="number"
              min={t.minBuyIn}
              max={max}
              step={1}
              required
              value={amount}
              onInput={(e) => setAmount(Math.floor(Number(e.currentTarget.value)))}
            />
          </label>
          <input
            type="range"
            aria-label="Buy-in amount"
            min={t.minBuyIn}
            max={max}
            value={amount}
            onInput={(e) => setAmount(Number(e.currentTarget.value))}
          />
          <button type="submit" class="primary" disabled={!valid}>
            {props.label ?? 'Sit down'}
          </button>
        </>
      ) : (
        <p role="alert">Your wallet holds less than this table's minimum buy-in of {chips(t.minBuyIn)}.</p>
      )}
      {props.onCancel && (
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      )}
    </form>
  );
}
