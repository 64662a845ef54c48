// Accounts, wallet, lobby and connection limits on a real node.

import { afterEach, describe, expect, it } from 'vitest';
import { games } from '../../src/games/index.js';
import { TableClient } from '../../src/sdk/index.js';
import { removeDataDir, startNode, type NodeProcess } from '../support/node-process.js';
import {
  createTable,
  expectChipsConserved,
  FAST_FLAGS,
  guest,
  RawSocket,
  until,
  type Player,
} from './helpers.js';

let node: NodeProcess | null = null;
const players: Player[] = [];

afterEach(async () => {
  for (const p of players.splice(0)) p.client.close();
  if (node) {
    await node.stop();
    removeDataDir(node.dataDir);
    node = null;
  }
});

async function player(name: string): Promise<Player> {
  const p = await guest(node as NodeProcess, name);
  players.push(p);
  return p;
}

describe('accounts on a real node', () => {
  it('registers, refuses a taken username and a wrong password alike, and logs in to the same wallet', async () => {
    node = await startNode();
    const s = await RawSocket.open(node);
    await s.request({ id: 1, type: 'hello', protocols: [1] });
    const registered = await s.request({
      id: 2,
      type: 'auth.register',
      username: 'dealer_dan',
      password: 'correct horse battery',
      nickname: 'Dan',
    });
    expect(registered).toMatchObject({
      type: 'ack',
      result: { balance: 10_000, account: { username: 'dealer_dan', kind: 'registered' } },
    });
    s.close();

    const t = await RawSocket.open(node);
    await t.request({ id: 1, type: 'hello', protocols: [1] });
    expect(
      await t.request({
        id: 2,
        type: 'auth.register',
        username: 'DEALER_DAN',
        password: 'another password',
        nickname: 'D2',
      }),
    ).toMatchObject({ code: 'auth/username_taken' });
    const wrong = await t.request({
      id: 3,
      type: 'auth.login',
      username: 'dealer_dan',
      password: 'wrong password!',
    });
    const unknown = await t.request({
      id: 4,
      type: 'auth.login',
      username: 'nobody_here',
      password: 'wrong password!',
    });
    expect(wrong).toMatchObject({ code: 'auth/invalid_credentials' });
    expect(unknown).toMatchObject({ code: 'auth/invalid_credentials', message: wrong.message });
    const login = await t.request({
      id: 5,
      type: 'auth.login',
      username: 'dealer_dan',
      password: 'correct horse battery',
    });
    expect(login).toMatchObject({ type: 'ack', result: { balance: 10_000 } });
    expect((login.result as { account: { id: string } }).account.id).toBe(
      (registered.result as { account: { id: string } }).account.id,
    );
    t.close();
  });

  it('authenticates a new connection with a token from an earlier sign-in', async () => {
    node = await startNode();
    const first = await player('Tok');
    const again = await guest(node, 'ignored', { token: first.token });
    players.push(again);
    expect(again.accountId).toBe(first.accountId);
  });
});

describe('the lobby and the wallet on a real node', () => {
  it('lists tables with filters and pages, and pushes new tables to subscribers', async () => {
    node = await startNode();
    const alice = await player('Alice');
    const bob = await player('Bob');
    const pushed: string[] = [];
    bob.client.on('lobby.update', (m) => pushed.push(m.table.id));
    await bob.client.request('lobby.subscribe', {});
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(await createTable(alice, 'holdem'));
    ids.push(await createTable(alice, 'hokm'));
    await until(() => ids.every((id) => pushed.includes(id)), 10_000, 'lobby pushes');

    const hokmOnly = await alice.client.request('lobby.list', { game: 'hokm', limit: 50 });
    expect(hokmOnly.tables.map((t) => t.id)).toEqual([ids[3]]);
    const page1 = await alice.client.request('lobby.list', { game: 'holdem', limit: 2 });
    expect(page1.tables).toHaveLength(2);
    expect(page1.next).not.toBeNull();
    const page2 = await alice.client.request('lobby.list', {
      game: 'holdem',
      limit: 2,
      cursor: page1.next ?? undefined,
    });
    expect(page2.tables).toHaveLength(1);
    expect(page2.next).toBeNull();
    expect(new Set([...page1.tables, ...page2.tables].map((t) => t.id))).toEqual(new Set(ids.slice(0, 3)));
    expect(
      (await alice.client.request('lobby.list', { minStake: 50, limit: 50 })).tables.map((t) => t.id),
    ).toEqual([ids[3]]);
  });

  it('moves chips wallet → table on join and back on leave, sitting at two tables on one connection', async () => {
    node = await startNode({ flags: FAST_FLAGS });
    const alice = await player('Alice');
    const wallets: number[] = [];
    alice.client.on('wallet', (m) => wallets.push(m.balance));
    const t1 = await createTable(alice, 'holdem');
    const t2 = await createTable(alice, 'hokm');
    expect(await new TableClient(alice.client, t1, games.holdem).join(300)).toMatchObject({ balance: 9700 });
    expect(await new TableClient(alice.client, t2, games.hokm).join(200)).toMatchObject({ balance: 9500 });
    expect(alice.client.watching).toEqual(expect.arrayContaining([t1, t2]));
    await expect(alice.client.request('table.join', { table: t1, buyIn: 300 })).rejects.toMatchObject({
      code: 'table/already_seated',
    });
    const bob = await player('Bob');
    await expect(bob.client.request('table.join', { table: t1, buyIn: 5000 })).rejects.toMatchObject({
      code: 'seat/buy_in',
    });
    const deep = await createTable(alice, 'holdem', {
      config: { seats: 6, smallBlind: 5, bigBlind: 10, minBuyIn: 100, maxBuyIn: 1_000_000 },
    });
    await expect(bob.client.request('table.join', { table: deep, buyIn: 20_000 })).rejects.toMatchObject({
      code: 'wallet/insufficient_funds',
    });
    expect(await bob.client.request('wallet.get', {})).toEqual({ balance: 10_000 });

    expect(await alice.client.request('table.leave', { table: t1 })).toEqual({ balance: 9800 });
    expect(await alice.client.request('table.leave', { table: t2 })).toEqual({ balance: 10_000 });
    await until(() => wallets.at(-1) === 10_000, 5000, 'wallet pushes');
    await expectChipsConserved(node);
  });

  it('closes a connection that reads too slowly with 4009', async () => {
    node = await startNode({
      flags: {
        'demo-tables.holdem': 20,
        'limits.slow-consumer-bytes': 16384,
        'limits.messages-per-second': 10_000,
        'limits.message-burst': 10_000,
      },
    });
    const s = await RawSocket.open(node);
    await s.request({ id: 1, type: 'hello', protocols: [1] });
    await s.request({ id: 2, type: 'auth.guest', nickname: 'Slow' });
    // Stop reading, then ask for far more than the socket buffers hold.
    (s.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    for (let i = 0; i < 3000; i++) s.send({ id: 100 + i, type: 'lobby.list', limit: 100 });
    const metrics = async () =>
      (await (await fetch(`${(node as NodeProcess).url}/metrics`)).text()).match(
        /pitboss_closes_total\{[^}]*code="4009"[^}]*\} (\d+)/,
      )?.[1];
    let closed: string | undefined;
    // Up to 30 s: answering 3,000 requests takes a loaded 2-core machine a while.
    for (let i = 0; i < 300 && closed === undefined; i++) {
      closed = await metrics();
      if (closed === undefined) await new Promise((r) => setTimeout(r, 100));
    }
    expect(closed).toBe('1');
    (s.ws as unknown as { _socket: { resume(): void } })._socket.resume();
    expect([4009, 1006]).toContain((await s.closed).code);
  });
});
