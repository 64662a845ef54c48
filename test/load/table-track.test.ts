import { describe, expect, it } from 'vitest';
import { newHistogram, summarize } from '../../src/load/latency.js';
import { TableTrack } from '../../src/load/table-track.js';

function tracked(players = 3) {
  let now = 1000;
  const events = newHistogram();
  const track = new TableTrack({ index: 0, game: 'holdem', seats: 6, players, worker: 0 }, events, () => now);
  return { track, events, advance: (ms: number) => (now += ms) };
}

describe('timing an action until the other seats receive it', () => {
  it('records one sample per other seat, at the first event after the action', () => {
    const { track, events, advance } = tracked();
    track.actionSent(0, 40);
    advance(3);
    let seen1 = track.eventReceived(1, 41, 0);
    advance(2);
    let seen2 = track.eventReceived(2, 41, 0);
    // Later events of the same action are not counted again.
    seen1 = track.eventReceived(1, 42, seen1);
    seen2 = track.eventReceived(2, 42, seen2);
    expect(events.totalCount).toBe(2);
    expect(summarize(events)).toMatchObject({ count: 2, max: 5 });
    expect(seen1).toBe(seen2);
  });

  it('never counts the actor’s own events or events from before the action', () => {
    const { track, events } = tracked();
    track.actionSent(0, 40);
    track.eventReceived(0, 41, 0);
    track.eventReceived(1, 40, 0);
    expect(events.totalCount).toBe(0);
  });

  it('hands the table id to players waiting for it, and null when creating it failed', async () => {
    const a = tracked().track;
    const waiting = a.tableId();
    a.created('t-1');
    a.created('t-2');
    await expect(waiting).resolves.toBe('t-1');
    const b = tracked().track;
    const failed = b.tableId();
    b.created(null);
    await expect(failed).resolves.toBeNull();
  });

  it('reports progress: seq, hands since the table filled up, and how long it has been silent', () => {
    const { track, advance } = tracked(2);
    track.seated = 2;
    track.handNumberSeen(3);
    track.eventReceived(1, 17, 0);
    track.handNumberSeen(5);
    advance(250);
    expect(track.progress()).toMatchObject({ seq: 17, handNumber: 5, handNumberWhenFull: 3, silentMs: 250 });
  });
});
