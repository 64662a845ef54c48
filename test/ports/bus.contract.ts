// The Bus contract: topic-addressed, fire-and-forget, asynchronous delivery. Negative checks
// ("X did not arrive") are made safe without sleeping: a sentinel message published after X on
// the same topic is awaited first, and per-topic delivery is ordered.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Bus } from '../../src/ports/bus.js';
import type { AdapterHarness, MakeAdapter } from './harness.js';

/** Collects what a subscription receives and waits for it. */
class Inbox {
  readonly messages: string[] = [];
  readonly handler = (message: string): void => {
    this.messages.push(message);
  };

  async waitFor(message: string): Promise<void> {
    await vi.waitFor(() => expect(this.messages).toContain(message), { timeout: 5_000, interval: 2 });
  }
}

export function describeBusContract(name: string, makeAdapter: MakeAdapter<Bus>): void {
  describe(`Bus contract: ${name}`, () => {
    let harness: AdapterHarness<Bus>;
    let bus: Bus;

    beforeEach(async () => {
      harness = await makeAdapter();
      bus = harness.adapter;
    });
    afterEach(async () => {
      await harness.cleanup();
    });

    it('delivers a published message to a subscriber of its topic', async () => {
      const inbox = new Inbox();
      await bus.subscribe('lobby', inbox.handler);
      await bus.publish('lobby', 'hello');
      await inbox.waitFor('hello');
      expect(inbox.messages).toEqual(['hello']);
    });

    it('delivers a topic’s messages in publish order', async () => {
      const inbox = new Inbox();
      await bus.subscribe('lobby', inbox.handler);
      const sent = Array.from({ length: 50 }, (_, i) => `m${i}`);
      for (const m of sent) await bus.publish('lobby', m);
      await inbox.waitFor('m49');
      expect(inbox.messages).toEqual(sent);
    });

    it('delivers to every subscriber of the topic', async () => {
      const first = new Inbox();
      const second = new Inbox();
      await bus.subscribe('lobby', first.handler);
      await bus.subscribe('lobby', second.handler);
      await bus.publish('lobby', 'both');
      await first.waitFor('both');
      await second.waitFor('both');
    });

    it('never calls a handler synchronously inside publish()', async () => {
      let delivered = false;
      await bus.subscribe('lobby', () => {
        delivered = true;
      });
      const publishing = bus.publish('lobby', 'x');
      expect(delivered).toBe(false);
      await publishing;
      await vi.waitFor(() => expect(delivered).toBe(true), { timeout: 5_000, interval: 2 });
    });

    it('keeps topics isolated from each other', async () => {
      const lobby = new Inbox();
      const table = new Inbox();
      await bus.subscribe('lobby', lobby.handler);
      await bus.subscribe('table:1', table.handler);
      await bus.publish('table:2', 'elsewhere');
      await bus.publish('table:1', 'for table 1');
      await bus.publish('lobby', 'for lobby');
      await table.waitFor('for table 1');
      await lobby.waitFor('for lobby');
      expect(table.messages).toEqual(['for table 1']);
      expect(lobby.messages).toEqual(['for lobby']);
    });

    it('stops delivering after unsubscribe, while other subscriptions keep receiving', async () => {
      const leaving = new Inbox();
      const staying = new Inbox();
      const subscription = await bus.subscribe('lobby', leaving.handler);
      await bus.subscribe('lobby', staying.handler);
      await bus.publish('lobby', 'before');
      await leaving.waitFor('before');
      await subscription.unsubscribe();
      await bus.publish('lobby', 'after');
      await bus.publish('lobby', 'sentinel');
      await staying.waitFor('sentinel');
      expect(leaving.messages).toEqual(['before']);
      expect(staying.messages).toEqual(['before', 'after', 'sentinel']);
    });

    it('treats the same handler subscribed twice as two subscriptions', async () => {
      const inbox = new Inbox();
      const first = await bus.subscribe('lobby', inbox.handler);
      await bus.subscribe('lobby', inbox.handler);
      await bus.publish('lobby', 'twice');
      await vi.waitFor(() => expect(inbox.messages).toEqual(['twice', 'twice']), {
        timeout: 5_000,
        interval: 2,
      });
      await first.unsubscribe();
      await bus.publish('lobby', 'once');
      await inbox.waitFor('once');
      expect(inbox.messages).toEqual(['twice', 'twice', 'once']);
    });

    it('keeps delivering to other handlers, and later messages, when a handler throws', async () => {
      const inbox = new Inbox();
      await bus.subscribe('lobby', () => {
        throw new Error('handler bug');
      });
      await bus.subscribe('lobby', inbox.handler);
      await bus.publish('lobby', 'one');
      await bus.publish('lobby', 'two');
      await inbox.waitFor('two');
      expect(inbox.messages).toEqual(['one', 'two']);
    });

    it('carries arbitrary text unchanged', async () => {
      const inbox = new Inbox();
      await bus.subscribe('lobby', inbox.handler);
      const text = JSON.stringify({ ü: '♠♥♦♣', big: 'x'.repeat(50_000), nl: 'a\nb' });
      await bus.publish('lobby', text);
      await inbox.waitFor(text);
    });

    describe('several clients', () => {
      it('delivers across clients of the same backing service', async (ctx) => {
        if (!harness.peer) return ctx.skip();
        const other = await harness.peer();
        const inbox = new Inbox();
        await other.subscribe('lobby', inbox.handler);
        await bus.publish('lobby', 'from a');
        await inbox.waitFor('from a');
      });

      it('drops a closed client’s subscriptions without affecting the others', async (ctx) => {
        if (!harness.peer) return ctx.skip();
        const other = await harness.peer();
        const closing = new Inbox();
        const staying = new Inbox();
        await bus.subscribe('lobby', closing.handler);
        await other.subscribe('lobby', staying.handler);
        await bus.close();
        await other.publish('lobby', 'after close');
        await other.publish('lobby', 'sentinel');
        await staying.waitFor('sentinel');
        expect(closing.messages).toEqual([]);
      });
    });
  });
}
