// One table, seated or watching: joins (with the buy-in chosen in the lobby) or watches, shows
// the game's own table component, and offers leave / sit out / sit in and the hand histories.
// After a reload the same URL watches again, and the server puts us back in our seat.

import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { HoldemAction, HoldemEventView } from '../../../src/games/holdem/index.js';
import type { HokmAction } from '../../../src/games/hokm/index.js';
import {
  PitbossRequestError,
  TableClient,
  type TableSummary,
  type TurnClock,
} from '../../../src/sdk/index.js';
import { describeError } from '../core/errors.js';
import type { Router } from '../core/router.js';
import type { PlayerSession } from '../core/session.js';
import { useObservable } from '../core/use-observable.js';
import { HoldemTable } from '../holdem/HoldemTable.js';
import { ownTimeouts } from '../holdem/derive.js';
import { OutOfChips } from '../holdem/OutOfChips.js';
import { HokmTable } from '../hokm/HokmTable.js';
import { hokmTimeouts } from '../hokm/timeouts.js';
import { stakesLabel } from '../lobby/filter.js';
import { BuyInForm } from '../ui/BuyInForm.js';
import { anyGame, isHoldemView } from './any-game.js';
import { HistoryPanel } from './HistoryPanel.js';
import { holdemLegal, hokmLegal } from './legal.js';
import { useTable } from './use-table.js';

/** No running clock: what the seats show while an operator has paused the table. */
const NO_CLOCKS: readonly TurnClock[] = [];

export function TablePage(props: {
  readonly session: PlayerSession;
  readonly router: Router;
  readonly table: string;
}) {
  const { session, router, table } = props;
  const client = useMemo(() => new TableClient(session.client, table, anyGame), [session, table]);
  const { state, recent, handsEnded } = useTable(client);
  const events = useMemo(() => recent.map((r) => r.event as HoldemEventView), [recent]);
  const balance = useObservable(session.balance);
  const offset = useObservable(session.clockOffset);
  const [summary, setSummary] = useState<TableSummary | null>(() => session.lobby.get(table) ?? null);
  const [sitAt, setSitAt] = useState<number | 'any' | null>(null);
  /** The "add chips" form is open (a top-up between hands). */
  const [addingChips, setAddingChips] = useState(false);
  const [busy, setBusy] = useState(false);
  // While the connection is down, every action waits: a click would only fail with a toast.
  const connection = useObservable(session.connection);
  const interrupted = useObservable(session.interrupted);
  const offline = interrupted || connection !== 'open';
  const waiting = busy || offline;
  /** Why the table cannot be shown (it does not exist, or refuses spectators). */
  const [unavailable, setUnavailable] = useState<string | null>(null);

  useEffect(
    () =>
      session.lobby.subscribe(() => {
        const live = session.lobby.get(table);
        if (live) setSummary(live);
      }),
    [session, table],
  );

  useEffect(() => {
    const intent = router.takeIntent();
    if (intent?.offerSeat) setSitAt('any');
    let live = true;
    const start = async () => {
      if (intent?.join) {
        try {
          const joined = await client.join(intent.join.buyIn, intent.join.seat);
          session.balance.set(joined.balance);
          return;
        } catch (error) {
          const seated = error instanceof PitbossRequestError && error.code === 'table/already_seated';
          if (!seated) session.report(error);
        }
      }
      const watched = await client.watch();
      if (live) setSummary(session.lobby.get(table) ?? watched.table);
    };
    start().catch((error: unknown) => {
      if (live) setUnavailable(describeError(error));
    });
    return () => {
      live = false;
      client.close().catch(() => undefined);
    };
  }, [client]);

  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await work();
    } catch (error) {
      session.report(error);
    } finally {
      setBusy(false);
    }
  };
  const act = (action: HoldemAction | HokmAction) => void run(() => client.act(action));
  const sit = (buyIn: number) =>
    void run(async () => {
      const joined = await client.join(buyIn, sitAt === 'any' || sitAt === null ? undefined : sitAt);
      session.balance.set(joined.balance);
      setSitAt(null);
    });
  const leave = () =>
    void run(async () => {
      const left = await client.leave();
      if (left.balance !== null) session.balance.set(left.balance);
    });
  const addChips = (amount: number) =>
    void run(async () => {
      const added = await client.topUp(amount);
      session.balance.set(added.balance);
      setAddingChips(false);
    });

  const view = state.view;
  const mySeat = state.seat;

  // A turn the server played for us because time ran out: say so, once (both games mark it).
  const announcedSeq = useRef<number | null>(null);
  // Another table: its events are numbered afresh, and those already there are history.
  useEffect(() => {
    announcedSeq.current = null;
  }, [client]);
  useEffect(() => {
    const newest = recent.at(-1)?.seq ?? 0;
    // Events already here when the page opened are history, not news.
    if (announcedSeq.current === null) {
      announcedSeq.current = newest;
      return;
    }
    if (mySeat !== null) {
      const said =
        state.view !== null && isHoldemView(state.view)
          ? ownTimeouts(recent, mySeat, announcedSeq.current).map((t) =>
              t.action === 'check' ? 'you checked' : 'your hand was folded',
            )
          : hokmTimeouts(recent, mySeat, announcedSeq.current).map((t) => t.said);
      for (const s of said) session.notify('info', `Your time ran out: ${s}.`);
    }
    announcedSeq.current = Math.max(announcedSeq.current, newest);
  }, [recent]);
  const turnMs = (summary?.turnSeconds ?? 20) * 1000;
  // An operator's pause stops every clock: no countdown until it resumes (a fresh turn notice).
  const deadline = state.deadline === null || state.paused ? null : state.deadline - offset;
  const mine =
    view === null || mySeat === null ? null : isHoldemView(view) ? view.seats[mySeat] : view.seats[mySeat];
  const sittingOut = mine?.status === 'sitting_out';
  // Hold'em stacks between hands: busted (the game sat us out with nothing), or room to top up.
  const holdemView = view !== null && isHoldemView(view) ? view : null;
  const holdemSeat = holdemView !== null && mySeat !== null ? holdemView.seats[mySeat] : null;
  const busted = holdemSeat?.chips === 0 && holdemSeat.status === 'sitting_out';
  const canAddChips =
    holdemSeat !== null &&
    holdemSeat !== undefined &&
    summary !== null &&
    !(holdemView?.inHand === true && holdemSeat.inHand) &&
    holdemSeat.status !== 'leaving' &&
    holdemSeat.chips < summary.maxBuyIn;
  const freeSeats = view === null ? 0 : view.seats.filter((s) => s === null).length;
  const onSit = mySeat === null && summary !== null ? (seat: number) => setSitAt(seat) : null;
  const nameOf = (seat: number) => view?.seats[seat]?.name ?? `Seat ${seat + 1}`;
  const holdem = view !== null && isHoldemView(view) ? holdemLegal(state.legal) : null;
  const hokm = view !== null && !isHoldemView(view) ? hokmLegal(state.legal) : null;
  const yourTurn = (holdem?.canAct ?? false) || (hokm !== null && hokm.type !== 'none');

  return (
    <main
      class="table-page"
      aria-labelledby="table-title"
      data-table={table}
      data-seat={mySeat ?? 'spectator'}
      data-seq={state.seq ?? ''}
      data-offline={offline}
    >
      <div class="table-head">
        <button type="button" class="link" onClick={() => router.go({ name: 'lobby' })}>
          ← Lobby
        </button>
        <h1 id="table-title">{summary?.name ?? 'Table'}</h1>
        {summary !== null && (
          <span class="stakes">
            {summary.game === 'holdem' ? "Hold'em" : 'Hokm'} · {stakesLabel(summary)}
          </span>
        )}
        <span class="role" data-testid="role">
          {mySeat === null ? 'Watching' : `Seat ${mySeat + 1}`}
        </span>
        {mySeat !== null && (
          <span class="seat-controls">
            {/* With no chips there is nothing to sit in with: the rebuy panel says what to do. */}
            {!busted && (
              <button
                type="button"
                disabled={waiting || state.paused}
                onClick={() => void run(() => (sittingOut ? client.sitIn() : client.sitOut()))}
              >
                {sittingOut ? 'Sit in' : 'Sit out'}
              </button>
            )}
            {canAddChips && !busted && !addingChips && (
              <button type="button" disabled={waiting || state.paused} onClick={() => setAddingChips(true)}>
                Add chips
              </button>
            )}
            <button type="button" disabled={waiting || state.paused} onClick={leave}>
              Leave table
            </button>
          </span>
        )}
        {mySeat === null && freeSeats > 0 && sitAt === null && summary !== null && (
          <button type="button" class="primary" onClick={() => setSitAt('any')}>
            Take a seat
          </button>
        )}
      </div>

      {sitAt !== null && summary !== null && mySeat === null && (
        <BuyInForm
          table={summary}
          balance={balance}
          label={sitAt === 'any' ? 'Sit down' : `Sit at seat ${sitAt + 1}`}
          onSubmit={sit}
          onCancel={() => setSitAt(null)}
        />
      )}

      {busted && summary !== null && (
        <OutOfChips
          table={summary}
          balance={balance}
          keptSeconds={session.client.server?.bustedSeatSeconds ?? 0}
          busy={waiting || state.paused}
          onRebuy={addChips}
          onLeave={leave}
        />
      )}
      {addingChips && canAddChips && !busted && (
        <BuyInForm
          table={summary}
          balance={balance}
          stack={holdemSeat.chips}
          label="Add chips"
          onSubmit={addChips}
          onCancel={() => setAddingChips(false)}
        />
      )}

      {state.paused && state.closed === null && (
        <p class="banner warn" role="status" data-testid="table-paused">
          An operator paused this table. Nothing is played and the clocks are stopped until they resume it.
        </p>
      )}

      {state.closed === 'moved' ? (
        <p class="banner warn" role="status">
          The table is moving to another server; play resumes in a moment…
        </p>
      ) : (
        state.closed !== null && (
          <p class="banner bad" role="alert">
            This table is closed.
          </p>
        )
      )}

      {view === null && unavailable !== null ? (
        <p class="banner bad" role="alert">
          {unavailable}{' '}
          <button type="button" onClick={() => router.go({ name: 'lobby' })}>
            Back to the lobby
          </button>
        </p>
      ) : view === null ? (
        <p class="loading" role="status">
          Loading the table…
        </p>
      ) : isHoldemView(view) ? (
        <HoldemTable
          view={view}
          mySeat={mySeat}
          legal={holdem}
          deadline={deadline}
          turnMs={turnMs}
          clocks={state.paused ? NO_CLOCKS : state.clocks}
          clockOffset={offset}
          events={events}
          busy={waiting || state.paused}
          offline={offline}
          act={act}
          onSit={onSit}
          away={state.away}
        />
      ) : (
        <HokmTable
          view={view}
          mySeat={mySeat}
          legal={hokm}
          deadline={deadline}
          turnMs={turnMs}
          clocks={state.paused ? NO_CLOCKS : state.clocks}
          clockOffset={offset}
          busy={waiting || state.paused}
          act={act}
          onSit={onSit}
          away={state.away}
        />
      )}

      <p class="visually-hidden" aria-live="assertive">
        {yourTurn ? 'Your turn.' : ''}
      </p>

      {/* Players read their own hands; a spectator reads the table's, as they were shown. */}
      {(mySeat !== null || summary?.spectators === true) && (
        <HistoryPanel
          session={session}
          table={table}
          tableName={summary?.name ?? table}
          refreshKey={handsEnded}
          nameOf={nameOf}
          scope={mySeat === null ? 'table' : 'mine'}
          commitmentSeen={(hand) => client.store.commitmentSeen(hand)}
        />
      )}
    </main>
  );
}
