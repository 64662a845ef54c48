// Under a finished hand's record: "Verify deal" recomputes the deck from the seed the record
// reveals, right here in the browser, and checks it against the commitment told before the deal
// and against every card the record shows (docs/fair-deals.md). "Download record" saves the same
// record as JSON, for `pitboss verify FILE` or anyone else's checker.

import { useState } from 'preact/hooks';
import { verifyHand, type DealVerdict } from '../../../src/sdk/index.js';

export function DealCheck(props: {
  readonly record: unknown;
  readonly table: string;
  readonly hand: number;
  /** What this page was told before the hand (undefined: it did not see the hand begin). */
  readonly commitmentSeen: string | undefined;
}) {
  const [verdict, setVerdict] = useState<DealVerdict | null>(null);
  const json = JSON.stringify(props.record, null, 2);
  return (
    <div class="deal-check" data-testid="deal-check">
      <button
        type="button"
        onClick={() =>
          setVerdict(
            verifyHand(
              props.record,
              props.commitmentSeen === undefined ? {} : { commitment: props.commitmentSeen },
            ),
          )
        }
      >
        Verify deal
      </button>{' '}
      <a
        href={`data:application/json;charset=utf-8,${encodeURIComponent(json)}`}
        download={`hand-${props.table}-${props.hand}.json`}
      >
        Download record
      </a>
      {verdict !== null && (
        <div role="status" class={verdict.ok ? 'verdict good' : 'verdict bad'} data-verified={verdict.ok}>
          {verdict.ok ? (
            <p>
              ✓ Verified: this hand was dealt from the deck its table committed to before the deal
              {verdict.deal ? (
                <>
                  {' '}
                  (commitment <code>{verdict.deal.commitment.slice(0, 16)}…</code>)
                </>
              ) : null}
              , and every card shown matches it.{' '}
              {props.commitmentSeen === undefined
                ? 'This page did not see the hand begin: compare the commitment with one you received before it.'
                : 'It is the commitment this page received before the deal.'}
            </p>
          ) : (
            <>
              <p>✗ Not verified:</p>
              <ul>
                {verdict.problems.map((problem, i) => (
                  <li key={i}>{problem}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </div>
  );
}
