import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TableStore, type ResyncRequest, type TableChange } from '../../src/sdk/index.js';
import { counterGame, viewAt, type CounterEvent } from './fixture-game.js';

type Store = TableStore<typeof counterGame>;

function makeStore(): { store: Store; resyncs: ResyncRequest[]; changes: TableChange<CounterEvent>[] } {
  const resyncs: ResyncRequest[] = [];
  const store = new TableStore({ table: 't1', game: counterGame, onResync: (r) => resyncs.push(r) });
  const changes: TableChange<CounterEvent>[] = [];
  store.subscribe((_state, change) => changes.push(change));
  return { store, resyncs, changes };
}

const add = (amount: number): CounterEvent => ({ type: 'add', amount });
const view = (seq: number, events: CounterEvent[], seat: number | null = null) =>
  ({
    type: 'table.view',
    table: 't1',
    game: 'holdem',
    seq,
    seat,
    view: viewAt(events, seq),
    clocks: [],
  }) as const;
const event = (seq: number, e: CounterEvent) =>
  ({ type: 'table.event', table: 't1', seq, event: e }) as const;
const turn = (seq: number, seat = 0, deadline = 1_000) =>
  ({ type: 'table.turn', table: 't1', seq, seat, legal: { maxAdd: 5 }, deadline }) as const;

describe('TableStore', () => {
  it('starts empty and takes the first view whole', () => {
    const { store, changes } = makeStore();
    expect(store.state).toMatchObject({ view: null, seq: null, seat: null, legal: null, closed: null });
    store.handle(view(2, [add(1), add(2)], 3));
    expect(store.state).toMatchObject({ game: 'holdem', view: { total: 3, adds: 2 }, seq: 2, seat: 3 });
    expect(changes).toEqual([{ kind: 'view' }]);
  });

  it('folds events into the view with the game’s reduceView', () => {
    const { store, changes } = makeStore();
    store.handle(view(0, []));
    store.handle(event(1, add(4)));
    store.handle(event(2, add(5)));
    expect(store.state.view).toEqual({ total: 9, adds: 2 });
    expect(store.state.seq).toBe(2);
    expect(changes.slice(1)).toEqual([
      { kind: 'event', seq: 1, event: add(4) },
      { kind: 'event', seq: 2, event: add(5) },
    ]);
  });

  it('ignores messages about other tables and events it already folded in', () => {
    const { store, changes } = makeStore();
    store.handle(view(1, [add(1)]));
    store.handle({ ...event(2, add(9)), table: 't2' });
    store.handle(event(1, add(1)));
    expect(store.state.view).toEqual({ total: 1, adds: 1 });
    expect(changes).toHaveLength(1);
  });

  it('asks for a resync from its seq on a gap, once, and resumes when the missing event comes', () => {
    const { store, resyncs } = makeStore();
    store.handle(view(1, [add(1)]));
    store.handle(event(3, add(3)));
    store.handle(event(4, add(4)));
    expect(resyncs).toEqual([{ table: 't1', fresh: false, reason: 'gap' }]);
    expect(store.state.seq).toBe(1);
    store.handle(event(2, add(2)));
    store.handle(event(3, add(3)));
    expect(store.state).toMatchObject({ seq: 3, view: { total: 6, adds: 3 } });
  });

  it('asks for a fresh view when events come before any view', () => {
    const { store, resyncs } = makeStore();
    store.handle(event(1, add(1)));
    expect(resyncs).toEqual([{ table: 't1', fresh: true, reason: 'no_view' }]);
    expect(store.state.view).toBeNull();
  });

  it('when reduceView throws, keeps the last good view, waits for a fresh one and asks for it', () => {
    const { store, resyncs } = makeStore();
    store.handle(view(1, [add(1)]));
    store.handle(event(2, { type: 'boom' }));
    store.handle(event(3, add(3)));
    expect(resyncs).toHaveLength(1);
    expect(resyncs[0]).toMatchObject({ fresh: true, reason: 'reduce_failed' });
    expect((resyncs[0]?.cause as Error).message).toBe('cannot fold boom');
    expect(store.state).toMatchObject({ seq: 1, view: { total: 1, adds: 1 } });
    store.handle({ ...view(3, [add(1), add(1), add(3)]) });
    store.handle(event(4, add(4)));
    expect(store.state).toMatchObject({ seq: 4, view: { total: 9, adds: 4 } });
  });

  it('advances the seq over an event this viewer may not see (null)', () => {
    const { store } = makeStore();
    store.handle(view(0, []));
    store.handle({ type: 'table.event', table: 't1', seq: 1, event: null });
    store.handle(event(2, add(2)));
    expect(store.state).toMatchObject({ seq: 2, view: { total: 2, adds: 1 } });
  });

  it('holds the legal actions and deadline of our turn until a later event ends it', () => {
    const { store } = makeStore();
    store.handle(view(1, [add(1)], 0));
    store.handle(turn(1, 0, 5_000));
    expect(store.isMyTurn).toBe(true);
    expect(store.state).toMatchObject({ legal: { maxAdd: 5 }, deadline: 5_000 });
    store.handle(event(2, add(2)));
    expect(store.isMyTurn).toBe(false);
    expect(store.state).toMatchObject({ legal: null, deadline: null });
  });

  it('keeps a turn that arrives ahead of the events it follows, shows it once they are applied, and a newer turn replaces the old', () => {
    const { store, changes } = makeStore();
    store.handle(view(1, [add(1)], 0));
    store.handle(turn(3, 0, 7_000));
    expect(store.isMyTurn).toBe(false);
    store.handle(event(2, add(2)));
    expect(store.isMyTurn).toBe(false);
    store.handle(event(3, add(3)));
    expect(store.state.legal).toEqual({ maxAdd: 5 });
    expect(changes.slice(-2)).toEqual([{ kind: 'event', seq: 3, event: add(3) }, { kind: 'turn' }]);
    store.handle(event(4, add(4)));
    store.handle(turn(4, 0, 9_000));
    expect(store.state.deadline).toBe(9_000);
  });

  it('offers no actions while its view is behind a gap, and shows the turn with the fresh view it was computed at', () => {
    const { store, resyncs } = makeStore();
    store.handle(view(1, [add(1)], 0));
    store.handle(event(3, add(3))); // seq 2 lost: a resync is asked
    expect(resyncs).toHaveLength(1);
    store.handle(turn(3, 0, 7_000));
    expect(store.isMyTurn).toBe(false);
    store.handle(view(3, [add(1), add(2), add(3)], 0));
    expect(store.state).toMatchObject({ seq: 3, legal: { maxAdd: 5 }, deadline: 7_000 });
  });

  it('drops a pending turn that a later fresh view supersedes', () => {
    const { store } = makeStore();
    store.handle(view(1, [add(1)], 0));
    store.handle(turn(2));
    store.handle(view(3, [add(1), add(2), add(3)], 0));
    expect(store.isMyTurn).toBe(false);
    store.handle(event(4, add(4)));
    expect(store.isMyTurn).toBe(false);
  });

  it('keeps the turn timers a view carries until the next event', () => {
    const { store } = makeStore();
    const clocks = [{ seat: 2, deadline: 9_000 }];
    store.handle({ ...view(1, [add(1)]), clocks });
    expect(store.state.clocks).toEqual(clocks);
    store.handle(event(2, add(2)));
    expect(store.state.clocks).toEqual([]);
  });

  it('ignores a turn computed before events it already applied', () => {
    const { store, changes } = makeStore();
    store.handle(view(2, [add(1), add(2)], 0));
    store.handle(turn(1));
    expect(store.isMyTurn).toBe(false);
    expect(changes).toHaveLength(1);
  });

  it('a fresh view ends a turn it supersedes but keeps one computed at or after it', () => {
    const { store } = makeStore();
    store.handle(view(1, [add(1)], 0));
    store.handle(turn(1));
    store.handle(view(1, [add(1)], 0));
    expect(store.isMyTurn).toBe(true);
    store.handle(view(2, [add(1), add(2)], 0));
    expect(store.isMyTurn).toBe(false);
  });

  it('records that the table closed and ends the turn', () => {
    const { store, changes } = makeStore();
    store.handle(view(1, [add(1)], 0));
    store.handle(turn(1));
    store.handle({ type: 'table.closed', table: 't1', reason: 'table removed' });
    expect(store.state).toMatchObject({ closed: 'table removed', legal: null });
    expect(changes.at(-1)).toEqual({ kind: 'closed', reason: 'table removed' });
  });

  it('treats a move as a pause: events from the new owner continue the view', () => {
    const { store, resyncs } = makeStore();
    store.handle(view(1, [add(1)], 0));
    store.handle({ type: 'table.closed', table: 't1', reason: 'moved' });
    expect(store.state.closed).toBe('moved');
    store.handle(event(2, add(2)));
    expect(store.state).toMatchObject({ closed: null, seq: 2, view: { total: 3, adds: 2 } });
    expect(resyncs).toEqual([]);
  });

  it('tells every listener about a change even when one of them throws, then rethrows', () => {
    const { store } = makeStore();
    const seen: number[] = [];
    store.subscribe(() => {
      throw new Error('ui bug');
    });
    store.subscribe((state) => seen.push(state.seq ?? -1));
    expect(() => store.handle(view(0, []))).toThrow('ui bug');
    expect(seen).toEqual([0]);
  });

  it('ends with the server’s view for any start point, replays and duplicates (property)', () => {
    const events = fc.array(
      fc.integer({ min: -5, max: 5 }).map((n) => add(n)),
      { minLength: 1, maxLength: 30 },
    );
    fc.assert(
      fc.property(events, fc.nat(), fc.array(fc.nat(), { maxLength: 10 }), (all, startPick, dupPicks) => {
        const { store, resyncs } = makeStore();
        const start = startPick % (all.length + 1);
        store.handle(view(start, all));
        for (let seq = start + 1; seq <= all.length; seq++) {
          store.handle(event(seq, all[seq - 1]!));
          // Replays of already folded events, as after a resume, must change nothing.
          for (const pick of dupPicks) if (pick % seq === 0) store.handle(event(seq, all[seq - 1]!));
        }
        expect(store.state.view).toEqual(viewAt(all, all.length));
        expect(store.state.seq).toBe(all.length);
        expect(resyncs).toEqual([]);
      }),
    );
  });
});
