// The edge of a real node: whatever clients send, the node answers with a typed error or a
// documented close code, never crashes, and no table changes because of it.

import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { games } from '../../src/games/index.js';
import { CloseCode } from '../../src/protocol/codes.js';
import { TableClient } from '../../src/sdk/index.js';
import { removeDataDir, startNode, type NodeProcess } from '../support/node-process.js';
import {
  adminGet,
  createTable,
  expectChipsConserved,
  FAST_FLAGS,
  guest,
  RawSocket,
  until,
} from './helpers.js';

let node: NodeProcess | null = null;
const cleanups: (() => void | Promise<void>)[] = [];

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  if (node) {
    await node.stop();
    removeDataDir(node.dataDir);
    node = null;
  }
});

describe('the protocol edge of a node', () => {
  it('requires hello first, then closes with 4000', async () => {
    node = await startNode();
    const s = await RawSocket.open(node);
    s.send({ id: 1, type: 'ping' });
    expect(await s.reply(1)).toMatchObject({ type: 'error', code: 'protocol/hello_required', ref: 1 });
    expect((await s.closed).code).toBe(CloseCode.protocolError);
  });

  it('refuses a protocol version it does not speak, then closes with 4000', async () => {
    node = await startNode();
    const s = await RawSocket.open(node);
    expect(await s.request({ id: 1, type: 'hello', protocols: [99] })).toMatchObject({
      code: 'protocol/unsupported_version',
    });
    expect((await s.closed).code).toBe(CloseCode.protocolError);
  });

  it('answers anything but hello, auth and ping before sign-in with auth/required', async () => {
    node = await startNode();
    const s = await RawSocket.open(node);
    await s.request({ id: 1, type: 'hello', protocols: [1] });
    expect(await s.request({ id: 2, type: 'lobby.list' })).toMatchObject({
      type: 'error',
      code: 'auth/required',
    });
    expect(await s.request({ id: 3, type: 'ping' })).toMatchObject({ type: 'ack' });
    expect(await s.request({ id: 4, type: 'auth.token', token: 'not-a-token' })).toMatchObject({
      code: 'auth/token_invalid',
    });
    s.close();
  });

  it('closes a connection that never signs in with 4001', async () => {
    node = await startNode({ flags: { 'limits.auth-timeout-ms': 300 } });
    const s = await RawSocket.open(node);
    await s.request({ id: 1, type: 'hello', protocols: [1] });
    expect((await s.closed).code).toBe(CloseCode.authTimeout);
  });

  it('answers malformed frames with typed errors and keeps the connection', async () => {
    node = await startNode();
    const s = await RawSocket.signedIn(node, 'Mallory');
    s.send('{not json');
    s.send(JSON.stringify({ id: 5, type: 'no.such.thing' }));
    s.send(JSON.stringify({ id: 6, type: 'table.join', table: '../../etc', buyIn: -5 }));
    s.send(JSON.stringify({ id: 7, type: 'lobby.list', limit: 1e9 }));
    expect(await s.reply(5)).toMatchObject({ code: 'protocol/unknown_type' });
    expect(await s.reply(6)).toMatchObject({ code: 'protocol/invalid_message' });
    expect(await s.reply(7)).toMatchObject({ code: 'protocol/invalid_message' });
    expect(
      s.received.some((m) => m.type === 'error' && m.code === 'protocol/bad_json' && m.ref === null),
    ).toBe(true);
    expect(await s.request({ id: 8, type: 'ping' })).toMatchObject({ type: 'ack' });
    s.close();
  });

  it('closes a connection that sends a frame over the size limit with 1009', async () => {
    node = await startNode({ flags: { 'limits.max-frame-bytes': 4096 } });
    const s = await RawSocket.signedIn(node, 'Big');
    s.send(JSON.stringify({ id: 9, type: 'ping', pad: 'x'.repeat(10_000) }));
    expect((await s.closed).code).toBe(CloseCode.tooBig);
  });

  it('refuses messages over the rate with rate/limited, and closes a sustained flood with 4008', async () => {
    node = await startNode({
      flags: { 'limits.messages-per-second': 5, 'limits.message-burst': 5, 'limits.max-strikes': 30 },
    });
    const s = await RawSocket.signedIn(node, 'Flood');
    for (let i = 0; i < 200 && s.ws.readyState === WebSocket.OPEN; i++) s.send({ id: 100 + i, type: 'ping' });
    expect((await s.closed).code).toBe(CloseCode.rateLimited);
    const limited = s.received.filter((m) => m.type === 'error' && m.code === 'rate/limited');
    expect(limited.length).toBeGreaterThan(0);
    expect(limited.every((m) => typeof m.ref === 'number')).toBe(true);
  });

  it('cuts off a peer that neither answers pings nor sends anything, and keeps one that talks', async () => {
    node = await startNode({ flags: { 'limits.heartbeat-seconds': 1 } });
    const open = async (name: string) => {
      const s = await RawSocket.open(node!, { autoPong: false });
      expect(await s.request({ id: 'h', type: 'hello', protocols: [1] })).toMatchObject({ type: 'ack' });
      expect(await s.request({ id: 'g', type: 'auth.guest', nickname: name })).toMatchObject({ type: 'ack' });
      return s;
    };
    const silent = await open('Silent');
    const chatty = await open('Chatty');
    // A peer that answers pings but says nothing else is alive too.
    const quiet = await RawSocket.signedIn(node, 'Quiet');
    let n = 0;
    const talking = setInterval(() => chatty.send({ id: `p${n++}`, type: 'ping' }), 300);
    try {
      let silentClosed = false;
      void silent.closed.then(() => (silentClosed = true));
      await until(() => silentClosed, 20_000, 'the silent peer to be cut off');
      // Cut off means at least two heartbeat intervals went by: the others were visited too.
      expect(chatty.ws.readyState).toBe(WebSocket.OPEN);
      expect(quiet.ws.readyState).toBe(WebSocket.OPEN);
      expect(await chatty.request({ id: 'still', type: 'ping' })).toMatchObject({ type: 'ack' });
    } finally {
      clearInterval(talking);
      chatty.close();
      quiet.close();
    }
  });

  it('refuses more connections from one address than the cap with HTTP 429', async () => {
    node = await startNode({ flags: { 'limits.max-connections-per-ip': 3 } });
    const open = await Promise.all([1, 2, 3].map(() => RawSocket.open(node as NodeProcess)));
    await expect(RawSocket.open(node)).rejects.toThrow('HTTP 429');
    open[0]?.close();
    await open[0]?.closed;
    // Once the server has seen that close, a new connection fits under the cap again.
    let again: RawSocket | null = null;
    for (let i = 0; i < 50 && again === null; i++) {
      again = await RawSocket.open(node).catch(() => null);
      if (again === null) await new Promise((r) => setTimeout(r, 50));
    }
    expect(again).not.toBeNull();
    again?.close();
    for (const s of open) s.close();
  });

  it('survives many clients sending random and malformed frames at once, and no table changes', async () => {
    node = await startNode({
      flags: {
        ...FAST_FLAGS,
        'limits.max-strikes': 1000,
        'limits.messages-per-second': 1000,
        'limits.message-burst': 1000,
        // All twelve clients share 127.0.0.1: this test is about content, not the per-IP budget.
        'limits.ip-messages-per-second': 100_000,
        'limits.ip-message-burst': 100_000,
      },
    });
    // A table with two seated players and a long turn timer: nothing may change it but them.
    const alice = await guest(node, 'Alice');
    const bob = await guest(node, 'Bob');
    cleanups.push(
      () => alice.client.close(),
      () => bob.client.close(),
    );
    const table = await createTable(alice, 'holdem', { turnSeconds: 600 });
    const aliceTable = new TableClient(alice.client, table, games.holdem);
    await aliceTable.join(500);
    await new TableClient(bob.client, table, games.holdem).join(500);
    await until(() => aliceTable.state.view?.inHand === true, 20_000, 'a hand');
    const before = { seq: aliceTable.state.seq, view: JSON.stringify(aliceTable.state.view) };

    const hostile = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.json({ maxDepth: 4 }),
      fc.record({
        id: fc.oneof(fc.integer(), fc.string()),
        type: fc.constantFrom(
          'table.act',
          'table.join',
          'table.leave',
          'table.sit_out',
          'table.watch',
          'history.get',
          'lobby.list',
          'auth.login',
          'hello',
        ),
        table: fc.oneof(fc.constant(table), fc.string()),
        action: fc.anything(),
        buyIn: fc.oneof(fc.double(), fc.integer()),
        seat: fc.anything(),
        since: fc.anything(),
      }),
      fc.uint8Array({ maxLength: 300 }),
    );
    const frames = fc.sample(hostile, { numRuns: 3000, seed: 42 });
    const clients = await Promise.all(
      Array.from({ length: 12 }, (_, i) => RawSocket.signedIn(node as NodeProcess, `Fuzz${i}`)),
    );
    clients.forEach((c, i) => {
      for (let f = i; f < frames.length; f += clients.length) {
        const frame = frames[f];
        if (c.ws.readyState !== WebSocket.OPEN) break;
        c.ws.send(
          frame instanceof Uint8Array ? frame : typeof frame === 'string' ? frame : JSON.stringify(frame),
        );
      }
    });
    // Each client still answers, or was closed with a documented code.
    const documented: number[] = Object.values(CloseCode);
    await until(
      () =>
        clients.reduce((n, c) => n + c.received.length, 0) > 2000 ||
        clients.some((c) => c.ws.readyState !== WebSocket.OPEN),
      30_000,
      'replies to the fuzz',
    );
    for (const c of clients) {
      if (c.ws.readyState === WebSocket.OPEN) {
        expect(await c.request({ id: 'still-there', type: 'ping' })).toMatchObject({ type: 'ack' });
        c.close();
      } else {
        expect(documented).toContain((await c.closed).code);
      }
    }
    const errors = clients.flatMap((c) => c.received.filter((m) => m.type === 'error'));
    expect(errors.length).toBeGreaterThan(1000);
    expect(errors.every((e) => typeof e.code === 'string' && /^[a-z_]+\/[a-z_]+$/.test(e.code))).toBe(true);
    const health = await fetch(`${node.url}/health`);
    expect(health.status).toBe(200);
    expect(aliceTable.state.seq).toBe(before.seq);
    expect(JSON.stringify(aliceTable.state.view)).toBe(before.view);
    const overview = (await adminGet(node, '/api/admin/overview')) as {
      tables: { id: string; occupied: number }[];
    };
    expect(overview.tables.find((t) => t.id === table)?.occupied).toBe(2);
    await expectChipsConserved(node);
  });
});

describe('shutting a node down', () => {
  it('closes every connection with 1001 going away and exits 0 on SIGTERM', async () => {
    node = await startNode();
    const sockets = await Promise.all(
      [1, 2].map(async (i) => RawSocket.signedIn(node as NodeProcess, `S${i}`)),
    );
    const exit = await node.stop();
    expect(exit).toBe(0);
    for (const s of sockets) expect((await s.closed).code).toBe(CloseCode.goingAway);
    expect(node.output.some((l) => l.includes('pitboss node stopped'))).toBe(true);
  });

  it('keeps secrets out of its logs', async () => {
    node = await startNode({ flags: { 'log-level': 'debug' } });
    const s = await RawSocket.open(node);
    await s.request({ id: 1, type: 'hello', protocols: [1] });
    const reply = await s.request({
      id: 2,
      type: 'auth.register',
      username: 'secretive',
      password: 'hunter2-very-secret',
      nickname: 'Sec',
    });
    const token = (reply.result as { token: string }).token;
    s.close();
    await node.stop();
    const logs = node.output.join('\n');
    expect(logs).not.toContain('hunter2-very-secret');
    expect(logs).not.toContain(token);
    expect(logs).not.toContain(node.adminToken);
  });
});
