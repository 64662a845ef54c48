// A TableClient under random trouble a protocol v1 server may cause — events lost with a dropped
// connection, batched frames, fresh views pushed at any moment, replays of delivered events — must
// always end with the server's view at the server's seq: never stuck behind, never a wrong view.

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TableClient, type PitbossClient } from '../../src/sdk/index.js';
import { FakeServer, type FakeConnection } from './fake-server.js';
import { counterGame, viewAt, type CounterEvent } from './fixture-game.js';
import { makeClient, settle } from './helpers.js';

let server: FakeServer;
let client: PitbossClient;

beforeAll(async () => {
  server = await FakeServer.start();
  client = makeClient(server);
  await client.connect();
  await client.request('auth.guest', { nickname: 'chaos' });
});

afterAll(async () => {
  client.close();
  await server.stop();
});

type Trouble =
  | { readonly kind: 'publish'; readonly amount: number }
  | { readonly kind: 'lose'; readonly amount: number }
  | { readonly kind: 'batch'; readonly amounts: readonly number[] }
  | { readonly kind: 'replay' }
  | { readonly kind: 'view' }
  | { readonly kind: 'drop' }
  | { readonly kind: 'pause' };

const amount = fc.integer({ min: 1, max: 9 });
const trouble: fc.Arbitrary<Trouble> = fc.oneof(
  { weight: 6, arbitrary: amount.map((a) => ({ kind: 'publish' as const, amount: a })) },
  { weight: 2, arbitrary: amount.map((a) => ({ kind: 'lose' as const, amount: a })) },
  {
    weight: 2,
    arbitrary: fc
      .array(amount, { minLength: 2, maxLength: 4 })
      .map((a) => ({ kind: 'batch' as const, amounts: a })),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'replay' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'view' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'drop' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'pause' as const }) },
);

/** The connection the client is on now (the newest the server accepted). */
const current = (): FakeConnection => {
  const conn = server.connections.at(-1);
  if (!conn) throw new Error('no connection');
  return conn;
};

let tables = 0;

describe('TableClient under random trouble', () => {
  it('always ends with the server’s view at the server’s seq', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(trouble, { minLength: 5, maxLength: 25 }), async (troubles) => {
        const id = `chaos-${++tables}`;
        const table = server.table(id);
        const tableClient = new TableClient(client, id, counterGame);
        await tableClient.watch();
        for (const t of troubles) {
          switch (t.kind) {
            case 'publish':
              server.publish(id, { type: 'add', amount: t.amount });
              break;
            case 'lose': {
              // Frames are lost only with their connection (TCP does not drop one and carry on).
              const conn = current();
              server.publish(id, { type: 'add', amount: t.amount }, [conn]);
              conn.drop();
              break;
            }
            case 'batch':
              server.publishBatch(
                id,
                t.amounts.map((a): CounterEvent => ({ type: 'add', amount: a })),
              );
              break;
            case 'replay': {
              const seq = table.seq;
              const event = table.events[seq - 1];
              if (event) current().send({ type: 'table.event', table: id, seq, event });
              break;
            }
            case 'view':
              if (table.watchers.has(current())) table.sendView(current());
              break;
            case 'drop':
              current().drop();
              break;
            case 'pause':
              await settle(5);
              break;
          }
        }
        // One last event reveals any loss the client has not noticed yet.
        server.publish(id, { type: 'add', amount: 1 });
        await vi
          .waitFor(
            () =>
              expect(tableClient.state).toMatchObject({
                seq: table.seq,
                view: viewAt(table.events, table.seq),
              }),
            { timeout: 5_000, interval: 10 },
          )
          .catch((error: unknown) => {
            const watches = server.connections.map((c) =>
              c
                .requests('table.watch')
                .filter((r) => r.table === id)
                .map((r) => r.since ?? 'fresh'),
            );
            const at = `store at seq ${tableClient.state.seq}, client feed at ${client.lastSeq(id)}, server at ${table.seq}`;
            throw new Error(`${at}; watches per connection ${JSON.stringify(watches)}`, { cause: error });
          });
        await tableClient.close();
      }),
      { numRuns: 40 },
    );
  });
});
