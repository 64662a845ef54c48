import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LobbyStore, type PitbossClient } from '../../src/sdk/index.js';
import { FakeServer } from './fake-server.js';
import { makeClient, nextEvent } from './helpers.js';

let server: FakeServer;
let client: PitbossClient;

beforeEach(async () => {
  server = await FakeServer.start();
  client = makeClient(server);
  await client.connect();
  await client.request('auth.guest', { nickname: 'ann' });
});

afterEach(async () => {
  client.close();
  await server.stop();
});

describe('LobbyStore', () => {
  it('starts from the subscribe reply and follows updates and removals', async () => {
    server.table('a');
    server.table('b');
    const lobby = new LobbyStore(client);
    const changes: string[][] = [];
    lobby.subscribe((tables) => changes.push(tables.map((t) => t.id)));
    await client.request('lobby.subscribe');
    const conn = await server.connection(0);
    conn.send({ type: 'lobby.update', table: { ...server.table('c').summary() } });
    conn.send({ type: 'lobby.update', table: { ...server.table('a').summary(), occupied: 2 } });
    conn.send({ type: 'lobby.remove', table: 'b' });
    await client.request('ping');
    expect(lobby.tables.map((t) => t.id)).toEqual(['a', 'c']);
    expect(lobby.get('a')?.occupied).toBe(2);
    expect(changes).toEqual([
      ['a', 'b'],
      ['a', 'b', 'c'],
      ['a', 'b', 'c'],
      ['a', 'c'],
    ]);
  });

  it('replaces its tables with the fresh snapshot after a reconnect', async () => {
    server.table('a');
    const lobby = new LobbyStore(client);
    await client.request('lobby.subscribe');
    server.tables.delete('a');
    server.table('z');
    const snapshot = nextEvent(client, 'lobby.snapshot');
    (await server.connection(0)).drop();
    await snapshot;
    expect(lobby.tables.map((t) => t.id)).toEqual(['z']);
  });

  it('stops following the client after dispose', async () => {
    const lobby = new LobbyStore(client);
    await client.request('lobby.subscribe');
    lobby.dispose();
    (await server.connection(0)).send({ type: 'lobby.update', table: server.table('a').summary() });
    await client.request('ping');
    expect(lobby.tables).toEqual([]);
  });

  it('applies an update that arrives right behind the subscribe reply after the snapshot', async () => {
    server.table('a');
    server.on('lobby.subscribe', (request, conn) => {
      conn.ack(request, { tables: [server.table('a').summary()] });
      conn.send({ type: 'lobby.update', table: server.table('b').summary() });
    });
    const lobby = new LobbyStore(client);
    await client.request('lobby.subscribe');
    await client.request('ping');
    expect(lobby.tables.map((t) => t.id)).toEqual(['a', 'b']);
  });
});
