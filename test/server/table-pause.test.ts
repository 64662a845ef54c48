// The operator's pause of a table (TableActor.setHeld): nothing is played and no seat changes while
// it lasts, turn clocks stand still, and it holds on whichever node runs the table next.
import { describe, expect, it } from 'vitest';
import { MemoryTableLog } from '../../src/adapters/memory/table-log.js';
import { UnavailableError } from '../../src/ports/errors.js';
import { holdem } from '../../src/games/holdem/index.js';
import { decodeRecord } from '../../src/server/tables/log-records.js';
import { openActor, Recorder, settle, type Harness } from './actor-harness.js';

const CONFIG = { seats: 6, smallBlind: 5, bigBlind: 10, minBuyIn: 100, maxBuyIn: 1000 };
const TURN_MS = 10_000;

/** Alice and Bob seated, a hand running, and 3 s of the first player's 10 s turn gone. */
async function handUnderway(log = new MemoryTableLog()): Promise<{
  h: Harness;
  a: Recorder;
  b: Recorder;
  acting: string;
  seat: number;
}> {
  const h = await openActor({ game: holdem, config: CONFIG, log });
  h.ledger.fund('alice', 1000);
  h.ledger.fund('bob', 1000);
  h.ledger.fund('carol', 1000);
  const a = new Recorder('alice');
  const b = new Recorder('bob');
  await h.actor.watch(a);
  await h.actor.watch(b);
  await h.actor.join({ accountId: 'alice', name: 'Alice', seat: 0, amount: 500, requestId: 'r-a' });
  await h.actor.join({ accountId: 'bob', name: 'Bob', seat: 1, amount: 500, requestId: 'r-b' });
  h.clock.advance(1000);
  await settle(h.actor);
  expect(h.actor.status().inHand).toBe(true);
  const seat = h.actor.status().toAct[0] ?? -1;
  const acting = h.actor.seats().find((s) => s.seat === seat)?.player ?? '';
  h.clock.advance(3000);
  return { h, a, b, acting, seat };
}

/** The table opened again by a new owner (epoch 2) from the same log, clock and ledger: a move. */
function nextOwner(h: Harness, log: MemoryTableLog): Promise<Harness> {
  return openActor({ game: holdem, config: CONFIG, log, epoch: 2, clock: h.clock, ledger: h.ledger });
}

function lastDeadline(r: Recorder): number {
  return Number(r.of('table.turn').at(-1)?.deadline);
}

describe("an operator's pause", () => {
  it('refuses every player command with table/paused, changes nothing, and stops the clocks until resumed', async () => {
    const { h, a, b, acting, seat } = await handUnderway();
    const before = { state: JSON.stringify(h.actor.state), logSeq: h.actor.logSeq, wallet: h.ledger.total() };

    expect(await h.actor.setHeld(true)).toEqual({ ok: true, paused: true });
    expect(h.actor.held).toBe(true);
    // Everyone watching hears it, and a fresh view says so.
    for (const r of [a, b]) expect(r.of('table.paused').at(-1)).toMatchObject({ table: 't1', paused: true });
    expect(JSON.parse(h.actor.viewMessage('spectator'))).toMatchObject({ paused: true, clocks: [] });

    const refused = { ok: false, code: 'table/paused' };
    expect(await h.actor.act(acting, { type: 'call' })).toMatchObject(refused);
    expect(await h.actor.seatCommand(acting, 'leave')).toMatchObject(refused);
    expect(await h.actor.seatCommand(acting, 'sit_out')).toMatchObject(refused);
    expect(
      await h.actor.join({ accountId: 'carol', name: 'Carol', seat: 2, amount: 300, requestId: 'r-c' }),
    ).toMatchObject(refused);
    expect(await h.actor.topUp({ accountId: 'alice', amount: 100, requestId: 't-a' })).toMatchObject(refused);
    expect(h.ledger.wallets.get('carol')).toBe(1000);
    // The operator's drill-down lists them, newest first: code and account, nothing of the command.
    expect(h.actor.recentRefusals().map((r) => [r.code, r.account])).toEqual([
      ['table/paused', 'alice'],
      ['table/paused', 'carol'],
      ['table/paused', acting],
      ['table/paused', acting],
      ['table/paused', acting],
    ]);
    // The operator's stand-up (a kick) is not a player's command: a pause does not stop it. Here
    // it is tried for someone not seated, which refuses it as such and changes nothing.
    expect(await h.actor.seatCommand('carol', 'stand_up')).toMatchObject({ code: 'table/not_seated' });

    // Far past the turn's deadline: nobody is timed out, no bot moves, no hand starts.
    h.clock.advance(10 * 60_000);
    await settle(h.actor);
    expect(h.actor.status().toAct).toEqual([seat]);
    expect(JSON.stringify(h.actor.state)).toBe(before.state);
    expect(h.actor.logSeq).toBe(before.logSeq + 1); // the hold record, nothing else
    expect(h.ledger.total()).toBe(before.wallet);
    expect(await h.actor.setHeld(true)).toEqual({ ok: true, paused: true }); // idempotent: nothing logged
    expect(h.actor.logSeq).toBe(before.logSeq + 1);

    expect(await h.actor.setHeld(false)).toEqual({ ok: true, paused: false });
    for (const r of [a, b]) expect(r.of('table.paused').at(-1)).toMatchObject({ paused: false });
    // The turn carries on with the 7 s it had left, announced afresh.
    const actingRecorder = acting === 'alice' ? a : b;
    expect(lastDeadline(actingRecorder) - h.clock.now()).toBe(TURN_MS - 3000);
    expect(await h.actor.act(acting, { type: 'call' })).toMatchObject({ ok: true });
  });

  it('holds on the node that runs the table next: still paused, the clock still stopped, the time left kept', async () => {
    const log = new MemoryTableLog();
    const { h, acting, seat } = await handUnderway(log);
    await h.actor.setHeld(true);
    await h.actor.stop();
    h.clock.advance(5 * 60_000); // the move, and the pause, last minutes

    const next = await nextOwner(h, log);
    expect(next.actor.held).toBe(true);
    expect(JSON.stringify(next.actor.state)).toBe(JSON.stringify(h.actor.state));
    expect(JSON.parse(next.actor.viewMessage('spectator'))).toMatchObject({ paused: true, clocks: [] });
    expect(await next.actor.act(acting, { type: 'call' })).toMatchObject({ ok: false, code: 'table/paused' });
    h.clock.advance(60_000);
    await settle(next.actor);
    expect(next.actor.status().toAct).toEqual([seat]);

    const watcher = new Recorder(acting);
    await next.actor.watch(watcher);
    await next.actor.setHeld(false);
    expect(lastDeadline(watcher) - h.clock.now()).toBe(TURN_MS - 3000);
    expect(await next.actor.act(acting, { type: 'call' })).toMatchObject({ ok: true });
  });

  it('a pause that ended before the move moves the turn deadline by its length, no more', async () => {
    const log = new MemoryTableLog();
    const { h, a, b, acting } = await handUnderway(log);
    await h.actor.setHeld(true);
    h.clock.advance(50_000);
    await h.actor.setHeld(false);
    const actingRecorder = acting === 'alice' ? a : b;
    const deadline = lastDeadline(actingRecorder);
    expect(deadline - h.clock.now()).toBe(TURN_MS - 3000);
    // Half a second later the node goes: 6.5 s left, more than the floor a recovered turn gets.
    h.clock.advance(500);
    await h.actor.stop();

    const next = await nextOwner(h, log);
    expect(next.actor.held).toBe(false);
    const watcher = new Recorder(acting);
    await next.actor.watch(watcher);
    expect(lastDeadline(watcher)).toBe(deadline);
    const records = (await log.read('t1', 1)).map((e) => decodeRecord(e.data));
    expect(records.flatMap((r) => (r.k === 'hold' ? [r.on] : []))).toEqual([true, false]);
  });

  it('a pause whose append landed although it reported failure holds, and everyone is told once the log is read again', async () => {
    /** Writes the next hold record, then reports a timeout: the outcome looks unknown. */
    class AmbiguousLog extends MemoryTableLog {
      failAfterHold = false;
      override async append(tableId: string, epoch: number, nextSeq: number, records: readonly string[]) {
        const seq = await super.append(tableId, epoch, nextSeq, records);
        if (this.failAfterHold && records.some((r) => r.includes('"hold"'))) {
          this.failAfterHold = false;
          throw new UnavailableError('timed out after writing');
        }
        return seq;
      }
    }
    const log = new AmbiguousLog();
    const { h, a, acting } = await handUnderway(log);
    log.failAfterHold = true;
    expect(await h.actor.setHeld(true)).toMatchObject({ ok: false, code: 'table/unavailable' });
    // The log is read again (the outage probe): the hold is there, so the table is paused.
    h.clock.advance(1000);
    await settle(h.actor);
    expect(h.actor.held).toBe(true);
    expect(a.of('table.paused').at(-1)).toMatchObject({ paused: true });
    expect(await h.actor.act(acting, { type: 'call' })).toMatchObject({ ok: false, code: 'table/paused' });
    // Nobody is timed out while it lasts, though the log is back.
    const seq = h.actor.logSeq;
    h.clock.advance(60_000);
    await settle(h.actor);
    expect(h.actor.logSeq).toBe(seq);
    expect(await h.actor.setHeld(false)).toEqual({ ok: true, paused: false });
    expect(await h.actor.act(acting, { type: 'call' })).toMatchObject({ ok: true });
  });

  it("lets the operator stand a player up while the table is paused: folded, paid out at the hand's end", async () => {
    const { h, acting } = await handUnderway();
    const other = acting === 'alice' ? 'bob' : 'alice';
    await h.actor.setHeld(true);
    expect(await h.actor.seatCommand(other, 'leave')).toMatchObject({ code: 'table/paused' });
    expect(await h.actor.seatCommand(other, 'stand_up')).toMatchObject({ ok: true });
    await settle(h.actor);
    // Heads-up, the other player's leave folds them: the hand is over, and they are gone with their chips.
    expect(h.actor.status().inHand).toBe(false);
    expect(h.actor.seats().map((s) => s.player)).toEqual([acting]);
    expect(h.ledger.total()).toBe(3000);
    expect(h.actor.held).toBe(true);
  });
});
