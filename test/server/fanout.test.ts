import { describe, expect, it } from 'vitest';
import { holdem } from '../../src/games/holdem/index.js';
import {
  Fanout,
  SharedFrame,
  frameText,
  type OutgoingFrame,
  type TableSubscriber,
} from '../../src/server/tables/fanout.js';
import { TestTable } from '../games/holdem/helpers.js';

/** A watcher that keeps every frame it is sent. */
function watcher(accountId: string): TableSubscriber & { frames: string[]; sent: OutgoingFrame[] } {
  const frames: string[] = [];
  const sent: OutgoingFrame[] = [];
  return {
    accountId,
    frames,
    sent,
    send: (data) => {
      sent.push(data);
      frames.push(frameText(data));
    },
  };
}

describe('the fanout', () => {
  it('sends hole cards to their owner only, and a hand’s end as one frame every watcher shares', () => {
    const t = new TestTable([1000, 1000, 1000]);
    const fanout = new Fanout(holdem, 'tbl_1');
    fanout.updateSeats(holdem.seats(t.state));
    const seat0 = watcher('p0');
    const seat1 = watcher('p1');
    const spectator = watcher('someone');
    for (const w of [seat0, seat1, spectator]) fanout.add(w);

    const dealt = t.deal(0, { 0: ['As', 'Kd'], 1: ['7c', '7d'], 2: ['Qh', 'Jh'] }, [
      '2c',
      '9h',
      'Jd',
      '3s',
      '4h',
    ]);
    fanout.broadcast(1, dealt);
    const [deal0, deal1, dealSpectator] = [seat0, seat1, spectator].map((w) => w.frames.at(-1) ?? '');
    expect(deal0).toContain('"As"');
    expect(deal0).not.toContain('"7c"');
    expect(deal1).toContain('"7c"');
    expect(deal1).not.toContain('"As"');
    for (const card of ['As', 'Kd', '7c', '7d', 'Qh', 'Jh']) expect(dealSpectator).not.toContain(`"${card}"`);

    // Everyone folds to seat 0: no card is shown, and the hand's end is the same frame for all.
    t.fold(t.toAct ?? -1);
    const ending = t.fold(t.toAct ?? -1);
    expect(ending.some((e) => e.type === 'hand_ended')).toBe(true);
    fanout.broadcast(100, ending);
    const [end0, end1, endSpectator] = [seat0, seat1, spectator].map((w) => w.frames.at(-1) ?? '');
    expect(end0).toBe(endSpectator);
    expect(end1).toBe(endSpectator);
    // One frame object for all three, so its bytes are encoded once and shared by every socket.
    const shared = spectator.sent.at(-1);
    expect(shared).toBeInstanceOf(SharedFrame);
    expect(seat0.sent.at(-1)).toBe(shared);
    expect(seat1.sent.at(-1)).toBe(shared);
    expect(shared instanceof SharedFrame && shared.bytes.toString('utf8')).toBe(endSpectator);
    expect(endSpectator).toContain('"hand_ended"');
    for (const card of ['As', 'Kd', '7c', '7d', 'Qh', 'Jh']) expect(endSpectator).not.toContain(`"${card}"`);
  });
});
