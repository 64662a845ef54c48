// The first Store schema. Written with kysely's schema builder so the same migration creates the
// tables in SQLite and PostgreSQL; the only dialect difference is how an auto-numbered key is spelled.

import { sql, type CreateTableBuilder, type Kysely, type Migration } from 'kysely';
import type { SqlDialect } from '../schema.js';

type AnyTable = CreateTableBuilder<string>;

function withIdentity(table: AnyTable, column: string, dialect: SqlDialect): AnyTable {
  return dialect === 'postgres'
    ? table.addColumn(column, 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    : table.addColumn(column, 'integer', (c) => c.primaryKey().autoIncrement());
}

export function initialMigration(dialect: SqlDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('accounts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('guest', 'registered', 'bot')`))
        .addColumn('username', 'text')
        .addColumn('username_key', 'text', (c) => c.unique())
        .addColumn('nickname', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('wallets')
        .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.id'))
        .addColumn('balance', 'bigint', (c) => c.notNull().check(sql`balance >= 0`))
        .execute();

      await withIdentity(db.schema.createTable('ledger'), 'id', dialect)
        .addColumn('request_id', 'text', (c) => c.notNull().unique())
        .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('grant', 'buy_in', 'cash_out')`))
        .addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount > 0`))
        .addColumn('table_id', 'text')
        .addColumn('balance_after', 'bigint', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('ledger_by_account').on('ledger').columns(['account_id', 'id']).execute();
      await db.schema.createIndex('ledger_by_table').on('ledger').columns(['table_id']).execute();

      await db.schema
        .createTable('table_chips')
        .addColumn('table_id', 'text', (c) => c.primaryKey())
        .addColumn('chips', 'bigint', (c) => c.notNull().check(sql`chips >= 0`))
        .execute();

      await withIdentity(db.schema.createTable('tables'), 'ord', dialect)
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('game', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('config', 'text', (c) => c.notNull())
        .addColumn('seed', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('closed_at', 'bigint')
        .execute();

      await db.schema
        .createTable('hands')
        .addColumn('table_id', 'text', (c) => c.notNull())
        .addColumn('hand', 'bigint', (c) => c.notNull())
        .addColumn('game', 'text', (c) => c.notNull())
        .addColumn('players', 'text', (c) => c.notNull())
        .addColumn('record', 'text', (c) => c.notNull())
        .addColumn('ended_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('hands_pk', ['table_id', 'hand'])
        .execute();

      await db.schema
        .createTable('hand_players')
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('table_id', 'text', (c) => c.notNull())
        .addColumn('hand', 'bigint', (c) => c.notNull())
        .addColumn('ended_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('hand_players_pk', ['account_id', 'table_id', 'hand'])
        .execute();
      await db.schema
        .createIndex('hand_players_by_time')
        .on('hand_players')
        .columns(['account_id', 'ended_at', 'table_id', 'hand'])
        .execute();
    },
  };
}
