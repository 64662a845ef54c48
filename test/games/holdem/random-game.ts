// A random-game driver for property tests: from a list of random integers it picks, step by step,
// a legal action, a timeout, a surely-illegal input or a seat change (sit, leave, sit out/in), and
// applies it, reporting each step to a checker.

import type { Command } from '../../../src/games/contract.js';
import {
  holdem,
  type HoldemAction,
  type HoldemConfig,
  type HoldemEvent,
  type HoldemState,
} from '../../../src/games/holdem/index.js';
import { Rng } from '../../../src/games/rng.js';

export interface Step {
  readonly before: HoldemState;
  readonly command: unknown;
  /** 'legal' = must be accepted; 'illegal' = must be rejected; 'any' = either. */
  readonly expect: 'legal' | 'illegal' | 'any';
  readonly outcome: ReturnType<typeof holdem.apply>;
}

export interface GameResult {
  readonly seed: string;
  readonly config: HoldemConfig;
  readonly accepted: readonly unknown[];
  readonly final: HoldemState;
  readonly handsEnded: number;
}

type Next = () => number;

function choose<T>(next: Next, items: readonly T[]): T {
  return items[next() % items.length] as T;
}

function legalCommand(state: HoldemState, seat: number, next: Next): Command<HoldemAction> {
  const legal = holdem.legalActions(state, seat);
  const options: HoldemAction[] = [];
  if (legal.fold) options.push({ type: 'fold' });
  if (legal.check) options.push({ type: 'check' }, { type: 'check' });
  if (legal.call !== null) options.push({ type: 'call' }, { type: 'call' }, { type: 'call' });
  const span = (min: number, max: number): number => {
    const r = next() % 4;
    return r === 0 ? min : r === 1 ? max : min + (next() % (max - min + 1));
  };
  if (legal.bet !== null) options.push({ type: 'bet', amount: span(legal.bet.min, legal.bet.max) });
  if (legal.raise !== null) options.push({ type: 'raise', to: span(legal.raise.min, legal.raise.max) });
  if (legal.allIn !== null && next() % 3 === 0) options.push({ type: 'all_in' });
  return { kind: 'act', seat, action: choose(next, options) };
}

/** Inputs that must be rejected whatever the state (given whose turn it is). */
function illegalCommand(state: HoldemState, seat: number | null, next: Next): unknown {
  const seats = state.config.seats;
  const other = seat === null ? 0 : (seat + 1 + (next() % (seats - 1))) % seats;
  const turn = seat ?? 0;
  const legal = seat === null ? null : holdem.legalActions(state, seat);
  const stack =
    (state.seats[turn]?.chips ?? 0) + (state.hand?.players.find((p) => p.seat === turn)?.bet ?? 0);
  const bad: unknown[] = [
    null,
    undefined,
    42,
    'start',
    [],
    {},
    { kind: 'dance' },
    { kind: 'act' },
    { kind: 'act', seat: '1', action: { type: 'fold' } },
    { kind: 'act', seat: seats, action: { type: 'fold' } },
    { kind: 'act', seat: -1, action: { type: 'fold' } },
    { kind: 'act', seat: 0.5, action: { type: 'fold' } },
    { kind: 'act', seat: other, action: { type: 'call' } },
    { kind: 'timeout', seat: other },
    { kind: 'act', seat: turn, action: null },
    { kind: 'act', seat: turn, action: { type: 'dance' } },
    { kind: 'act', seat: turn, action: { type: 'bet', amount: -5 } },
    { kind: 'act', seat: turn, action: { type: 'bet', amount: Number.NaN } },
    { kind: 'act', seat: turn, action: { type: 'raise', to: 10.5 } },
    { kind: 'act', seat: turn, action: { type: 'raise', to: Number.POSITIVE_INFINITY } },
    { kind: 'act', seat: turn, action: { type: 'bet', amount: '100' } },
    { kind: 'act', seat: turn, action: { type: 'raise', to: stack + 1 } },
    { kind: 'act', seat: turn, action: { type: 'bet', amount: stack + 1 } },
    { kind: 'act', seat: turn, action: { type: 'fold', extra: true } },
    { kind: 'sit', seat: turn, player: 'x', name: 'X', chips: Number.NaN },
    { kind: 'sit', seat: 0, player: '', name: 'X', chips: 100 },
  ];
  if (state.hand !== null && !state.hand.complete) bad.push({ kind: 'start' });
  if (legal !== null && legal.canAct) {
    if (!legal.check) bad.push({ kind: 'act', seat: turn, action: { type: 'check' } });
    if (legal.call === null) bad.push({ kind: 'act', seat: turn, action: { type: 'call' } });
    if (legal.bet === null) bad.push({ kind: 'act', seat: turn, action: { type: 'bet', amount: 1 } });
    if (legal.raise === null) bad.push({ kind: 'act', seat: turn, action: { type: 'raise', to: stack } });
    else if (legal.raise.min > 1)
      bad.push({ kind: 'act', seat: turn, action: { type: 'raise', to: legal.raise.min - 1 } });
    if (legal.allIn === null) bad.push({ kind: 'act', seat: turn, action: { type: 'all_in' } });
  }
  return choose(next, bad);
}

function seatCommand(state: HoldemState, next: Next): Command<HoldemAction> {
  const seats = state.config.seats;
  const seat = next() % seats;
  const kind = choose(next, ['sit', 'sit', 'leave', 'sit_out', 'sit_in', 'top_up', 'entropy'] as const);
  // A player's value for a deck: usually for the next hand, sometimes for another (refused).
  if (kind === 'entropy') {
    const hand = state.handNumber + choose(next, [1, 1, 1, 0, 2]);
    return { kind, seat, hand, value: (next() >>> 0).toString(16) };
  }
  const { minBuyIn, maxBuyIn } = state.config;
  // Sometimes past the maximum stack, sometimes a malformed amount: the engine must refuse both.
  if (kind === 'top_up') return { kind, seat, chips: choose(next, [1, minBuyIn, maxBuyIn, 0, -5, 2.5]) };
  if (kind !== 'sit') return { kind, seat };
  const chips = next() % 8 === 0 ? maxBuyIn + 1 : minBuyIn + (next() % (maxBuyIn - minBuyIn + 1));
  const id = `p${next() % (seats + 3)}`;
  return { kind: 'sit', seat, player: id, name: id.toUpperCase(), chips, bot: next() % 2 === 0 };
}

export function randomConfig(next: Next): HoldemConfig {
  const bigBlind = choose(next, [2, 10, 20, 100]);
  const ante = choose(next, [0, 0, 0, 1, Math.floor(bigBlind / 2), bigBlind]);
  const parsed = holdem.parseConfig({
    seats: choose(next, [2, 3, 4, 6, 6, 9, 10]),
    smallBlind: choose(next, [1, Math.floor(bigBlind / 2), bigBlind]),
    bigBlind,
    ante,
    bigBlindAnte: ante > 0 && next() % 2 === 0,
    minBuyIn: bigBlind * choose(next, [1, 5, 20]),
    maxBuyIn: bigBlind * choose(next, [20, 100, 300]),
  });
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.config;
}

/** Plays `steps` random commands on a table built from `ints`; `check` sees every step. */
export function randomGame(ints: readonly number[], steps: number, check: (step: Step) => void): GameResult {
  let i = 0;
  // The given integers first, then a deterministic stream so long games never run dry.
  const tail = Rng.fromSeed(('0'.repeat(56) + (ints[0] ?? 0).toString(16).padStart(8, '0')).slice(-64));
  const next: Next = () => (i < ints.length ? (ints[i++] as number) : tail.uint32());
  const seed = Array.from({ length: 8 }, () => (next() >>> 0).toString(16).padStart(8, '0')).join('');
  const cfg = randomConfig(next);
  let state = holdem.setup(cfg, seed);
  const accepted: unknown[] = [];
  let handsEnded = 0;
  const players = 2 + (next() % (cfg.seats - 1));
  const opening: Command<HoldemAction>[] = Array.from({ length: players }, (_, s) => ({
    kind: 'sit',
    seat: s,
    player: `p${s}`,
    name: `P${s}`,
    chips: cfg.minBuyIn + (next() % (cfg.maxBuyIn - cfg.minBuyIn + 1)),
  }));
  const run = (command: unknown, expect: Step['expect']): void => {
    const outcome = holdem.apply(state, command as Command<HoldemAction>);
    check({ before: state, command, expect, outcome });
    if (outcome.ok) {
      accepted.push(command);
      handsEnded += outcome.events.filter((e: HoldemEvent) => e.type === 'hand_ended').length;
      state = outcome.state;
    }
  };
  for (const c of opening) run(c, 'legal');
  for (let step = 0; step < steps; step++) {
    const status = holdem.status(state);
    const roll = next() % 100;
    const turn = status.toAct[0] ?? null;
    if (turn !== null) {
      if (roll < 72) run(legalCommand(state, turn, next), 'legal');
      else if (roll < 76) run({ kind: 'timeout', seat: turn }, 'legal');
      else if (roll < 90) run(illegalCommand(state, turn, next), 'illegal');
      else run(seatCommand(state, next), 'any');
    } else if (status.canStart && roll < 60) {
      run({ kind: 'start' }, 'legal');
    } else if (roll < 75) {
      run(seatCommand(state, next), 'any');
    } else {
      run(illegalCommand(state, null, next), 'illegal');
    }
  }
  return { seed, config: cfg, accepted, final: state, handsEnded };
}

/** Replays accepted commands from a fresh table with the same seed. */
export function replay(result: GameResult): HoldemState {
  let state = holdem.setup(result.config, result.seed);
  for (const command of result.accepted) {
    const out = holdem.apply(state, command as Command<HoldemAction>);
    if (!out.ok) throw new Error(`replay rejected ${JSON.stringify(command)}: ${out.code}`);
    state = out.state;
  }
  return state;
}
