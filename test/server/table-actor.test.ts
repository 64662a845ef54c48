import { describe, expect, it } from 'vitest';
import { MemoryTableLog } from '../../src/adapters/memory/table-log.js';
import { holdem } from '../../src/games/holdem/index.js';
import { hokm } from '../../src/games/hokm/index.js';
import type { HoldemState } from '../../src/games/holdem/index.js';
import { UnavailableError } from '../../src/ports/errors.js';
import type { TableLog } from '../../src/ports/table-log.js';
import { encodeRecord } from '../../src/server/tables/log-records.js';
import { openActor, Recorder, settle, TestLedger, type Harness } from './actor-harness.js';

const CONFIG = { seats: 6, smallBlind: 5, bigBlind: 10, minBuyIn: 100, maxBuyIn: 1000 };

async function twoPlayers(h: Harness): Promise<{ a: Recorder; b: Recorder }> {
  h.ledger.fund('alice', 1000);
  h.ledger.fund('bob', 1000);
  const a = new Recorder('alice');
  const b = new Recorder('bob');
  await h.actor.watch(a);
  await h.actor.watch(b);
  expect(
    await h.actor.join({ accountId: 'alice', name: 'Alice', seat: 0, amount: 500, requestId: 'r-a' }),
  ).toMatchObject({ ok: true, seat: 0 });
  expect(
    await h.actor.join({ accountId: 'bob', name: 'Bob', seat: 1, amount: 500, requestId: 'r-b' }),
  ).toMatchObject({ ok: true, seat: 1 });
  return { a, b };
}

async function startHand(h: Harness): Promise<void> {
  h.clock.advance(1000);
  await settle(h.actor);
  expect(h.actor.status().inHand).toBe(true);
}

function toActAccount(h: Harness): string {
  const seat = h.actor.status().toAct[0];
  const info = h.actor.seats().find((s) => s.seat === seat);
  if (!info) throw new Error('nobody to act');
  return info.player;
}

/**
 * Lets turn timers act for everybody until `hands` more hands have ended (the hand in progress
 * counts as the first), and stops between hands.
 */
async function playHandsByTimeout(h: Harness, hands: number): Promise<void> {
  const now = h.actor.status();
  const target = now.handNumber + hands - (now.inHand ? 1 : 0);
  for (let i = 0; i < 5000; i++) {
    const status = h.actor.status();
    if (status.handNumber >= target && !status.inHand) return;
    h.clock.advance(500);
    await settle(h.actor);
  }
  throw new Error('hands did not finish');
}

/** A TableLog that records every append, and whose appends can be held until the test releases them. */
class GatedLog implements TableLog {
  readonly inner = new MemoryTableLog();
  gate: Promise<void> | null = null;
  fence = this.inner.fence.bind(this.inner);
  read = this.inner.read.bind(this.inner);
  lastSeq = this.inner.lastSeq.bind(this.inner);
  writeSnapshot = this.inner.writeSnapshot.bind(this.inner);
  readSnapshot = this.inner.readSnapshot.bind(this.inner);
  trim = this.inner.trim.bind(this.inner);
  destroy = this.inner.destroy.bind(this.inner);
  close = this.inner.close.bind(this.inner);
  readonly appended: string[] = [];
  async append(tableId: string, epoch: number, nextSeq: number, records: readonly string[]): Promise<number> {
    if (this.gate) await this.gate;
    const seq = await this.inner.append(tableId, epoch, nextSeq, records);
    this.appended.push(...records);
    return seq;
  }
}

/** A TableLog that can be taken down like an unreachable Redis: every call fails meanwhile. */
class OutageLog extends GatedLog {
  down = false;
  constructor() {
    super();
    const guard =
      <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
      (...args: A): Promise<R> =>
        this.down ? Promise.reject(new UnavailableError('log unreachable')) : call(...args);
    this.read = guard(this.inner.read.bind(this.inner));
    this.writeSnapshot = guard(this.inner.writeSnapshot.bind(this.inner));
    this.trim = guard(this.inner.trim.bind(this.inner));
  }
  override append(
    tableId: string,
    epoch: number,
    nextSeq: number,
    records: readonly string[],
  ): Promise<number> {
    return this.down
      ? Promise.reject(new UnavailableError('log unreachable'))
      : super.append(tableId, epoch, nextSeq, records);
  }
}

describe('a table actor', () => {
  it('pauses while its log is unreachable — no timeout, no bot move — and resumes by itself with the time that was left', async () => {
    const log = new OutageLog();
    const h = await openActor({ game: holdem, config: CONFIG, log });
    const { a, b } = await twoPlayers(h);
    await startHand(h);
    const actingAccount = toActAccount(h);
    const acting = actingAccount === 'alice' ? a : b;
    const seat = h.actor.status().toAct[0];
    h.clock.advance(3000); // 7 s of the 10 s turn left

    log.down = true;
    expect(await h.actor.act(actingAccount, { type: 'call' })).toMatchObject({
      ok: false,
      code: 'table/unavailable',
    });
    expect(h.actor.paused).toBe(true);
    const seq = h.actor.logSeq;
    h.clock.advance(120_000); // far past the deadline: frozen, nobody is timed out
    await settle(h.actor);
    expect(h.actor.status().toAct).toEqual([seat]);
    expect(h.actor.logSeq).toBe(seq);

    log.down = false;
    h.clock.advance(2000); // the next probe re-reads the log
    await settle(h.actor);
    expect(h.actor.paused).toBe(false);
    // Announced again with the 7 s that were left, counted from the moment it resumed (≤ 2 s ago).
    const resumed = acting.of('table.turn').at(-1);
    expect(resumed?.seat).toBe(seat);
    expect(Number(resumed?.deadline) - h.clock.now()).toBeGreaterThan(5000);
    expect(Number(resumed?.deadline) - h.clock.now()).toBeLessThanOrEqual(7000);
    expect(await h.actor.act(actingAccount, { type: 'call' })).toMatchObject({ ok: true });
  });

  it('starts a hand by itself once two players sit, after the pause between hands', async () => {
    const h = await openActor({ game: holdem, config: CONFIG });
    const { a } = await twoPlayers(h);
    expect(h.actor.status().inHand).toBe(false);
    await startHand(h);
    expect(a.events().map((e) => e.event.type)).toContain('hand_started');
  });

  it('appends every accepted command to the log before any watcher hears of it', async () => {
    const log = new GatedLog();
    const h = await openActor({ game: holdem, config: CONFIG, log });
    const spectator = new Recorder('carol');
    await h.actor.watch(spectator);
    await twoPlayers(h);
    await startHand(h);
    const heard = spectator.messages.length;
    const before = await log.lastSeq('t1');

    let release!: () => void;
    log.gate = new Promise<void>((r) => (release = r));
    const acting = h.actor.act(toActAccount(h), { type: 'call' });
    await new Promise((r) => setImmediate(r));
    expect(spectator.messages.length).toBe(heard);
    expect(await log.inner.lastSeq('t1')).toBe(before);

    release();
    log.gate = null;
    expect(await acting).toMatchObject({ ok: true });
    expect(await log.lastSeq('t1')).toBe(before + 1);
    expect(spectator.messages.length).toBeGreaterThan(heard);
  });

  it('rejects an action out of turn without writing, changing or telling anything', async () => {
    const h = await openActor({ game: holdem, config: CONFIG });
    const { a, b } = await twoPlayers(h);
    await startHand(h);
    const waiting = toActAccount(h) === 'alice' ? 'bob' : 'alice';
    const state = JSON.stringify(h.actor.state);
    const seq = await h.log.lastSeq('t1');
    const heard = a.messages.length + b.messages.length;

    const result = await h.actor.act(waiting, { type: 'check' });
    expect(result).toMatchObject({ ok: false, code: 'action/not_your_turn' });
    expect(JSON.stringify(h.actor.state)).toBe(state);
    expect(await h.log.lastSeq('t1')).toBe(seq);
    expect(a.messages.length + b.messages.length).toBe(heard);
  });

  it('rejects an action from someone without a seat', async () => {
    const h = await openActor({ game: holdem, config: CONFIG });
    await twoPlayers(h);
    await startHand(h);
    expect(await h.actor.act('mallory', { type: 'fold' })).toMatchObject({
      ok: false,
      code: 'table/not_seated',
    });
  });

  it('applies the game timeout action when a turn timer expires', async () => {
    const log = new GatedLog();
    const h = await openActor({ game: holdem, config: CONFIG, log });
    await twoPlayers(h);
    await startHand(h);
    const seat = h.actor.status().toAct[0];
    h.clock.advance(9_999);
    await settle(h.actor);
    expect(log.appended.some((r) => r.includes('"timeout"'))).toBe(false);
    h.clock.advance(1);
    await settle(h.actor);
    expect(log.appended.filter((r) => r.includes('"timeout"'))).toEqual([
      expect.stringContaining(`"seat":${seat}`),
    ]);
  });

  it('tells the seat whose turn it is its legal actions and deadline', async () => {
    const h = await openActor({ game: holdem, config: CONFIG });
    const { a, b } = await twoPlayers(h);
    await startHand(h);
    const actingSeat = h.actor.status().toAct[0];
    const [acting, waiting] = toActAccount(h) === 'alice' ? [a, b] : [b, a];
    const turn = acting.of('table.turn').at(-1);
    expect(turn).toMatchObject({ seat: actingSeat, deadline: h.clock.now() + 10_000 });
    expect(turn?.legal).toBeTruthy();
    expect(waiting.of('table.turn').filter((t) => t.seat === actingSeat)).toHaveLength(0);
  });

  it('shows a spectator who arrives mid-turn the running turn timer, not a full one', async () => {
    const h = await openActor({ game: holdem, config: CONFIG });
    await twoPlayers(h);
    await startHand(h);
    const actingSeat = h.actor.status().toAct[0];
    const deadline = h.clock.now() + 10_000;
    h.clock.advance(4_000);
    const late = new Recorder('carol');
    await h.actor.watch(late);
    expect(late.of('table.view')[0]?.clocks).toEqual([{ seat: actingSeat, deadline }]);
    // Between hands no timer runs.
    const idle = await openActor({ game: holdem, config: CONFIG });
    const watcher = new Recorder('dave');
    await idle.actor.watch(watcher);
    expect(watcher.of('table.view')[0]?.clocks).toEqual([]);
  });

  it('never sends a spectator or the other player any hole cards before they are shown', async () => {
    const h = await openActor({ game: holdem, config: CONFIG });
    const spectator = new Recorder('carol');
    await h.actor.watch(spectator);
    const { a, b } = await twoPlayers(h);
    for (let hand = 0; hand < 4; hand++) {
      const from = { spectator: spectator.raw.length, a: a.raw.length, b: b.raw.length };
      await startHand(h);
      const players = (h.actor.state as HoldemState).hand?.players ?? [];
      const holeOf = (seat: number) => players.find((p) => p.seat === seat)?.cards ?? [];
      expect(holeOf(0)).toHaveLength(2);
      await playHandsByTimeout(h, 1);
      // Timeouts check or fold, so a hand ends without a showdown unless both check it down; cards
      // that were shown at a showdown are public, so only hands without one are checked.
      const during = (r: Recorder, start: number) => r.raw.slice(start);
      if (during(spectator, from.spectator).some((m) => m.includes('"reveal"') || m.includes('"show"')))
        continue;
      const mentions = (raw: string[], cards: readonly string[]) =>
        raw.filter((m) => cards.some((c) => m.includes(`"${c}"`)));
      expect(mentions(during(spectator, from.spectator), [...holeOf(0), ...holeOf(1)])).toEqual([]);
      expect(mentions(during(a, from.a), holeOf(1))).toEqual([]);
      expect(mentions(during(b, from.b), holeOf(0))).toEqual([]);
      expect(mentions(during(a, from.a), holeOf(0)).length).toBeGreaterThan(0);
    }
  });

  it('rebuilds byte-identical state from snapshot and log on reopening, with the same cards', async () => {
    const log = new MemoryTableLog();
    const h = await openActor({ game: holdem, config: CONFIG, log });
    await twoPlayers(h);
    await startHand(h);
    await playHandsByTimeout(h, 2);
    await startHand(h);
    h.clock.advance(10_000); // one timeout into the next hand: mid-hand, past the last snapshot
    await settle(h.actor);
    const before = {
      state: JSON.stringify(h.actor.state),
      eventSeq: h.actor.eventSeq,
      logSeq: h.actor.logSeq,
    };

    const total = h.ledger.total();
    const reopened = await openActor({ game: holdem, config: CONFIG, log, epoch: 2, ledger: h.ledger });
    expect(JSON.stringify(reopened.actor.state)).toBe(before.state);
    expect(reopened.actor.eventSeq).toBe(before.eventSeq);
    expect(reopened.actor.logSeq).toBe(before.logSeq);
    // Reopening settles nothing twice: no refund of a buy-in that seated someone.
    await settle(reopened.actor);
    expect(h.ledger.total()).toBe(total);
    expect(h.ledger.atTables.get('t1')).toBe(holdem.chipsOnTable(reopened.actor.state as HoldemState));
    expect(reopened.actor.pendingDeposits()).toEqual([]);
  });

  it('writes a snapshot after recovery that pairs the state with its own event seq', async () => {
    // The first owner's snapshots (and trims) are dropped, so the next owner replays many entries.
    const log = new OutageLog();
    log.writeSnapshot = () => Promise.resolve();
    log.trim = () => Promise.resolve();
    const h = await openActor({ game: holdem, config: CONFIG, log });
    await twoPlayers(h);
    await startHand(h);
    await playHandsByTimeout(h, 24);
    expect(h.actor.logSeq).toBeGreaterThan(48);
    const eventSeq = h.actor.eventSeq;
    await h.actor.suspend();

    log.writeSnapshot = log.inner.writeSnapshot.bind(log.inner);
    log.trim = log.inner.trim.bind(log.inner);
    const second = await openActor({
      game: holdem,
      config: CONFIG,
      log,
      epoch: 2,
      clock: h.clock,
      ledger: h.ledger,
    });
    await settle(second.actor);
    expect(await log.readSnapshot('t1')).not.toBeNull(); // recovery took one
    await second.actor.suspend();
    const third = await openActor({
      game: holdem,
      config: CONFIG,
      log,
      epoch: 3,
      clock: h.clock,
      ledger: h.ledger,
    });
    expect(third.actor.eventSeq).toBe(eventSeq);
    expect(JSON.stringify(third.actor.state)).toBe(JSON.stringify(h.actor.state));
  });

  it('stops, and says so, once a newer owner has fenced its log', async () => {
    const log = new MemoryTableLog();
    const h = await openActor({ game: holdem, config: CONFIG, log });
    await twoPlayers(h);
    await startHand(h);
    const newer = await openActor({ game: holdem, config: CONFIG, log, epoch: 2, ledger: h.ledger });
    const seq = await log.lastSeq('t1');

    const result = await h.actor.act(toActAccount(h), { type: 'call' });
    expect(result).toMatchObject({ ok: false, code: 'table/unavailable' });
    expect(h.lost).toHaveLength(1);
    expect(h.actor.stopped).toBe(true);
    expect(await log.lastSeq('t1')).toBe(seq);
    expect(await newer.actor.act(toActAccount(newer), { type: 'call' })).toMatchObject({ ok: true });
  });

  it('keeps a running turn’s deadline when a new owner reopens the table, and never times it out at once', async () => {
    const log = new MemoryTableLog();
    const h = await openActor({ game: holdem, config: CONFIG, log });
    const { a, b } = await twoPlayers(h);
    await startHand(h);
    const acting = toActAccount(h) === 'alice' ? a : b;
    const turn = acting.of('table.turn').at(-1);
    expect(turn).toBeDefined();
    h.clock.advance(4000); // 4 s of a 10 s turn gone
    await h.actor.suspend();

    // Same clock (one cluster shares wall time): the new owner's turn ends when the old one's would.
    const taken = await openActor({
      game: holdem,
      config: CONFIG,
      log,
      epoch: 2,
      clock: h.clock,
      ledger: h.ledger,
    });
    const watcher = new Recorder(acting.accountId);
    await taken.actor.watch(watcher);
    expect(watcher.of('table.turn').at(-1)).toMatchObject({ seat: turn?.seat, deadline: turn?.deadline });
    h.clock.advance(5900);
    await settle(taken.actor);
    expect(taken.actor.status().toAct).toEqual([turn?.seat]);
    h.clock.advance(200);
    await settle(taken.actor);
    expect(taken.actor.status().toAct).not.toEqual([turn?.seat]);

    // A turn whose deadline passed while the table was between owners gets the floor (5 s), not 0.
    h.clock.advance(1000); // the next hand
    await settle(taken.actor);
    const next = taken.actor.status().toAct[0];
    expect(next).toBeDefined();
    await taken.actor.suspend();
    h.clock.advance(60_000);
    const late = await openActor({
      game: holdem,
      config: CONFIG,
      log,
      epoch: 3,
      clock: h.clock,
      ledger: h.ledger,
    });
    const lateWatcher = new Recorder(late.actor.seats().find((s) => s.seat === next)!.player);
    await late.actor.watch(lateWatcher);
    expect(lateWatcher.of('table.turn').at(-1)).toMatchObject({ seat: next, deadline: h.clock.now() + 5000 });
  });

  it('stops at a command boundary for a hand-off: what came before is applied, what queued behind is not', async () => {
    const log = new GatedLog();
    const h = await openActor({ game: holdem, config: CONFIG, log });
    await twoPlayers(h);
    await startHand(h);
    const first = toActAccount(h);
    const second = first === 'alice' ? 'bob' : 'alice';
    let release = (): void => undefined;
    log.gate = new Promise<void>((resolve) => (release = resolve));
    const applied = h.actor.act(first, { type: 'call' }); // in flight: its append is held
    const suspended = h.actor.suspend();
    const behind = h.actor.act(second, { type: 'check' }); // queued behind the boundary
    release();
    log.gate = null;
    expect(await applied).toMatchObject({ ok: true });
    await suspended;
    expect(await behind).toMatchObject({ ok: false, code: 'table/moved' });
    // Nothing more is written: no timer, no bot, no command.
    const seq = await log.lastSeq('t1');
    h.clock.advance(60_000);
    await settle(h.actor);
    expect(await log.lastSeq('t1')).toBe(seq);
    expect(h.actor.stopped).toBe(true);
  });

  it('resumes a watcher with exactly the events it missed', async () => {
    const h = await openActor({ game: holdem, config: CONFIG });
    const { a } = await twoPlayers(h);
    await startHand(h);
    const seenUpTo = a.events().at(-1)?.seq ?? 0;
    await playHandsByTimeout(h, 1);
    const missed = a.events().filter((e) => e.seq > seenUpTo);

    const again = new Recorder('alice');
    expect(await h.actor.watch(again, seenUpTo)).toEqual({ resumed: true });
    expect(again.of('table.view')).toHaveLength(0);
    expect(again.events().map((e) => e.seq)).toEqual(missed.map((e) => e.seq));
    expect(again.events()).toEqual(missed);
  });

  it('sends a fresh view when the events a watcher missed are gone', async () => {
    const h = await openActor({ game: holdem, config: CONFIG });
    await twoPlayers(h);
    const late = new Recorder('carol');
    expect(await h.actor.watch(late, h.actor.eventSeq + 5)).toEqual({ resumed: false });
    expect(late.of('table.view')).toHaveLength(1);
    expect(late.of('table.view')[0]).toMatchObject({ seq: h.actor.eventSeq, seat: null });
  });

  it('sits out a player whose last connection went away, after the grace period, and back in on return', async () => {
    const h = await openActor({ game: holdem, config: CONFIG });
    const { a } = await twoPlayers(h);
    h.actor.unwatch(a);
    h.clock.advance(29_000);
    await settle(h.actor);
    expect(h.actor.seats().find((s) => s.player === 'alice')?.status).toBe('playing');
    h.clock.advance(1_000);
    await settle(h.actor);
    expect(h.actor.seats().find((s) => s.player === 'alice')?.status).toBe('sitting_out');

    await h.actor.watch(new Recorder('alice'));
    await settle(h.actor);
    expect(h.actor.seats().find((s) => s.player === 'alice')?.status).toBe('playing');
  });

  it('tells everyone who is away as connections go and come, and puts it in every fresh view', async () => {
    const h = await openActor({ game: holdem, config: CONFIG });
    const { a, b } = await twoPlayers(h);
    const spectator = new Recorder('sam');
    await h.actor.watch(spectator);
    expect(JSON.parse(spectator.raw[0] ?? '{}')).toMatchObject({ type: 'table.view', away: [] });
    h.actor.unwatch(b);
    expect(a.of('table.presence').at(-1)).toEqual({ type: 'table.presence', table: 't1', away: [1] });
    expect(spectator.of('table.presence').at(-1)).toMatchObject({ away: [1] });
    expect(h.actor.awaySeats()).toEqual([1]);
    const late = new Recorder('tim');
    await h.actor.watch(late);
    expect(JSON.parse(late.raw[0] ?? '{}')).toMatchObject({ type: 'table.view', away: [1] });
    // A second connection of Alice coming and going changes nothing: she stays present.
    const a2 = new Recorder('alice');
    await h.actor.watch(a2);
    h.actor.unwatch(a2);
    await h.actor.watch(b);
    expect(a.of('table.presence').map((m) => m.away)).toEqual([[1], []]);
  });

  it('stands up a player who stays away long after sitting out, and returns their chips', async () => {
    const h = await openActor({ game: holdem, config: CONFIG });
    const { a } = await twoPlayers(h);
    h.actor.unwatch(a);
    h.clock.advance(30_000);
    await settle(h.actor);
    h.clock.advance(119_000);
    await settle(h.actor);
    const seat = h.actor.seats().find((s) => s.player === 'alice');
    expect(seat?.status).toBe('sitting_out');
    h.clock.advance(1_000);
    await settle(h.actor);
    expect(h.actor.seats().find((s) => s.player === 'alice')).toBeUndefined();
    expect(h.ledger.wallets.get('alice')).toBe(500 + (seat?.chips ?? 0));
  });

  it('lets bots play whole hands on their own while chips stay conserved', async () => {
    const h = await openActor({ game: holdem, config: CONFIG });
    for (const bot of ['b1', 'b2', 'b3']) {
      h.ledger.fund(bot, 1000);
      expect(
        await h.actor.join({ accountId: bot, name: bot, amount: 500, requestId: `j-${bot}`, bot: true }),
      ).toMatchObject({ ok: true });
    }
    const total = h.ledger.total();
    for (let i = 0; i < 400 && h.actor.status().handNumber < 5; i++) {
      h.clock.advance(250);
      await settle(h.actor);
    }
    expect(h.actor.status().handNumber).toBeGreaterThanOrEqual(5);
    expect(h.ledger.hands.length).toBeGreaterThanOrEqual(4);
    expect(h.ledger.total()).toBe(total);
    expect(h.ledger.atTables.get('t1')).toBe(holdem.chipsOnTable(h.actor.state as HoldemState));
    const timeouts = (await h.log.read('t1', 1)).filter(
      (e) => (JSON.parse(e.data) as { cmd?: { kind: string } }).cmd?.kind === 'timeout',
    );
    expect(timeouts).toHaveLength(0);
  });

  it('cashes a player out when they leave between hands', async () => {
    const h = await openActor({ game: holdem, config: CONFIG });
    await twoPlayers(h);
    expect(h.ledger.wallets.get('alice')).toBe(500);
    expect(await h.actor.seatCommand('alice', 'leave')).toMatchObject({ ok: true });
    await settle(h.actor);
    expect(h.ledger.wallets.get('alice')).toBe(1000);
    expect(h.actor.seats().map((s) => s.player)).toEqual(['bob']);
  });

  it('refuses a seat the wallet cannot pay for, leaving wallet and table as they were', async () => {
    const h = await openActor({ game: holdem, config: CONFIG });
    h.ledger.fund('dave', 50);
    const result = await h.actor.join({ accountId: 'dave', name: 'Dave', amount: 200, requestId: 'r-d' });
    expect(result).toMatchObject({ ok: false, code: 'wallet/insufficient_funds' });
    await settle(h.actor);
    expect(h.ledger.wallets.get('dave')).toBe(50);
    expect(h.actor.seats()).toHaveLength(0);
    expect(h.actor.pendingDeposits()).toEqual([]);
  });

  it('refunds a buy-in whose outcome it could not learn', async () => {
    const h = await openActor({ game: holdem, config: CONFIG });
    h.ledger.fund('erin', 1000);
    h.ledger.failNextBuyIn = new UnavailableError('store down');
    const result = await h.actor.join({ accountId: 'erin', name: 'Erin', amount: 300, requestId: 'r-e' });
    expect(result).toMatchObject({ ok: false, code: 'table/unavailable' });
    await settle(h.actor);
    expect(h.ledger.wallets.get('erin')).toBe(1000);
    expect(h.ledger.atTables.get('t1') ?? 0).toBe(0);
    expect(h.actor.pendingDeposits()).toEqual([]);
    expect(h.actor.seats()).toHaveLength(0);
  });

  it('settles a deposit that a crash left between the wallet and the seat when the table reopens', async () => {
    const log = new MemoryTableLog();
    const ledger = new TestLedger();
    ledger.fund('fay', 1000);
    // The crash: the deposit was logged and the wallet debited, but the seat was never taken.
    await log.fence('t1', 1);
    await log.append('t1', 1, 1, [encodeRecord({ k: 'deposit', req: 'r-f', player: 'fay', amount: 400 })]);
    await ledger.buyIn('r-f', 'fay', 't1', 400);
    expect(ledger.wallets.get('fay')).toBe(600);

    const h = await openActor({ game: holdem, config: CONFIG, log, ledger, epoch: 2 });
    await settle(h.actor);
    expect(ledger.wallets.get('fay')).toBe(1000);
    expect(ledger.atTables.get('t1')).toBe(0);
    expect(h.actor.pendingDeposits()).toEqual([]);
  });
});

describe('a table actor with a busted player', () => {
  /** Alice (100 chips) goes all in every hand against Bob's 1000 until she has lost them all. */
  async function bustAlice(): Promise<Harness> {
    const h = await openActor({ game: holdem, config: CONFIG });
    h.ledger.fund('alice', 1000);
    h.ledger.fund('bob', 2000);
    await h.actor.join({ accountId: 'alice', name: 'Alice', seat: 0, amount: 100, requestId: 'r-a' });
    await h.actor.join({ accountId: 'bob', name: 'Bob', seat: 1, amount: 1000, requestId: 'r-b' });
    const alice = () => h.actor.seats().find((s) => s.player === 'alice');
    const busted = () => alice()?.chips === 0 && alice()?.status === 'sitting_out';
    for (let i = 0; i < 2000 && !busted(); i++) {
      const status = h.actor.status();
      if (status.inHand && status.toAct.length > 0) {
        const who = toActAccount(h);
        await h.actor.act(who, who === 'alice' ? { type: 'all_in' } : { type: 'call' });
      } else {
        h.clock.advance(500);
      }
      await settle(h.actor);
    }
    expect(alice()).toMatchObject({ chips: 0, status: 'sitting_out' });
    return h;
  }

  it('adds a rebuy to the stack through the wallet, refusing what breaks a table rule before any chip moves', async () => {
    const h = await bustAlice();
    const total = h.ledger.total();
    expect(h.ledger.wallets.get('alice')).toBe(900);
    for (const [amount, code] of [
      [50, 'seat/top_up'], // the stack would stay under the minimum buy-in
      [1001, 'seat/top_up'], // over the maximum
    ] as const) {
      expect(await h.actor.topUp({ accountId: 'alice', amount, requestId: `t-${amount}` })).toMatchObject({
        ok: false,
        code,
      });
    }
    expect(await h.actor.topUp({ accountId: 'carol', amount: 300, requestId: 't-c' })).toMatchObject({
      ok: false,
      code: 'table/not_seated',
    });
    h.ledger.fund('alice', 0);
    expect(await h.actor.topUp({ accountId: 'alice', amount: 950, requestId: 't-big' })).toMatchObject({
      ok: false,
      code: 'wallet/insufficient_funds',
    });
    await settle(h.actor);
    expect(h.ledger.wallets.get('alice')).toBe(900);
    expect(h.actor.pendingDeposits()).toEqual([]);

    expect(await h.actor.topUp({ accountId: 'alice', amount: 300, requestId: 't-ok' })).toEqual({
      ok: true,
      balance: 600,
    });
    expect(h.actor.seats().find((s) => s.player === 'alice')).toMatchObject({
      chips: 300,
      status: 'playing',
    });
    expect(h.ledger.total()).toBe(total);
    expect(h.ledger.atTables.get('t1')).toBe(holdem.chipsOnTable(h.actor.state as HoldemState));
    // She is dealt into the next hand, and the seat is not given up while she has chips.
    await startHand(h);
    expect((h.actor.state as HoldemState).hand?.players.map((p) => p.seat)).toContain(0);

    // A new owner replays the top-up from the log: the same stacks.
    const reopened = await openActor({
      game: holdem,
      config: CONFIG,
      log: h.log,
      ledger: h.ledger,
      epoch: 2,
    });
    expect(reopened.actor.seats()).toEqual(h.actor.seats());
  });

  it('stands a busted player up once their seat has been kept the while, freeing it', async () => {
    const h = await bustAlice();
    h.clock.advance(59_000);
    await settle(h.actor);
    expect(h.actor.seats().map((s) => s.player)).toContain('alice');
    h.clock.advance(1_000);
    await settle(h.actor);
    expect(h.actor.seats().map((s) => s.player)).toEqual(['bob']);
    expect(h.ledger.wallets.get('alice')).toBe(900);
    expect(h.actor.pendingDeposits()).toEqual([]);
  });
});

describe('a table actor pacing its players', () => {
  it('announces a turn again when another command happens during it, with the same deadline', async () => {
    const h = await openActor({ game: holdem, config: CONFIG });
    const { a, b } = await twoPlayers(h);
    await startHand(h);
    const acting = toActAccount(h) === 'alice' ? a : b;
    const first = acting.of('table.turn').at(-1);
    h.clock.advance(2000);
    h.ledger.fund('carol', 1000);
    expect(
      await h.actor.join({ accountId: 'carol', name: 'Carol', amount: 300, requestId: 'r-c' }),
    ).toMatchObject({ ok: true });
    const again = acting.of('table.turn').at(-1);
    expect(again).not.toBe(first);
    expect(again).toMatchObject({ seat: first?.seat, deadline: first?.deadline });
    expect(again?.seq).toBeGreaterThan(Number(first?.seq));
  });

  it('plays the turns of a player who stayed away past the grace period quickly, when they cannot sit out', async () => {
    const log = new GatedLog();
    const h = await openActor({
      game: hokm,
      config: { stake: 100, minBuyIn: 100, maxBuyIn: 1000 },
      tableOptions: { turnSeconds: 20 },
      log,
    });
    h.ledger.fund('dana', 1000);
    const dana = new Recorder('dana');
    await h.actor.watch(dana);
    expect(
      await h.actor.join({ accountId: 'dana', name: 'Dana', seat: 0, amount: 500, requestId: 'r-dana' }),
    ).toMatchObject({ ok: true });
    for (const bot of ['b1', 'b2', 'b3']) {
      h.ledger.fund(bot, 1000);
      expect(
        await h.actor.join({ accountId: bot, name: bot, amount: 500, requestId: `j-${bot}`, bot: true }),
      ).toMatchObject({ ok: true });
    }
    h.actor.unwatch(dana);
    // Grace (30 s) runs out; Hokm refuses sit_out mid-game, so Dana is only marked away.
    for (let i = 0; i < 200 && !h.actor.status().inHand; i++) {
      h.clock.advance(500);
      await settle(h.actor);
    }
    h.clock.advance(30_000);
    await settle(h.actor);
    // A turn of hers inside the grace may time out as anybody's would: count only what came after.
    const afterGrace = log.appended.length;
    const handBefore = h.actor.status().handNumber;
    // A hand needs 13 of Dana's turns: at the full 20 s each it would take over 260 s. Within 60 s
    // of table time a whole hand passes although Dana never acts.
    for (let i = 0; i < 86 && h.actor.status().handNumber === handBefore; i++) {
      h.clock.advance(700);
      await settle(h.actor);
    }
    expect(h.actor.status().handNumber).toBeGreaterThan(handBefore);
    expect(h.actor.seats().find((s) => s.player === 'dana')).toBeDefined();
    // The game's bot played her cards (its own choices, logged as her actions), not the timeout.
    // (Every append, not the log as it is now: snapshots trim what came before them.)
    const seat0 = log.appended
      .slice(afterGrace)
      .map((data) => (JSON.parse(data) as { cmd?: { kind: string; seat?: number } }).cmd)
      .filter((cmd) => cmd?.seat === 0);
    expect(seat0.filter((cmd) => cmd?.kind === 'act').length).toBeGreaterThan(0);
    expect(seat0.filter((cmd) => cmd?.kind === 'timeout')).toEqual([]);

    // She comes back: her seat is hers again, and her next turn waits for her (the full timer).
    await h.actor.watch(dana);
    for (let i = 0; i < 400 && !h.actor.status().toAct.includes(0); i++) {
      h.clock.advance(100);
      await settle(h.actor);
    }
    expect(h.actor.status().toAct).toContain(0);
    h.clock.advance(15_000);
    await settle(h.actor);
    expect(h.actor.status().toAct).toContain(0);
  });
});

describe('a table actor when its log answers ambiguously', () => {
  /** A log that, once, writes an append and then reports failure (a timeout after the write). */
  class AmbiguousLog extends MemoryTableLog {
    failAfterNextWrite = false;
    override async append(
      tableId: string,
      epoch: number,
      nextSeq: number,
      records: readonly string[],
    ): Promise<number> {
      const seq = await super.append(tableId, epoch, nextSeq, records);
      if (this.failAfterNextWrite && records.some((r) => r.includes('"sit"'))) {
        this.failAfterNextWrite = false;
        throw new UnavailableError('timed out after writing');
      }
      return seq;
    }
  }

  it('keeps a seat whose sit landed although the append reported failure, and refunds nothing', async () => {
    const log = new AmbiguousLog();
    const h = await openActor({ game: holdem, config: CONFIG, log });
    h.ledger.fund('gus', 1000);
    const total = h.ledger.total();
    log.failAfterNextWrite = true;
    const result = await h.actor.join({ accountId: 'gus', name: 'Gus', amount: 400, requestId: 'r-g' });
    expect(result).toMatchObject({ ok: false, code: 'table/unavailable' });
    await settle(h.actor);
    h.clock.advance(1000);
    await settle(h.actor);
    // The log holds the sit: after resync the actor seats Gus and the deposit is settled, not refunded.
    expect(h.actor.seats().map((s) => s.player)).toEqual(['gus']);
    expect(h.actor.pendingDeposits()).toEqual([]);
    expect(h.ledger.wallets.get('gus')).toBe(600);
    expect(h.ledger.total()).toBe(total);
    expect(h.ledger.atTables.get('t1')).toBe(holdem.chipsOnTable(h.actor.state as HoldemState));
  });
});
