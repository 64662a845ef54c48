// Keeps a table's bot seats filled: a table created with `bots: N` has N bots seated whenever
// there is room. Bots are ordinary accounts (kind 'bot') with wallets: they buy in and cash out
// through the same ledger as people, so conservation holds for them too. A bot that can no longer
// cover the game stands up, and another buys in.

import { randomUUID } from 'node:crypto';
import type { Store } from '../../ports/store.js';
import type { TableOptions } from '../../protocol/messages.js';
import type { Logger } from '../ops/logger.js';
import type { GameDescriptor } from './game-catalog.js';
import type { TableActor } from './table-actor.js';

const BOT_NAMES = [
  'Ada',
  'Alan',
  'Grace',
  'Edsger',
  'Barbara',
  'Donald',
  'Frances',
  'Claude',
  'Hedy',
  'Niklaus',
  'Radia',
  'Ken',
];

interface BotAccount {
  readonly id: string;
  readonly name: string;
}

export class BotSeater {
  readonly #store: Store;
  readonly #logger: Logger;
  /** Bot accounts this node created or found seated, reused across tables. */
  readonly #pool = new Map<string, BotAccount>();
  readonly #running = new Map<string, Promise<void>>();
  readonly #again = new Set<string>();
  #named = 0;

  constructor(deps: { store: Store; logger: Logger }) {
    this.#store = deps.store;
    this.#logger = deps.logger;
  }

  /** Brings the table's bot seats to the wanted number. Coalesces overlapping calls per table. */
  /** Remembers the bots already seated at a table that was just opened (after a restart). */
  adopt(actor: TableActor): void {
    for (const s of actor.seats())
      if (s.bot && !this.#pool.has(s.player)) this.#pool.set(s.player, { id: s.player, name: s.name });
  }

  maintain(actor: TableActor, descriptor: GameDescriptor, options: TableOptions): void {
    if (options.bots === 0) return;
    if (this.#running.has(actor.id)) {
      this.#again.add(actor.id);
      return;
    }
    const run = this.#fill(actor, descriptor, options)
      .catch((error: unknown) => this.#logger.warn({ table: actor.id, err: error }, 'seating bots failed'))
      .finally(() => {
        this.#running.delete(actor.id);
        if (this.#again.delete(actor.id) && !actor.stopped) this.maintain(actor, descriptor, options);
      });
    this.#running.set(actor.id, run);
  }

  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.all(this.#running.values());
  }

  async #fill(actor: TableActor, descriptor: GameDescriptor, options: TableOptions): Promise<void> {
    if (actor.stopped) return;
    const config: unknown = descriptor.module.config(actor.state);
    const { minBuyIn, maxBuyIn } = descriptor.stakes(config);
    for (const bot of actor.seats()) {
      if (bot.bot && bot.status !== 'leaving' && descriptor.botShouldLeave(bot, actor.status(), config)) {
        await actor.seatCommand(bot.player, 'leave');
      }
    }

    const seated = actor.seats();
    const botsNow = seated.filter((s) => s.bot && s.status !== 'leaving').length;
    const free = descriptor.module.seatCount(actor.state) - seated.length;
    const wanted = Math.min(options.bots - botsNow, free);
    const buyIn = Math.max(minBuyIn, Math.min(maxBuyIn, minBuyIn * 2));
    const atTable = new Set(seated.map((s) => s.player));
    // Names too: bots made by another node, or before a restart, may share a name with ours.
    const namesAtTable = new Set(seated.map((s) => s.name));
    for (let i = 0; i < wanted; i++) {
      const bot = await this.#botFor(atTable, namesAtTable);
      atTable.add(bot.id);
      namesAtTable.add(bot.name);
      const balance = await this.#store.balance(bot.id);
      if (balance < buyIn) await this.#store.grant(`bot-topup:${randomUUID()}`, bot.id, buyIn * 10);
      const joined = await actor.join({
        accountId: bot.id,
        name: bot.name,
        amount: buyIn,
        requestId: `bot-join:${randomUUID()}`,
        bot: true,
      });
      if (!joined.ok) {
        this.#logger.warn({ table: actor.id, code: joined.code }, 'bot could not sit');
        return;
      }
    }
  }

  /** A bot that is not at the table and whose name nobody there has: from the pool, or new. */
  async #botFor(ids: ReadonlySet<string>, names: ReadonlySet<string>): Promise<BotAccount> {
    for (const bot of this.#pool.values()) if (!ids.has(bot.id) && !names.has(bot.name)) return bot;
    // Named before the first await: concurrent calls must not pick the same name.
    let name = botName(this.#named++);
    while (names.has(name)) name = botName(this.#named++);
    const account = await this.#store.createAccount({ kind: 'bot', nickname: name });
    const bot = { id: account.id, name };
    this.#pool.set(bot.id, bot);
    return bot;
  }
}

/** "Ada (bot)", …, "Ken (bot)", then "Ada 2 (bot)", … */
function botName(n: number): string {
  const round = Math.floor(n / BOT_NAMES.length);
  return `${BOT_NAMES[n % BOT_NAMES.length] ?? 'Bot'}${round > 0 ? ` ${round + 1}` : ''} (bot)`;
}
