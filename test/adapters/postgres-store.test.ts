// KyselyStore on a real PostgreSQL (started here, on loopback, stopped afterwards) against the same
// Store contract as SQLite; each test gets a fresh schema. Plus what only a shared database asks:
// three nodes migrating at once, and a clear error when the database cannot be reached.

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresStore } from '../../src/adapters/sql/postgres-store.js';
import { UnavailableError } from '../../src/ports/errors.js';
import type { Store } from '../../src/ports/store.js';
import type { AdapterHarness } from '../ports/harness.js';
import { describeStoreContract } from '../ports/store.contract.js';
import { freePort } from '../../src/launcher/free-port.js';
import { startPostgres, type PostgresServer } from '../../src/launcher/postgres-process.js';

let server: PostgresServer;

beforeAll(async () => {
  server = await startPostgres();
}, 60_000);

afterAll(async () => {
  await server.stop();
});

async function schemaHarness(): Promise<AdapterHarness<Store>> {
  const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const open: Store[] = [await createPostgresStore(server.url(), { schema, poolSize: 4 })];
  return {
    adapter: open[0]!,
    peer: async () => {
      const peer = await createPostgresStore(server.url(), { schema, poolSize: 4 });
      open.push(peer);
      return peer;
    },
    reopen: async () => {
      await open[0]!.close();
      const again = await createPostgresStore(server.url(), { schema, poolSize: 4 });
      open.push(again);
      return again;
    },
    cleanup: async () => {
      await Promise.allSettled(open.map((s) => s.close()));
    },
  };
}

describeStoreContract('KyselyStore on PostgreSQL', schemaHarness);

describe('PostgreSQL as the Store of several nodes', () => {
  it('migrates exactly once when three nodes start against a fresh database at once', async () => {
    const url = await server.createDatabase(`fresh_${randomUUID().replace(/-/g, '').slice(0, 8)}`);
    const stores = await Promise.all([1, 2, 3].map(() => createPostgresStore(url, { poolSize: 2 })));
    try {
      const account = await stores[0]!.createAccount({ kind: 'guest', nickname: 'Ann' });
      expect(await stores[2]!.getAccount(account.id)).toMatchObject({ nickname: 'Ann' });
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('rejects with UnavailableError, naming the address but not the password, when nothing listens', async () => {
    const port = await freePort();
    const error = await createPostgresStore(`postgres://pitboss:s3cret@127.0.0.1:${port}/x`, {
      connectTimeoutMs: 1000,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnavailableError);
    expect((error as Error).message).toContain(`127.0.0.1:${port}`);
    expect((error as Error).message).not.toContain('s3cret');
  });
});
