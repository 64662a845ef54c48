// A node link over a real WebSocket on loopback: requests and responses, an invalid request
// answered at once rather than left to time out, a request that times out, frames batched per tick
// without reordering any one connection's frames, and pending requests failing when the link drops.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import {
  LinkClosedError,
  LinkTimeoutError,
  NodeLink,
  type LinkHandlers,
} from '../../src/cluster/node-link.js';

let server: Server | null = null;

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

/** Two ends of one link: `gateway` dials, `owner` accepts. */
async function pair(
  owner: LinkHandlers,
  gateway: LinkHandlers = {},
  timeoutMs = 2000,
): Promise<{ owner: NodeLink; gateway: NodeLink; raw: WebSocket }> {
  const wss = new WebSocketServer({ noServer: true });
  server = createServer();
  const accepted = new Promise<NodeLink>((resolve) =>
    server!.on('upgrade', (req, socket, head) =>
      wss.handleUpgrade(req, socket, head, (ws) => resolve(new NodeLink(ws, 'gateway', owner))),
    ),
  );
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const raw = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
  await new Promise((resolve) => raw.once('open', resolve));
  return { owner: await accepted, gateway: new NodeLink(raw, 'owner', gateway, { timeoutMs }), raw };
}

describe('a node link', () => {
  it('answers requests, and answers an invalid one at once with a typed error', async () => {
    const { gateway, raw } = await pair({
      onRequest: (req) => Promise.resolve({ ok: true, echoed: req.op }),
    });
    expect(await gateway.request({ op: 'tables' })).toEqual({ ok: true, echoed: 'tables' });
    const answer = new Promise<unknown>((resolve) =>
      raw.once('message', (d: Buffer) => resolve(JSON.parse(d.toString()))),
    );
    raw.send(JSON.stringify({ t: 'req', id: 77, req: { op: 'join', table: 'bad id!' } }));
    expect(await answer).toMatchObject({
      t: 'res',
      id: 77,
      result: { ok: false, code: 'protocol/invalid_message' },
    });
    gateway.close();
  });

  it('parts without losing a request: what was sent is answered, nothing more is sent, then it closes', async () => {
    let release = (): void => undefined;
    const slow = new Promise<void>((resolve) => (release = resolve));
    let heardBye = false;
    const { owner, gateway } = await pair(
      {
        onRequest: async (req) =>
          req.op === 'tables' ? (await slow, { ok: true, late: true }) : { ok: true },
      },
      { onBye: () => (heardBye = true) },
    );
    const inFlight = gateway.request({ op: 'tables' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const parted = owner.part(2000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(heardBye).toBe(true);
    const refused = await gateway.request({ op: 'tables' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(LinkClosedError);
    expect((refused as LinkClosedError).sent).toBe(false);
    release();
    expect(await inFlight).toEqual({ ok: true, late: true });
    await parted;
  });

  it('times a request out when the owner never answers, and fails pending requests when the link drops', async () => {
    const { gateway, owner } = await pair({ onRequest: () => new Promise(() => undefined) }, {}, 200);
    await expect(gateway.request({ op: 'tables' })).rejects.toBeInstanceOf(LinkTimeoutError);
    const pending = gateway.request({ op: 'tables' });
    owner.close();
    await expect(pending).rejects.toBeInstanceOf(LinkClosedError);
  });

  it('sends a frame several connections get once per tick, never reordering a connection’s frames', async () => {
    const got = new Map<string, string[]>();
    const messages: unknown[] = [];
    const { owner, gateway } = await pair(
      {},
      {
        onDeliver: (sessions, data) => {
          messages.push(data);
          for (const s of sessions) got.set(s, [...(got.get(s) ?? []), data]);
        },
      },
    );
    // s1 gets X then Y; s2 gets Y then X; s3 gets X. X may be shared by s1 and s3, but s2's Y
    // must still come before its X.
    owner.deliver('s1', 'X');
    owner.deliver('s2', 'Y');
    owner.deliver('s1', 'Y');
    owner.deliver('s2', 'X');
    owner.deliver('s3', 'X');
    await new Promise((r) => setTimeout(r, 200));
    expect(got.get('s1')).toEqual(['X', 'Y']);
    expect(got.get('s2')).toEqual(['Y', 'X']);
    expect(got.get('s3')).toEqual(['X']);
    expect(messages.length).toBeLessThan(5);
    gateway.close();
  });
});
