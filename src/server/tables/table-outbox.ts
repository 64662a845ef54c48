// A table's outbox: the side effects of what the table logged — cash-outs when a seat is vacated,
// hand histories when a hand ends, snapshots of the state — run in order on a queue of their own,
// so a slow store delays snapshots, never play. Each effect is retried until it succeeds, and each
// is idempotent (keyed by its request id, its hand, its seq): the log is the outbox's durable half,
// and recovery re-runs every effect of the entries after the last snapshot. A snapshot is queued
// behind the effects before it, so one that lands says every effect it covers has completed.

import { FencedError } from '../../ports/errors.js';
import { Mailbox } from './mailbox.js';
import type { TableActorDeps } from './table-deps.js';

type OutboxDeps = Pick<
  TableActorDeps,
  'tableId' | 'game' | 'effects' | 'log' | 'epoch' | 'clock' | 'timing' | 'logger'
>;

export interface OutboxHooks {
  /** The table stopped running here: an effect that fails gives up (the next owner re-runs it). */
  readonly stopped: () => boolean;
  /** A write was fenced: another node owns the table now. */
  readonly lost: (error: FencedError) => void;
}

type GameEvent = { readonly type: string } & Record<string, unknown>;

export class TableOutbox {
  readonly #deps: OutboxDeps;
  readonly #hooks: OutboxHooks;
  readonly #queue = new Mailbox();

  constructor(deps: OutboxDeps, hooks: OutboxHooks) {
    this.#deps = deps;
    this.#hooks = hooks;
  }

  /** Queues the effects of one logged command's events (`cmdSeq`: its log seq, `at`: its time). */
  eventsLogged(events: readonly GameEvent[], cmdSeq: number, at: number): void {
    const { tableId, effects } = this.#deps;
    for (const event of events) {
      if (event.type === 'seat_vacated') {
        const player = String(event.player);
        const chips = Number(event.chips);
        const seat = Number(event.seat);
        if (chips > 0) {
          const req = `${tableId}:out:${cmdSeq}:${seat}`;
          this.run(`cash-out ${req}`, async () => {
            const balance = await effects.cashOut(req, player, tableId, chips);
            effects.walletChanged(player, balance);
          });
        }
      } else if (event.type === 'hand_ended') {
        const hand = Number(event.hand);
        const players = (event.players as readonly string[] | undefined) ?? [];
        this.run(`hand history ${hand}`, () =>
          effects.saveHand({
            tableId,
            hand,
            game: this.#deps.game.id,
            players,
            record: event.record,
            endedAt: at,
          }),
        );
      }
    }
  }

  /** Queues a snapshot (already encoded) and the trim of the entries it covers. */
  snapshot(snapshot: { readonly seq: number; readonly data: string }): void {
    const { log, tableId, epoch } = this.#deps;
    this.run('snapshot', async () => {
      await log.writeSnapshot(tableId, epoch, snapshot);
      await log.trim(tableId, epoch, snapshot.seq);
    });
  }

  /**
   * Runs one effect on the queue, retrying until it succeeds. Once the table has stopped it gives
   * up: effects are idempotent and the next owner's recovery re-runs every effect after the last
   * snapshot.
   */
  run(label: string, work: () => Promise<void>): void {
    void this.#queue.run(async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          await work();
          return;
        } catch (error) {
          if (error instanceof FencedError) return this.#hooks.lost(error);
          if (this.#hooks.stopped()) return;
          this.#deps.logger.warn(
            { table: this.#deps.tableId, effect: label, attempt, err: error },
            'table effect failed; retrying',
          );
          await new Promise<void>((resolve) =>
            this.#deps.clock.after(this.#deps.timing.effectRetryMs, resolve),
          );
        }
      }
    });
  }

  /** Resolves when every effect queued so far has finished. */
  idle(): Promise<void> {
    return this.#queue.idle();
  }
}
