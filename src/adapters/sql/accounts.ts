// Accounts in the Store. Every account gets its wallet row (balance 0) in the same transaction,
// so wallet operations never have to create one on the fly.

import type { Kysely } from 'kysely';
import { ConflictError } from '../../ports/errors.js';
import type { Account, NewAccount } from '../../ports/store.js';
import { toAccount, usernameKey } from './rows.js';
import type { StoreSchema } from './schema.js';

const KINDS = new Set(['guest', 'registered', 'bot']);

export interface Clock {
  readonly now: () => number;
  readonly newId: () => string;
}

export async function createAccount(
  db: Kysely<StoreSchema>,
  clock: Clock,
  input: NewAccount,
): Promise<Account> {
  if (!KINDS.has(input.kind)) throw new RangeError(`unknown account kind ${input.kind as string}`);
  const key = input.username === undefined ? null : usernameKey(input.username);
  const row = {
    id: clock.newId(),
    kind: input.kind,
    username: input.username ?? null,
    username_key: key,
    nickname: input.nickname,
    password_hash: input.passwordHash ?? null,
    created_at: clock.now(),
  };
  try {
    await db.transaction().execute(async (trx) => {
      if (key !== null && (await usernameTaken(trx, key))) throw new ConflictError('username is taken');
      await trx.insertInto('accounts').values(row).execute();
      await trx.insertInto('wallets').values({ account_id: row.id, balance: 0 }).execute();
    });
  } catch (error) {
    // The unique index is the real guard: a concurrent registration can pass the check above.
    if (!(error instanceof ConflictError) && key !== null && (await usernameTaken(db, key))) {
      throw new ConflictError('username is taken', { cause: error });
    }
    throw error;
  }
  return toAccount(row);
}

async function usernameTaken(db: Kysely<StoreSchema>, key: string): Promise<boolean> {
  const found = await db
    .selectFrom('accounts')
    .select('id')
    .where('username_key', '=', key)
    .executeTakeFirst();
  return found !== undefined;
}

export async function getAccount(db: Kysely<StoreSchema>, id: string): Promise<Account | null> {
  const row = await db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toAccount(row) : null;
}

export async function findCredentials(
  db: Kysely<StoreSchema>,
  username: string,
): Promise<{ account: Account; passwordHash: string } | null> {
  const row = await db
    .selectFrom('accounts')
    .selectAll()
    .where('username_key', '=', usernameKey(username))
    .executeTakeFirst();
  if (!row || row.password_hash === null) return null;
  return { account: toAccount(row), passwordHash: row.password_hash };
}
