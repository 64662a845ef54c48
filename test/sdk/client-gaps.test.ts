import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TableStore, type PitbossClient } from '../../src/sdk/index.js';
import { counterGame } from './fixture-game.js';
import { FakeServer, guest } from './fake-server.js';
import { makeClient, nextEvent, record } from './helpers.js';

let server: FakeServer;
let client: PitbossClient;

beforeEach(async () => {
  server = await FakeServer.start();
  client = makeClient(server);
  server.table('t1');
  await client.connect();
  await client.request('auth.guest', { nickname: 'ann' });
  const view = nextEvent(client, 'table.view');
  await client.request('table.watch', { table: 't1' });
  await view;
});

afterEach(async () => {
  client.close();
  await server.stop();
});

describe('PitbossClient event ordering', () => {
  it('delivers each table event once, in seq order', async () => {
    const events = record(client, 'table.event');
    server.publish('t1', { type: 'add', amount: 1 });
    server.publish('t1', { type: 'add', amount: 2 });
    await client.request('ping');
    expect(events.map((e) => [e.seq, e.event])).toEqual([
      [1, { type: 'add', amount: 1 }],
      [2, { type: 'add', amount: 2 }],
    ]);
  });

  it('delivers the events of a table.events frame one by one, in seq order', async () => {
    const events = record(client, 'table.event');
    server.publish('t1', { type: 'add', amount: 1 });
    server.publishBatch('t1', [
      { type: 'add', amount: 2 },
      { type: 'add', amount: 3 },
      { type: 'add', amount: 4 },
    ]);
    server.publish('t1', { type: 'add', amount: 5 });
    await client.request('ping');
    expect(events.map((e) => [e.seq, e.event])).toEqual([
      [1, { type: 'add', amount: 1 }],
      [2, { type: 'add', amount: 2 }],
      [3, { type: 'add', amount: 3 }],
      [4, { type: 'add', amount: 4 }],
      [5, { type: 'add', amount: 5 }],
    ]);
  });

  it('drops events it already delivered', async () => {
    const conn = await server.connection(0);
    const events = record(client, 'table.event');
    server.publish('t1', { type: 'add', amount: 1 });
    conn.send({ type: 'table.event', table: 't1', seq: 1, event: { type: 'add', amount: 1 } });
    await client.request('ping');
    expect(events.map((e) => e.seq)).toEqual([1]);
  });

  it('on a gap re-watches once with since = the last delivered seq, then delivers the missing events in order', async () => {
    const conn = await server.connection(0);
    const events = record(client, 'table.event');
    server.publish('t1', { type: 'add', amount: 1 });
    server.publish('t1', { type: 'add', amount: 2 }, [conn]); // lost on the way: a gap
    server.publish('t1', { type: 'add', amount: 3 });
    server.publish('t1', { type: 'add', amount: 4 });
    await vi.waitFor(() => expect(client.lastSeq('t1')).toBe(4));
    await client.request('ping');
    expect(conn.requests('table.watch').slice(1)).toEqual([
      expect.objectContaining({ table: 't1', since: 1 }),
    ]);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(client.lastSeq('t1')).toBe(4);
  });

  it('ignores events of tables it does not watch', async () => {
    const conn = await server.connection(0);
    const events = record(client, 'table.event');
    conn.send({ type: 'table.event', table: 'other', seq: 1, event: { type: 'add', amount: 1 } });
    await client.request('ping');
    expect(events).toEqual([]);
    expect(conn.requests('table.watch')).toHaveLength(1);
  });

  it('stops delivering a table after unwatch and after table.closed', async () => {
    const conn = await server.connection(0);
    server.table('t2');
    await client.request('table.watch', { table: 't2' });
    const events = record(client, 'table.event');
    await client.request('table.unwatch', { table: 't1' });
    conn.send({ type: 'table.closed', table: 't2', reason: 'closed by owner' });
    conn.send({ type: 'table.event', table: 't1', seq: 1, event: { type: 'add', amount: 1 } });
    conn.send({ type: 'table.event', table: 't2', seq: 1, event: { type: 'add', amount: 1 } });
    await client.request('ping');
    expect(events).toEqual([]);
    expect(client.watching).toEqual([]);
  });

  it('takes a fresh table.view at any time as the new starting point', async () => {
    const conn = await server.connection(0);
    const events = record(client, 'table.event');
    server.publish('t1', { type: 'add', amount: 1 });
    server.table('t1').events.push({ type: 'add', amount: 5 }, { type: 'add', amount: 6 });
    server.table('t1').sendView(conn); // e.g. after sitting down: view as of seq 3
    server.publish('t1', { type: 'add', amount: 7 });
    await client.request('ping');
    expect(events.map((e) => e.seq)).toEqual([1, 4]);
    expect(conn.requests('table.watch')).toHaveLength(1);
  });

  it('forgets a watch the server refuses to resume and reports why', async () => {
    const conn = await server.connection(0);
    const error = nextEvent(client, 'error');
    server.on('table.watch', (request, c) => c.error(request, 'table/not_found'));
    conn.send({ type: 'table.event', table: 't1', seq: 3, event: { type: 'add', amount: 1 } });
    expect((await error).code).toBe('table/not_found');
    expect(client.watching).toEqual([]);
  });

  it('a joined table is watched, and resumed after a reconnect', async () => {
    server.table('t2');
    const view = nextEvent(client, 'table.view', (v) => v.table === 't2');
    await client.request('table.join', { table: 't2', buyIn: 100 });
    expect(await view).toMatchObject({ seat: 0, seq: 0 });
    expect(client.watching).toEqual(['t1', 't2']);
    const restored = nextEvent(client, 'restored');
    (await server.connection(0)).drop();
    expect((await restored).tables).toEqual(['t1', 't2']);
  });

  it('delivers seqs the server skipped after vouching for a resume as null events, without a re-watch loop', async () => {
    const conn = await server.connection(0);
    const events = record(client, 'table.event');
    server.table('t1').hidden.add(2); // an event this viewer may not see, never sent
    server.publish('t1', { type: 'add', amount: 1 });
    server.publish('t1', { type: 'add', amount: 2 });
    server.publish('t1', { type: 'add', amount: 3 });
    await vi.waitFor(() => expect(client.lastSeq('t1')).toBe(3));
    await client.request('ping');
    expect(events.map((e) => [e.seq, e.event])).toEqual([
      [1, { type: 'add', amount: 1 }],
      [2, null],
      [3, { type: 'add', amount: 3 }],
    ]);
    expect(conn.requests('table.watch').slice(1)).toEqual([expect.objectContaining({ since: 1 })]);
  });

  it('does not take a jump in seqs on a new connection as vouched for by the resume of the old one', async () => {
    const events = record(client, 'table.event');
    // Connection 1 resumes t1 from 0 (a vouch) and dies before any event is sent on it.
    let restored = nextEvent(client, 'restored');
    (await server.connection(0)).drop();
    await restored;
    const second = await server.connection(1);
    expect(second.requests('table.watch')).toEqual([expect.objectContaining({ since: 0 })]);
    server.publish('t1', { type: 'add', amount: 1 }, [second]);
    server.publish('t1', { type: 'add', amount: 2 }, [second]);
    server.publish('t1', { type: 'add', amount: 3 }, [second]);
    // Connection 2 gets seq 3 before its own re-watch is acked.
    server.on('hello', (request, conn) => {
      server.handlers.delete('hello');
      conn.send({ type: 'table.event', table: 't1', seq: 3, event: { type: 'add', amount: 3 } });
      conn.ack(request, { protocol: 1, node: 'fake-node', heartbeatSeconds: 0, account: guest(1) });
    });
    restored = nextEvent(client, 'restored');
    second.drop();
    await restored;
    await vi.waitFor(() => expect(client.lastSeq('t1')).toBe(3));
    expect(events.map((e) => [e.seq, e.event])).toEqual([
      [1, { type: 'add', amount: 1 }],
      [2, { type: 'add', amount: 2 }],
      [3, { type: 'add', amount: 3 }],
    ]);
  });

  it('resumes a table that moved to another node from the last seq', async () => {
    const conn = await server.connection(0);
    server.publish('t1', { type: 'add', amount: 1 });
    const closed = nextEvent(client, 'table.closed');
    conn.send({ type: 'table.closed', table: 't1', reason: 'moved' });
    expect((await closed).reason).toBe('moved');
    server.publish('t1', { type: 'add', amount: 2 });
    await vi.waitFor(() => expect(client.lastSeq('t1')).toBe(2));
    await client.request('ping');
    expect(conn.requests('table.watch').slice(1)).toEqual([
      expect.objectContaining({ table: 't1', since: 1 }),
    ]);
    expect(client.watching).toEqual(['t1']);
    expect(client.lastSeq('t1')).toBe(2);
  });

  it('says a moved table is back once its re-watch resumes, though an idle table sends no event', async () => {
    const conn = await server.connection(0);
    const store = new TableStore({ table: 't1', game: counterGame });
    const off = client.onTable('t1', store.handle);
    await client.request('table.watch', { table: 't1' }); // a view for the store
    server.publish('t1', { type: 'add', amount: 1 });
    await vi.waitFor(() => expect(store.state.seq).toBe(1));
    const changes: string[] = [];
    store.subscribe((_state, change) => changes.push(change.kind));
    conn.send({ type: 'table.closed', table: 't1', reason: 'moved' });
    await vi.waitFor(() => expect(conn.requests('table.watch')).toHaveLength(3));
    expect(conn.requests('table.watch').at(-1)).toMatchObject({ since: 1 });
    await client.request('ping');
    // Nothing happened at the table meanwhile: no event follows the ack, yet the table is live.
    expect(store.state).toMatchObject({ seq: 1, closed: null });
    expect(changes).toEqual(['closed', 'resumed']);
    off();
  });

  it('retries a re-watch with backoff while the table is between owners', async () => {
    const conn = await server.connection(0);
    let refusals = 2;
    server.on('table.watch', (request, c) => {
      if (refusals-- > 0) c.error(request, 'table/unavailable');
      else {
        server.handlers.delete('table.watch');
        c.ack(request, { table: server.table('t1').summary(), resumed: true });
      }
    });
    const errors = record(client, 'error');
    conn.send({ type: 'table.closed', table: 't1', reason: 'moved' });
    await vi.waitFor(() => expect(conn.requests('table.watch')).toHaveLength(4));
    await client.request('ping');
    expect(conn.requests('table.watch').slice(1)).toHaveLength(3);
    expect(errors).toEqual([]);
    expect(client.watching).toEqual(['t1']);
  });
});
