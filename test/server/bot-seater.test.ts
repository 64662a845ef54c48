// The bot seater fills a table's bot seats with bots whose names nobody at the table has — also
// when bots from another node (or from before a restart) already sit there under the names this
// node would pick first.
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../src/adapters/sql/sqlite-store.js';
import type { KyselyStore } from '../../src/adapters/sql/kysely-store.js';
import { holdem } from '../../src/games/holdem/index.js';
import { TableOptionsSchema } from '../../src/protocol/messages.js';
import { silentLogger } from '../../src/server/ops/logger.js';
import { BotSeater } from '../../src/server/tables/bot-seater.js';
import { createGameCatalog } from '../../src/server/tables/game-catalog.js';
import { openActor, TestLedger } from './actor-harness.js';

/** Every account can pay its buy-in: the seater's own wallet checks live in the Store. */
class OpenLedger extends TestLedger {
  override buyIn(req: string, account: string, table: string, amount: number): Promise<number> {
    if (!this.wallets.has(account)) this.fund(account, 1_000_000);
    return super.buyIn(req, account, table, amount);
  }
}

const stores: KyselyStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

describe('the bot seater', () => {
  it('never seats two bots of the same name at one table', async () => {
    const store = await createSqliteStore(':memory:');
    stores.push(store);
    const h = await openActor({
      game: holdem,
      config: { seats: 6, smallBlind: 5, bigBlind: 10, minBuyIn: 100, maxBuyIn: 1000 },
      ledger: new OpenLedger(),
    });
    // Seated by another node's seater: the names this node's seater would pick first.
    for (const [id, name] of [
      ['other-1', 'Ada (bot)'],
      ['other-2', 'Alan (bot)'],
    ] as const)
      await h.actor.join({ accountId: id, name, amount: 200, requestId: `j-${id}`, bot: true });

    const descriptor = createGameCatalog().get('holdem');
    if (!descriptor) throw new Error('no holdem');
    const seater = new BotSeater({ store, logger: silentLogger() });
    seater.maintain(h.actor, descriptor, TableOptionsSchema.parse({ bots: 5 }));
    await seater.idle();

    const names = h.actor.seats().map((s) => s.name);
    expect(names).toHaveLength(5);
    expect(new Set(names).size).toBe(5);
    expect(names).toEqual(expect.arrayContaining(['Ada (bot)', 'Alan (bot)', 'Grace (bot)']));
  });
});
