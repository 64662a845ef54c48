import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PitbossClient } from '../../src/sdk/index.js';
import { ClientErrorCode, PitbossRequestError } from '../../src/sdk/index.js';
import { FakeServer, guest } from './fake-server.js';
import { makeClient, nextEvent, record } from './helpers.js';

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

describe('PitbossClient requests', () => {
  it('says hello with protocol 1 and resolves connect with the server’s answer', async () => {
    const info = await client.connect();
    const conn = await server.connection(0);
    const hello = conn.requests('hello')[0];
    expect(hello).toMatchObject({ type: 'hello', protocols: [1] });
    expect(hello).not.toHaveProperty('token');
    expect(info).toMatchObject({ protocol: 1, node: 'fake-node', account: null, reconnected: false });
    expect(client.state).toBe('open');
    expect(client.node).toBe('fake-node');
  });

  it('matches acks to requests by id even when they are answered out of order', async () => {
    await client.connect();
    const conn = await server.connection(0);
    server.on('wallet.get', () => undefined); // answered by hand below
    const first = client.request('wallet.get');
    const second = client.request('wallet.get');
    const [a, b] = [await conn.next('wallet.get'), await conn.next('wallet.get')];
    expect(a.id).not.toEqual(b.id);
    conn.ack(b, { balance: 2 });
    conn.ack(a, { balance: 1 });
    expect(await first).toEqual({ balance: 1 });
    expect(await second).toEqual({ balance: 2 });
  });

  it('sends the request’s fields with its type and id', async () => {
    await client.connect();
    const conn = await server.connection(0);
    server.on('table.act', (request, c) => c.ack(request, { seq: 7 }));
    const result = await client.request('table.act', { table: 't1', action: { type: 'add', amount: 3 } });
    expect(result).toEqual({ seq: 7 });
    expect(conn.requests('table.act')[0]).toMatchObject({ table: 't1', action: { type: 'add', amount: 3 } });
  });

  it('rejects with a PitbossRequestError carrying the server’s code, message and ref', async () => {
    await client.connect();
    server.on('table.act', (request, c) => c.error(request, 'action/not_your_turn', 'wait for your turn'));
    const failure = await client.request('table.act', { table: 't1', action: {} }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PitbossRequestError);
    const error = failure as PitbossRequestError;
    expect(error.code).toBe('action/not_your_turn');
    expect(error.message).toBe('wait for your turn');
    expect(error.requestType).toBe('table.act');
    const conn = await server.connection(0);
    expect(error.ref).toEqual(conn.requests('table.act')[0]?.id);
  });

  it('rejects with request/timeout when no reply comes, and ignores the late reply', async () => {
    await client.connect();
    const conn = await server.connection(0);
    server.on('wallet.get', () => undefined);
    const errors = record(client, 'error');
    const failure = await client.request('wallet.get', {}, { timeoutMs: 20 }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PitbossRequestError);
    expect((failure as PitbossRequestError).code).toBe(ClientErrorCode.timeout);
    const late = conn.requests('wallet.get')[0]!;
    conn.ack(late, { balance: 5 });
    await client.request('ping'); // the late ack was processed before this reply
    expect(errors).toEqual([]);
    expect(client.state).toBe('open');
  });

  it('rejects requests made before the connection is open with connection/not_open', async () => {
    const failure = await client.request('ping').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PitbossRequestError);
    expect((failure as PitbossRequestError).code).toBe(ClientErrorCode.notOpen);
  });

  it('keeps the token and account from an auth reply', async () => {
    await client.connect();
    const result = await client.request('auth.guest', { nickname: 'ann' });
    expect(client.token).toBe(result.token);
    expect(client.account).toEqual(result.account);
  });

  it('connects with a token and exposes the account the server recognised', async () => {
    client.close();
    client = makeClient(server, { token: 'good-token' });
    const info = await client.connect();
    const conn = await server.connection(0);
    expect(conn.requests('hello')[0]).toMatchObject({ token: 'good-token' });
    expect(info.account).toEqual(guest(0));
    expect(client.account).toEqual(guest(0));
  });

  it('reports an error the server could not tie to a request as an error event', async () => {
    await client.connect();
    const conn = await server.connection(0);
    const error = nextEvent(client, 'error');
    conn.send({ type: 'error', ref: null, code: 'protocol/bad_json', message: 'not JSON' });
    expect(await error).toMatchObject({ code: 'protocol/bad_json', ref: null });
  });

  it('ignores malformed frames and reports them as protocol/bad_message', async () => {
    await client.connect();
    const conn = await server.connection(0);
    const error = nextEvent(client, 'error');
    conn.socket.send('{"type":"table.event","table":"t1"}');
    expect((await error).code).toBe(ClientErrorCode.badMessage);
    expect(await client.request('ping')).toEqual({ now: 0 });
  });

  it('delivers pushes to typed listeners until they unsubscribe', async () => {
    await client.connect();
    const conn = await server.connection(0);
    const balances: number[] = [];
    const off = client.on('wallet', (message) => balances.push(message.balance));
    conn.send({ type: 'wallet', balance: 10 });
    await client.request('ping');
    off();
    conn.send({ type: 'wallet', balance: 20 });
    await client.request('ping');
    expect(balances).toEqual([10]);
  });

  it('reports state changes in order for a UI', async () => {
    const states = record(client, 'state');
    await client.connect();
    client.close();
    expect(states).toEqual(['connecting', 'open', 'closed']);
  });

  it('turns a throwing listener into an error event without breaking dispatch', async () => {
    await client.connect();
    const conn = await server.connection(0);
    const seen: number[] = [];
    client.on('wallet', () => {
      throw new Error('listener bug');
    });
    client.on('wallet', (m) => seen.push(m.balance));
    const error = nextEvent(client, 'error');
    conn.send({ type: 'wallet', balance: 3 });
    const reported = await error;
    expect(reported.code).toBe(ClientErrorCode.listenerFailed);
    expect((reported.cause as Error).message).toBe('listener bug');
    expect(seen).toEqual([3]);
  });
});
