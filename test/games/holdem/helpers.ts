// Test helpers: a small table driver over the pure module, so scenario tests read like a hand.

import { expect } from 'vitest';
import type { Card } from '../../../src/games/cards.js';
import type { Command } from '../../../src/games/contract.js';
import {
  holdem,
  stackDeck,
  type HoldemAction,
  type HoldemConfig,
  type HoldemEvent,
  type HoldemState,
  type StackedDeal,
} from '../../../src/games/holdem/index.js';

export const SEED = '5eed'.repeat(16);

export const BASE_CONFIG: HoldemConfig = {
  seats: 6,
  smallBlind: 5,
  bigBlind: 10,
  ante: 0,
  bigBlindAnte: false,
  minBuyIn: 10,
  maxBuyIn: 100_000,
};

export function config(overrides: Partial<HoldemConfig> = {}): HoldemConfig {
  const parsed = holdem.parseConfig({ ...BASE_CONFIG, ...overrides });
  if (!parsed.ok) throw new Error(`bad test config: ${parsed.message}`);
  return parsed.config;
}

export class TestTable {
  state: HoldemState;
  /** Events of every command applied so far. */
  readonly log: HoldemEvent[] = [];
  /** Events of the last command. */
  last: readonly HoldemEvent[] = [];

  /** `stacks[i]` = chips of the player in seat i (named P0, P1…), or null for an empty seat. */
  constructor(stacks: readonly (number | null)[], overrides: Partial<HoldemConfig> = {}) {
    this.state = holdem.setup(config({ seats: Math.max(2, stacks.length), ...overrides }), SEED);
    stacks.forEach((chips, seat) => {
      if (chips !== null) this.sit(seat, chips);
    });
  }

  do(command: Command<HoldemAction>): readonly HoldemEvent[] {
    const before = structuredClone(this.state);
    const out = holdem.apply(this.state, command);
    if (!out.ok) throw new Error(`${JSON.stringify(command)} rejected: ${out.code} ${out.message}`);
    expect(this.state, 'apply must not mutate its input').toEqual(before);
    this.state = out.state;
    this.last = out.events;
    this.log.push(...out.events);
    return out.events;
  }

  /** Expects a rejection with `code` and the state left exactly as it was. */
  rejects(command: unknown, code: string): void {
    const before = structuredClone(this.state);
    const out = holdem.apply(this.state, command as Command<HoldemAction>);
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.code).toBe(code);
    expect(this.state).toEqual(before);
  }

  sit(seat: number, chips: number, name = `P${seat}`): void {
    this.do({ kind: 'sit', seat, player: `p${seat}`, name, chips });
  }

  /** Starts a hand; `deal` stacks the deck (hole cards in dealing order: first seat left of the button). */
  start(deal?: StackedDeal | readonly Card[]): readonly HoldemEvent[] {
    if (deal === undefined) return this.do({ kind: 'start' });
    const deck = Array.isArray(deal) ? deal : stackDeck(deal as StackedDeal);
    return this.do({ kind: 'start', deck });
  }

  /**
   * Starts a hand whose deck deals `hands[seat]` to each seat and `board` to the board, given where
   * the button will be (hole cards are dealt from the first seat left of the button). Asserts the
   * button landed there.
   */
  deal(
    button: number,
    hands: Readonly<Record<number, readonly [Card, Card]>>,
    board: readonly Card[] = [],
  ): readonly HoldemEvent[] {
    const n = this.state.config.seats;
    const seats = Object.keys(hands)
      .map(Number)
      .sort((a, b) => ((a - button - 1 + n) % n) - ((b - button - 1 + n) % n));
    const events = this.start({ holeCards: seats.map((s) => hands[s] as readonly [Card, Card]), board });
    expect(this.state.hand?.button).toBe(button);
    return events;
  }

  act(seat: number, action: HoldemAction): readonly HoldemEvent[] {
    return this.do({ kind: 'act', seat, action });
  }

  fold(seat: number): readonly HoldemEvent[] {
    return this.act(seat, { type: 'fold' });
  }
  check(seat: number): readonly HoldemEvent[] {
    return this.act(seat, { type: 'check' });
  }
  call(seat: number): readonly HoldemEvent[] {
    return this.act(seat, { type: 'call' });
  }
  bet(seat: number, amount: number): readonly HoldemEvent[] {
    return this.act(seat, { type: 'bet', amount });
  }
  raise(seat: number, to: number): readonly HoldemEvent[] {
    return this.act(seat, { type: 'raise', to });
  }
  allIn(seat: number): readonly HoldemEvent[] {
    return this.act(seat, { type: 'all_in' });
  }

  /** Everyone to act folds until the hand is over. */
  foldAround(): void {
    while (this.running) this.fold(this.toAct ?? -1);
  }

  /** Everyone to act checks (or folds when checking is not free) until the hand is over. */
  checkDown(): void {
    while (this.running) this.do({ kind: 'timeout', seat: this.toAct ?? -1 });
  }

  chips(seat: number): number {
    return this.state.seats[seat]?.chips ?? -1;
  }
  get toAct(): number | null {
    return this.state.hand?.toAct ?? null;
  }
  get running(): boolean {
    return holdem.status(this.state).inHand;
  }
  /** Events of a type from the last command. */
  lastOf<T extends HoldemEvent['type']>(type: T): Extract<HoldemEvent, { type: T }>[] {
    return this.last.filter((e): e is Extract<HoldemEvent, { type: T }> => e.type === type);
  }
  /** Events of a type from the whole log. */
  all<T extends HoldemEvent['type']>(type: T): Extract<HoldemEvent, { type: T }>[] {
    return this.log.filter((e): e is Extract<HoldemEvent, { type: T }> => e.type === type);
  }
}
