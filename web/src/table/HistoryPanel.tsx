// The hands we played at this table (`history.list`), newest first, a page at a time with what we
// won or lost in each, each opened as a readable record (`history.get`, which the server projects so
// that we see only our own and shown cards).

import { useEffect, useRef, useState } from 'preact/hooks';
import { DealCheck } from './DealCheck.js';
import { exportPokerStars } from '../../../src/games/holdem/history.js';
import type { RequestResult } from '../../../src/sdk/index.js';
import { describeError } from '../core/errors.js';
import { chips } from '../core/format.js';
import type { PlayerSession } from '../core/session.js';
import { holdemHistoryLines, isHoldemRecord } from '../holdem/history-lines.js';
import { hokmHistoryLines, isHokmRecord } from '../hokm/history-lines.js';

type HandSummary = RequestResult<'history.list'>['hands'][number];

/** Hands per page; "Older hands" fetches the next page. */
const PAGE = 10;

export function HistoryPanel(props: {
  readonly session: PlayerSession;
  readonly table: string;
  /** Changes whenever a hand ends: the list is fetched again (while open). */
  readonly refreshKey: number;
  readonly nameOf: (seat: number) => string;
  readonly tableName: string;
  /** 'mine': the hands we played here; 'table': every hand, as a spectator saw it. */
  readonly scope: 'mine' | 'table';
  /** The commitment to a hand's deck this page received before the hand, if it saw it begin. */
  readonly commitmentSeen: (hand: number) => string | undefined;
}) {
  const [open, setOpen] = useState(false);
  const [hands, setHands] = useState<readonly HandSummary[] | null>(null);
  /** Where the next (older) page starts; null when there is none. */
  const [next, setNext] = useState<string | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  /** The reader opened older pages: a refresh keeps them (and where the next one starts). */
  const pagedBack = useRef(false);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [lines, setLines] = useState<readonly string[] | null>(null);
  /** The Hold'em hand in the PokerStars text format that trackers and replayers read. */
  const [exported, setExported] = useState<string | null>(null);
  /** The selected hand's record as the server sent it: what "Verify deal" checks. */
  const [record, setRecord] = useState<unknown>(null);

  // Another table (or scope) starts again from its first page.
  useEffect(() => {
    pagedBack.current = false;
  }, [props.table, props.scope]);

  useEffect(() => {
    if (!open) return;
    let live = true;
    // A hand ended: the first page again, with the older pages the reader has opened kept below it
    // (on a busy table hands end every few seconds; paging back must not be undone by each one).
    props.session.client
      .request('history.list', { limit: PAGE, table: props.table, scope: props.scope })
      .then(
        (reply) => {
          if (!live) return;
          if (!pagedBack.current || reply.hands.length === 0) {
            setHands(reply.hands);
            setNext(reply.next);
          } else {
            const oldestFresh = Math.min(...reply.hands.map((h) => h.hand));
            setHands((shown) => [...reply.hands, ...(shown ?? []).filter((h) => h.hand < oldestFresh)]);
          }
          setError(null);
        },
        (failure: unknown) => live && setError(describeError(failure)),
      );
    return () => {
      live = false;
    };
  }, [open, props.refreshKey, props.table, props.session, props.scope]);

  const older = async () => {
    if (next === null) return;
    pagedBack.current = true;
    setLoadingOlder(true);
    try {
      const reply = await props.session.client.request('history.list', {
        limit: PAGE,
        table: props.table,
        scope: props.scope,
        cursor: next,
      });
      setHands([...(hands ?? []), ...reply.hands]);
      setNext(reply.next);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setLoadingOlder(false);
    }
  };

  const show = async (hand: number) => {
    setSelected(hand);
    setLines(null);
    setExported(null);
    setRecord(null);
    try {
      const reply = await props.session.client.request('history.get', { table: props.table, hand });
      const record = reply.hand.record;
      setRecord(record);
      if (isHoldemRecord(record)) {
        setLines(holdemHistoryLines(record));
        const hero = props.session.account.value?.id;
        setExported(
          exportPokerStars(record, {
            tableName: props.tableName,
            timestamp: pokerStarsTime(reply.hand.endedAt),
            ...(hero === undefined ? {} : { hero }),
          }),
        );
      } else if (isHokmRecord(record)) setLines(hokmHistoryLines(record, props.nameOf));
      else setLines(['This hand has no readable record.']);
    } catch (failure) {
      setLines([describeError(failure)]);
    }
  };

  return (
    <details class="history" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{props.scope === 'mine' ? 'Recent hands' : 'Hands at this table'}</summary>
      {error !== null && <p role="alert">{error}</p>}
      {hands === null && error === null && <p>Loading…</p>}
      {hands !== null && hands.length === 0 && (
        <p>
          {props.scope === 'mine'
            ? 'No finished hands of yours at this table yet.'
            : 'No finished hands yet.'}
        </p>
      )}
      {hands !== null && hands.length > 0 && (
        <ul class="hand-list">
          {hands.map((h) => (
            <li key={h.hand}>
              <button
                type="button"
                aria-pressed={selected === h.hand}
                aria-label={`Hand #${h.hand} at ${new Date(h.endedAt).toLocaleTimeString()}${netWords(h.net)}`}
                onClick={() => void show(h.hand)}
              >
                <span>Hand #{h.hand}</span>
                <span class="when">{new Date(h.endedAt).toLocaleTimeString()}</span>
                {h.net !== null && (
                  <span class={`net ${h.net > 0 ? 'won' : h.net < 0 ? 'lost' : ''}`} data-net={h.net}>
                    {signedChips(h.net)}
                  </span>
                )}
              </button>
            </li>
          ))}
        </ul>
      )}
      {next !== null && (
        <button type="button" class="older" disabled={loadingOlder} onClick={() => void older()}>
          {loadingOlder ? 'Loading…' : 'Older hands'}
        </button>
      )}
      {selected !== null && (
        <section class="hand-record" aria-label={`Hand #${selected}`} aria-live="polite">
          {lines === null ? <p>Loading…</p> : lines.map((line, i) => <p key={i}>{line}</p>)}
          {record !== null && (
            <DealCheck
              record={record}
              table={props.table}
              hand={selected}
              commitmentSeen={props.commitmentSeen(selected)}
            />
          )}
          {exported !== null && (
            <details class="export">
              <summary>PokerStars text</summary>
              <textarea readOnly rows={12} aria-label="Hand history in PokerStars format" value={exported} />
            </details>
          )}
        </section>
      )}
    </details>
  );
}

/** "2024/05/01 20:15:07 UTC", the way PokerStars writes a hand's time. */
function pokerStarsTime(epochMs: number): string {
  const d = new Date(epochMs);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}/${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC`;
}

/** "+120", "−40" (a real minus sign), "±0". */
function signedChips(net: number): string {
  if (net === 0) return '±0';
  return `${net > 0 ? '+' : '−'}${chips(Math.abs(net))}`;
}

/** ", won 120 chips" / ", lost 40 chips" / ", broke even" for the button's spoken name. */
function netWords(net: number | null): string {
  if (net === null) return '';
  if (net === 0) return ', broke even';
  return `, ${net > 0 ? 'won' : 'lost'} ${chips(Math.abs(net))} chips`;
}
