// The kysely-side statement cache: one prepared statement per SQL text, least recently used dropped
// at capacity, and results identical to preparing afresh.

import { describe, expect, it } from 'vitest';
import { withStatementCache } from '../../src/adapters/sql/statement-cache.js';
import { openSqlite } from '../../src/adapters/sqlite/database.js';

describe('withStatementCache', () => {
  it('prepares each SQL text once and answers from the same statement after', () => {
    const db = withStatementCache(openSqlite(':memory:'), 2);
    db.prepare('CREATE TABLE t (x INTEGER)').run([]);
    const insert = db.prepare('INSERT INTO t (x) VALUES (?)');
    insert.run([1]);
    expect(db.prepare('INSERT INTO t (x) VALUES (?)')).toBe(insert);
    db.prepare('INSERT INTO t (x) VALUES (?)').run([2]);
    expect(db.prepare('SELECT x FROM t ORDER BY x').all([])).toEqual([{ x: 1 }, { x: 2 }]);
    db.close();
  });

  it('drops the least recently used statement once full', () => {
    const db = withStatementCache(openSqlite(':memory:'), 2);
    const a = db.prepare('SELECT 1 AS v');
    const b = db.prepare('SELECT 2 AS v');
    expect(db.prepare('SELECT 1 AS v')).toBe(a); // a is now the most recent
    db.prepare('SELECT 3 AS v'); // evicts b
    expect(db.prepare('SELECT 1 AS v')).toBe(a);
    expect(db.prepare('SELECT 2 AS v')).not.toBe(b);
    expect(db.prepare('SELECT 2 AS v').all([])).toEqual([{ v: 2 }]);
    db.close();
  });
});
