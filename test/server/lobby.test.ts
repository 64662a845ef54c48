import { describe, expect, it } from 'vitest';
import { MemoryBus, MemoryBusHub } from '../../src/adapters/memory/bus.js';
import type { TableSummary } from '../../src/protocol/messages.js';
import { ManualClock } from '../../src/server/clock.js';
import { Lobby, type LobbyChange } from '../../src/server/lobby/lobby.js';
import { silentLogger } from '../../src/server/ops/logger.js';

function summary(id: string, over: Partial<TableSummary> = {}): TableSummary {
  return {
    id,
    game: 'holdem',
    name: id,
    stake: 10,
    seats: 6,
    occupied: 0,
    players: [],
    minBuyIn: 100,
    maxBuyIn: 1000,
    turnSeconds: 20,
    handNumber: 0,
    watchers: 0,
    ...over,
  };
}

async function lobbyOn(bus: MemoryBus, clock = new ManualClock()): Promise<Lobby> {
  const lobby = new Lobby({ bus, clock, logger: silentLogger(), debounceMs: 500 });
  await lobby.start();
  return lobby;
}

const flush = () => new Promise((r) => setImmediate(r));

describe('the lobby', () => {
  it('filters by game, stakes and free seats', async () => {
    const lobby = await lobbyOn(new MemoryBus());
    await lobby.publish(summary('a', { stake: 10 }));
    await lobby.publish(summary('b', { stake: 50, occupied: 6 }));
    await lobby.publish(summary('c', { game: 'hokm', stake: 100, seats: 4 }));
    await flush();
    const ids = (f: Parameters<Lobby['list']>[0]) => lobby.list(f, 50).tables.map((t) => t.id);
    expect(ids({})).toEqual(['a', 'b', 'c']);
    expect(ids({ game: 'hokm' })).toEqual(['c']);
    expect(ids({ minStake: 20, maxStake: 60 })).toEqual(['b']);
    expect(ids({ freeSeats: true })).toEqual(['a', 'c']);
  });

  it('pages with a cursor that stays stable while tables come and go', async () => {
    const lobby = await lobbyOn(new MemoryBus());
    for (const id of ['t1', 't2', 't3', 't4', 't5']) await lobby.publish(summary(id));
    await flush();
    const first = lobby.list({}, 2);
    expect(first.tables.map((t) => t.id)).toEqual(['t1', 't2']);
    expect(first.next).toBe('t2');
    await lobby.remove('t1');
    await flush();
    const second = lobby.list({}, 2, first.next ?? undefined);
    expect(second.tables.map((t) => t.id)).toEqual(['t3', 't4']);
    const last = lobby.list({}, 2, second.next ?? undefined);
    expect(last.tables.map((t) => t.id)).toEqual(['t5']);
    expect(last.next).toBeNull();
  });

  it('pushes changes to listeners, coalescing bursts of touches into one update', async () => {
    const clock = new ManualClock();
    const lobby = await lobbyOn(new MemoryBus(), clock);
    const changes: LobbyChange[] = [];
    lobby.onChange((c) => changes.push(c));
    let hand = 0;
    for (let i = 0; i < 5; i++) {
      hand += 1;
      lobby.touch('x', () => summary('x', { handNumber: hand }));
    }
    await flush();
    expect(changes).toEqual([]);
    clock.advance(500);
    await flush();
    expect(changes).toEqual([{ type: 'update', table: summary('x', { handNumber: 5 }) }]);
    await lobby.remove('x');
    await flush();
    expect(changes.at(-1)).toEqual({ type: 'remove', table: 'x' });
  });

  it('shows the tables of every node that shares the bus', async () => {
    const hub = new MemoryBusHub();
    const a = await lobbyOn(new MemoryBus({ hub }));
    const b = await lobbyOn(new MemoryBus({ hub }));
    await a.publish(summary('from-a'));
    await b.publish(summary('from-b'));
    await flush();
    expect(
      a
        .all()
        .map((t) => t.id)
        .sort(),
    ).toEqual(['from-a', 'from-b']);
    expect(
      b
        .all()
        .map((t) => t.id)
        .sort(),
    ).toEqual(['from-a', 'from-b']);
  });
});
