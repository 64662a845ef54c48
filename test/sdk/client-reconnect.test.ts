import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PitbossClient } from '../../src/sdk/index.js';
import {
  ClientErrorCode,
  CloseCode,
  PitbossAuthError,
  PitbossConnectionError,
  PitbossRequestError,
} from '../../src/sdk/index.js';
import { FakeServer } from './fake-server.js';
import { makeClient, nextEvent, record, settle } from './helpers.js';

let server: FakeServer;
let client: PitbossClient;

beforeEach(async () => {
  server = await FakeServer.start();
  client = makeClient(server);
});

afterEach(async () => {
  client.close();
  await server.stop();
});

/** A connected guest that watches `t1` (3 events so far) and the lobby. */
async function watchingGuest(): Promise<void> {
  for (let i = 0; i < 3; i++) server.publish('t1', { type: 'add', amount: 1 });
  await client.connect();
  await client.request('auth.guest', { nickname: 'ann' });
  const view = nextEvent(client, 'table.view');
  await client.request('table.watch', { table: 't1' });
  await view;
  await client.request('lobby.subscribe');
}

describe('PitbossClient reconnect', () => {
  it('reconnects after the server drops the connection, then says hello with its token', async () => {
    await watchingGuest();
    const states = record(client, 'state');
    const reopened = nextEvent(client, 'open');
    (await server.connection(0)).drop();
    const info = await reopened;
    expect(info.reconnected).toBe(true);
    expect(states).toEqual(['reconnecting', 'open']);
    const hello = (await server.connection(1)).requests('hello')[0];
    expect(hello?.token).toBe(client.token);
    expect(client.token).not.toBeNull();
  });

  it('rejects pending requests with connection/lost when the connection drops', async () => {
    await client.connect();
    server.on('wallet.get', () => undefined);
    const pending = client.request('wallet.get').catch((e: unknown) => e);
    const conn = await server.connection(0);
    await conn.next('wallet.get');
    conn.drop();
    const failure = await pending;
    expect(failure).toBeInstanceOf(PitbossRequestError);
    expect((failure as PitbossRequestError).code).toBe(ClientErrorCode.connectionLost);
  });

  it('re-watches every table with since = the last delivered seq and delivers only the missed events', async () => {
    await watchingGuest();
    const events = record(client, 'table.event');
    (await server.connection(0)).drop();
    server.publish('t1', { type: 'add', amount: 10 }); // happens while the client is away
    server.publish('t1', { type: 'add', amount: 20 });
    const restored = await nextEvent(client, 'restored');
    await client.request('ping'); // replies follow the replayed events on the connection
    expect(restored).toEqual({ tables: ['t1'], lobby: true });
    const rewatch = (await server.connection(1)).requests('table.watch');
    expect(rewatch).toEqual([expect.objectContaining({ table: 't1', since: 3 })]);
    expect(events.map((e) => e.seq)).toEqual([4, 5]);
    expect(client.lastSeq('t1')).toBe(5);
  });

  it('re-subscribes the lobby after a reconnect and reports the fresh snapshot', async () => {
    await watchingGuest();
    server.table('t2');
    const snapshot = nextEvent(client, 'lobby.snapshot');
    (await server.connection(0)).drop();
    const { tables } = await snapshot;
    expect(tables.map((t) => t.id).sort()).toEqual(['t1', 't2']);
    expect((await server.connection(1)).requests('lobby.subscribe')).toHaveLength(1);
  });

  it('takes a fresh view when the server can no longer resume from the last seq', async () => {
    await watchingGuest();
    server.table('t1').resumeWindow = 1;
    const views = record(client, 'table.view');
    (await server.connection(0)).drop();
    server.publish('t1', { type: 'add', amount: 10 });
    server.publish('t1', { type: 'add', amount: 20 });
    await nextEvent(client, 'restored');
    await client.request('ping'); // replies follow the replayed events on the connection
    expect(views.map((v) => [v.seq, v.view])).toEqual([[5, { total: 33, adds: 5 }]]);
    expect(client.lastSeq('t1')).toBe(5);
  });

  it.each([
    ['going away (1001)', CloseCode.goingAway],
    ['slow consumer (4009)', CloseCode.slowConsumer],
    ['internal error (1011)', CloseCode.internalError],
  ])('reconnects after a close for %s', async (_name, code) => {
    await client.connect();
    const reopened = nextEvent(client, 'open');
    const disconnect = nextEvent(client, 'disconnect');
    (await server.connection(0)).close(code, 'bye');
    expect(await disconnect).toEqual({ code, reason: 'bye', willReconnect: true, retryInMs: 2 });
    await reopened;
    expect(server.connections).toHaveLength(2);
  });

  it('waits at least the rate-limit delay after a close with 4008', async () => {
    client.close();
    client = makeClient(server, { reconnect: { initialDelayMs: 1, jitter: 0, rateLimitedDelayMs: 40 } });
    await client.connect();
    const disconnect = nextEvent(client, 'disconnect');
    const reopened = nextEvent(client, 'open');
    (await server.connection(0)).close(CloseCode.rateLimited);
    expect(await disconnect).toMatchObject({
      code: CloseCode.rateLimited,
      willReconnect: true,
      retryInMs: 40,
    });
    await reopened;
  });

  it.each([
    ['normal close (1000)', CloseCode.normal],
    ['protocol error (4000)', CloseCode.protocolError],
  ])('does not reconnect after a %s from the server', async (_name, code) => {
    await client.connect();
    const error = nextEvent(client, 'error');
    (await server.connection(0)).close(code);
    const reported = await error;
    expect(reported).toBeInstanceOf(PitbossConnectionError);
    expect(reported).toMatchObject({ code: ClientErrorCode.closedByServer, closeCode: code });
    await settle();
    expect(client.state).toBe('closed');
    expect(server.connections).toHaveLength(1);
  });

  it('never reconnects after close()', async () => {
    await watchingGuest();
    const disconnects = record(client, 'disconnect');
    client.close();
    await settle();
    expect(client.state).toBe('closed');
    expect(disconnects).toEqual([
      { code: CloseCode.normal, reason: '', willReconnect: false, retryInMs: null },
    ]);
    expect(server.connections).toHaveLength(1);
    expect(client.watching).toEqual([]);
  });

  it('close() during the backoff wait cancels the reconnect', async () => {
    client.close();
    client = makeClient(server, { reconnect: { initialDelayMs: 30, jitter: 0 } });
    await client.connect();
    const reconnecting = nextEvent(client, 'state', (s) => s === 'reconnecting');
    (await server.connection(0)).drop();
    await reconnecting;
    client.close();
    await settle(80);
    expect(server.connections).toHaveLength(1);
    expect(client.state).toBe('closed');
  });

  it.each([
    ['auth timeout (4001)', CloseCode.authTimeout, 'auth/timeout'],
    ['auth expired (4003)', CloseCode.authExpired, 'auth/expired'],
  ])('stops and reports an auth error after %s', async (_name, closeCode, code) => {
    await client.connect();
    await client.request('auth.guest', { nickname: 'ann' });
    const error = nextEvent(client, 'error');
    (await server.connection(0)).close(closeCode);
    const reported = await error;
    expect(reported).toBeInstanceOf(PitbossAuthError);
    expect(reported).toMatchObject({ code, closeCode });
    expect(client.token).toBeNull();
    await settle();
    expect(client.state).toBe('closed');
    expect(server.connections).toHaveLength(1);
  });

  it('rejects connect() with an auth error when the token is not accepted', async () => {
    client.close();
    client = makeClient(server, { token: 'stale-token' });
    const failure = await client.connect().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PitbossAuthError);
    expect((failure as PitbossAuthError).code).toBe('auth/token_invalid');
    expect(client.state).toBe('closed');
    expect(client.token).toBeNull();
  });

  it('after an auth failure, signing in again on a new connection resumes the watches', async () => {
    await watchingGuest();
    const error = nextEvent(client, 'error');
    (await server.connection(0)).close(CloseCode.authExpired);
    await error;
    await client.connect();
    const restored = nextEvent(client, 'restored');
    await client.request('auth.guest', { nickname: 'ann' });
    expect(await restored).toEqual({ tables: ['t1'], lobby: true });
    expect((await server.connection(1)).requests('table.watch')[0]).toMatchObject({ table: 't1', since: 3 });
  });

  it('re-watches its tables when the connection signs in as another account', async () => {
    await watchingGuest();
    const restored = nextEvent(client, 'restored');
    const other = await client.request('auth.guest', { nickname: 'bob' });
    expect(await restored).toEqual({ tables: ['t1'], lobby: true });
    expect(client.account).toEqual(other.account);
    expect((await server.connection(0)).requests('table.watch')[1]).toMatchObject({ table: 't1', since: 3 });
  });

  it('rejects connect() when the server does not speak protocol 1', async () => {
    server.on('hello', (request, conn) => conn.error(request, 'protocol/unsupported_version'));
    const failure = await client.connect().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PitbossConnectionError);
    expect((failure as PitbossConnectionError).code).toBe('protocol/unsupported_version');
    await settle();
    expect(server.connections).toHaveLength(1);
  });

  it('retries the first connection by the policy and gives up after maxAttempts', async () => {
    const url = server.url;
    await server.stop();
    client.close();
    client = makeClient(server, { url, reconnect: { initialDelayMs: 1, jitter: 0, maxAttempts: 3 } });
    const disconnects = record(client, 'disconnect');
    const failure = await client.connect().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PitbossConnectionError);
    expect((failure as PitbossConnectionError).code).toBe(ClientErrorCode.gaveUp);
    expect(disconnects.map((d) => d.willReconnect)).toEqual([true, true, true, false]); // 1 try + 3 retries
    expect(client.state).toBe('closed');
    server = await FakeServer.start(); // for afterEach
  });

  it('waits the backoff policy’s growing, capped, jittered delays between attempts', async () => {
    const url = server.url;
    await server.stop();
    client.close();
    client = makeClient(server, {
      url,
      random: () => 0.5,
      reconnect: { initialDelayMs: 4, factor: 3, maxDelayMs: 50, jitter: 0.5, maxAttempts: 4 },
    });
    const disconnects = record(client, 'disconnect');
    await client.connect().catch(() => undefined);
    // 4·3ⁿ capped at 50, less half of the 50 % jitter: 3, 9, 27, 38 ms; then it gives up.
    expect(disconnects.map((d) => d.retryInMs)).toEqual([3, 9, 27, 38, null]);
    server = await FakeServer.start();
  });

  it('takes a silent server for dead after an unanswered heartbeat ping, and reconnects', async () => {
    server.heartbeatSeconds = 0.03;
    server.on('ping', () => undefined); // the server hangs: pings are never answered
    await client.connect();
    const disconnect = await nextEvent(client, 'disconnect');
    expect(disconnect).toMatchObject({
      code: 1006,
      reason: 'no reply to a heartbeat ping',
      willReconnect: true,
    });
    await nextEvent(client, 'open');
    expect((await server.connection(0)).requests('ping').length).toBeGreaterThanOrEqual(1);
  });
});
