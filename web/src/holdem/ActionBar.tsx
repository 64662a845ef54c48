// Our choices when it is our turn: only the legal ones, a bet/raise amount bounded by the legal
// range (slider, number and pot shortcuts), and keyboard shortcuts F, C, B/R, A.

import { useEffect, useState } from 'preact/hooks';
import type { HoldemAction, HoldemLegalActions, HoldemView } from '../../../src/games/holdem/index.js';
import { chips } from '../core/format.js';
import { clampAmount, presets, sizingOf } from './bet-sizing.js';

export interface ActionBarProps {
  readonly view: HoldemView;
  readonly legal: HoldemLegalActions;
  readonly busy: boolean;
  /** The connection is down: the buttons wait (busy) and the bar says why. */
  readonly offline?: boolean;
  readonly act: (action: HoldemAction) => void;
}

function typing(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName);
}

export function ActionBar(props: ActionBarProps) {
  const { view, legal, busy, act } = props;
  const offline = props.offline === true;
  const sizing = sizingOf(legal);
  const [amount, setAmount] = useState(sizing?.min ?? 0);
  // A new turn (new range) starts from the minimum again.
  useEffect(() => setAmount(sizing?.min ?? 0), [sizing?.min, sizing?.max, sizing?.kind]);

  const sized = sizing === null ? null : clampAmount(amount, sizing);
  const wager = (): HoldemAction | null => {
    if (sizing === null || sized === null) return null;
    if (legal.allIn !== null && sized === sizing.max && sized === legal.allIn) return { type: 'all_in' };
    return sizing.kind === 'bet' ? { type: 'bet', amount: sized } : { type: 'raise', to: sized };
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (busy || e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      const key = e.key.toLowerCase();
      let action: HoldemAction | null = null;
      if (key === 'f' && legal.fold) action = { type: 'fold' };
      else if (key === 'c' && legal.check) action = { type: 'check' };
      else if (key === 'c' && legal.call !== null) action = { type: 'call' };
      else if ((key === 'b' || key === 'r') && sizing !== null) action = wager();
      else if (key === 'a' && legal.allIn !== null) action = { type: 'all_in' };
      if (action === null) return;
      e.preventDefault();
      act(action);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  const verb = sizing?.kind === 'bet' ? 'Bet' : 'Raise to';
  return (
    <section class="action-bar" aria-label="Your actions" data-offline={offline}>
      {offline && (
        <p class="offline-note" role="status">
          Reconnecting — your actions wait for the connection. The turn clock is the server's and keeps
          running.
        </p>
      )}
      <div class="buttons">
        {legal.fold && (
          <button
            type="button"
            class="fold"
            disabled={busy}
            aria-keyshortcuts="F"
            onClick={() => act({ type: 'fold' })}
          >
            Fold
          </button>
        )}
        {legal.check && (
          <button type="button" disabled={busy} aria-keyshortcuts="C" onClick={() => act({ type: 'check' })}>
            Check
          </button>
        )}
        {legal.call !== null && (
          <button type="button" disabled={busy} aria-keyshortcuts="C" onClick={() => act({ type: 'call' })}>
            Call {chips(legal.call)}
          </button>
        )}
        {sizing !== null && sized !== null && (
          <button
            type="button"
            class="primary"
            disabled={busy}
            aria-keyshortcuts="B R"
            onClick={() => {
              const action = wager();
              if (action) act(action);
            }}
          >
            {verb} {chips(sized)}
          </button>
        )}
        {legal.allIn !== null && (
          <button type="button" disabled={busy} aria-keyshortcuts="A" onClick={() => act({ type: 'all_in' })}>
            All in {chips(legal.allIn)}
          </button>
        )}
      </div>
      {sizing !== null && sized !== null && sizing.max > sizing.min && (
        <div class="sizing">
          <input
            type="range"
            min={sizing.min}
            max={sizing.max}
            step={1}
            value={sized}
            aria-label={`${verb} amount`}
            aria-valuetext={`${chips(sized)} chips`}
            onInput={(e) => setAmount(Number(e.currentTarget.value))}
          />
          <input
            type="number"
            min={sizing.min}
            max={sizing.max}
            step={1}
            value={sized}
            aria-label={`${verb} amount, ${chips(sizing.min)} to ${chips(sizing.max)}`}
            onChange={(e) => setAmount(clampAmount(Number(e.currentTarget.value), sizing))}
          />
          <div class="presets" role="group" aria-label="Amount shortcuts">
            {presets(view, legal, sizing).map((p) => (
              <button
                key={p.label}
                type="button"
                aria-pressed={p.amount === sized}
                onClick={() => setAmount(p.amount)}
              >
                {p.label}
              </button>
            ))}
          </div>
        </div>
      )}
    </section>
  );
}
