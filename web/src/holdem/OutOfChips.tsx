// A Hold'em player left with no chips: says so, offers a rebuy from the wallet (within the table's
// buy-in range) or leaving, and how long the seat is kept — the server stands a busted player up
// after `bustedSeatSeconds` (from hello) so the seat is free for someone who wants to play.

import { useEffect, useState } from 'preact/hooks';
import type { TableSummary } from '../../../src/sdk/index.js';
import { BuyInForm } from '../ui/BuyInForm.js';

export function OutOfChips(props: {
  readonly table: TableSummary;
  readonly balance: number | null;
  /** How long the seat is kept (0: for ever). */
  readonly keptSeconds: number;
  readonly busy: boolean;
  readonly onRebuy: (amount: number) => void;
  readonly onLeave: () => void;
}) {
  // Counted from when we saw the bust: the server's timer started at the end of the hand, a
  // moment earlier, so this never promises more time than there is by more than that moment.
  const [left, setLeft] = useState(props.keptSeconds);
  useEffect(() => {
    if (props.keptSeconds <= 0) return undefined;
    const started = Date.now();
    const timer = setInterval(() => {
      setLeft(Math.max(0, props.keptSeconds - Math.floor((Date.now() - started) / 1000)));
    }, 1000);
    return () => clearInterval(timer);
  }, [props.keptSeconds]);
  return (
    <section class="out-of-chips" role="alert" aria-label="Out of chips" data-testid="out-of-chips">
      <p>
        <strong>You are out of chips.</strong>{' '}
        {props.keptSeconds > 0
          ? left > 0
            ? `Rebuy to keep playing — your seat is kept for ${left} s.`
            : 'Your seat is being given up.'
          : 'Rebuy to keep playing, or leave the table.'}
      </p>
      <BuyInForm
        table={props.table}
        balance={props.balance}
        stack={0}
        label="Rebuy"
        onSubmit={(amount) => !props.busy && props.onRebuy(amount)}
      />
      <button type="button" disabled={props.busy} onClick={props.onLeave}>
        Leave table
      </button>
    </section>
  );
}
