import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TableClient, type PitbossClient } from '../../src/sdk/index.js';
import { FakeServer, type FakeConnection } from './fake-server.js';
import { counterGame, viewAt, type CounterAction } from './fixture-game.js';
import { makeClient, nextEvent } from './helpers.js';

let server: FakeServer;
let client: PitbossClient;

beforeEach(async () => {
  server = await FakeServer.start();
  client = makeClient(server);
  server.table('t1');
  await client.connect();
  await client.request('auth.guest', { nickname: 'bot' });
});

afterEach(async () => {
  client.close();
  await server.stop();
});

/** The scripted table: each accepted `add` becomes an event, then it is the same seat's turn again. */
function serveCounterTurns(rounds: number): void {
  const turn = (conn: FakeConnection): void => {
    const table = server.table('t1');
    conn.send({
      type: 'table.turn',
      table: 't1',
      seq: table.seq,
      seat: 0,
      legal: { maxAdd: 3 },
      deadline: 0,
    });
  };
  server.on('table.join', (request, conn) => {
    const table = server.table('t1');
    table.seats.set(conn, 0);
    table.watchers.add(conn);
    conn.ack(request, { seat: 0, balance: 900 });
    table.sendView(conn);
    turn(conn);
  });
  server.on('table.act', (request, conn) => {
    const action = request.action as CounterAction;
    const seq = server.publish('t1', { type: 'add', amount: action.amount });
    conn.ack(request, { seq });
    if (seq < rounds) turn(conn);
  });
}

describe('TableClient', () => {
  it('joins, keeps the view current and plays every turn it is given, like a bot', async () => {
    serveCounterTurns(5);
    const table = new TableClient(client, 't1', counterGame);
    table.subscribe((state, change) => {
      if (change.kind === 'turn' && state.legal) void table.act({ type: 'add', amount: state.legal.maxAdd });
    });
    const joined = await table.join(100);
    expect(joined).toEqual({ seat: 0, balance: 900 });
    await new Promise<void>((resolve) => {
      table.subscribe((state) => state.seq === 5 && resolve());
    });
    expect(table.state).toMatchObject({ seat: 0, seq: 5, view: { total: 15, adds: 5 }, legal: null });
    expect((await server.connection(0)).requests('table.act')).toHaveLength(5);
  });

  it('watches from scratch, then resumes from the store’s seq when asked to watch again', async () => {
    server.publish('t1', { type: 'add', amount: 2 });
    const table = new TableClient(client, 't1', counterGame);
    const first = await table.watch();
    expect(first.resumed).toBe(false);
    await client.request('ping');
    expect(table.state).toMatchObject({ seq: 1, seat: null, view: { total: 2, adds: 1 } });
    server.publish('t1', { type: 'add', amount: 3 });
    await client.request('ping');
    const second = await table.watch();
    expect(second.resumed).toBe(true);
    const watches = (await server.connection(0)).requests('table.watch');
    expect(watches.map((w) => w.since)).toEqual([undefined, 2]);
  });

  it('asks the server for a fresh view when an event cannot be folded in, and recovers', async () => {
    const table = new TableClient(client, 't1', counterGame);
    await table.watch();
    server.publish('t1', { type: 'boom' });
    server.publish('t1', { type: 'add', amount: 1 });
    await vi.waitFor(() => expect(table.state.seq).toBe(2));
    const watches = (await server.connection(0)).requests('table.watch');
    expect(watches).toHaveLength(2);
    expect(watches[1]).not.toHaveProperty('since');
    // The server's view is authoritative: it folded boom as a no-op.
    expect(table.state).toMatchObject({ seq: 2, view: { total: 1, adds: 1 } });
  });

  it('heals a store that fell behind the client’s feed with a fresh view, since resuming from the feed cannot refill it', async () => {
    const table = new TableClient(client, 't1', counterGame);
    await table.watch();
    server.publish('t1', { type: 'add', amount: 1 });
    server.publish('t1', { type: 'add', amount: 2 });
    await client.request('ping');
    // The store is put back to seq 1 while the client has already delivered seq 2.
    table.store.handle({
      type: 'table.view',
      table: 't1',
      game: 'holdem',
      seq: 1,
      seat: null,
      view: viewAt([{ type: 'add', amount: 1 }], 1),
      clocks: [],
    });
    server.publish('t1', { type: 'add', amount: 3 });
    await vi.waitFor(() => expect(table.state).toMatchObject({ seq: 3, view: { total: 6, adds: 3 } }));
    const watches = (await server.connection(0)).requests('table.watch');
    expect(watches.at(-1)).not.toHaveProperty('since');
  });

  it('keeps the store in step across a reconnect', async () => {
    const table = new TableClient(client, 't1', counterGame);
    await table.watch();
    server.publish('t1', { type: 'add', amount: 1 });
    await client.request('ping');
    (await server.connection(0)).drop();
    server.publish('t1', { type: 'add', amount: 2 });
    await nextEvent(client, 'restored');
    await client.request('ping');
    expect(table.state).toMatchObject({ seq: 2, view: { total: 3, adds: 2 } });
  });

  it('close() unwatches the table and stops feeding the store', async () => {
    const table = new TableClient(client, 't1', counterGame);
    await table.watch();
    await table.close();
    server.publish('t1', { type: 'add', amount: 1 });
    await client.request('ping');
    expect(table.state.seq).toBe(0);
    expect(client.watching).toEqual([]);
    expect((await server.connection(0)).requests('table.unwatch')).toHaveLength(1);
  });
});
