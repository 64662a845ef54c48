// Hokm engine throughput: whole games played by four bots per second (every decision goes through
// the seat's view, its legal actions and the bot, every move through `apply`), and how fast the
// engine alone replays recorded games — what a new table owner does after a failover.
//
// Rounds run back to back in this one process; each rate is the median over rounds.

import { performance } from 'node:perf_hooks';
import type { Command } from '../src/games/contract.js';
import { hokm, type HokmAction, type HokmState } from '../src/games/hokm/index.js';
import { Rng } from '../src/games/rng.js';
import type { Bench, BenchOptions, BenchResult } from './lib/bench.js';
import { formatRate, median } from './lib/measure.js';

type Cmd = Command<HokmAction>;

function seedOf(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0').repeat(8);
}

function mustApply(state: HokmState, command: Cmd): HokmState {
  const out = hokm.apply(state, command);
  if (!out.ok) throw new Error(`hokm bench: rejected ${JSON.stringify(command)}: ${out.code}`);
  return out.state;
}

function seated(seed: string): { state: HokmState; commands: Cmd[] } {
  const parsed = hokm.parseConfig({ stake: 100, maxBuyIn: 1000 });
  if (!parsed.ok) throw new Error(parsed.message);
  let state = hokm.setup(parsed.config, seed);
  const commands: Cmd[] = [];
  for (let seat = 0; seat < 4; seat++) {
    const sit: Cmd = { kind: 'sit', seat, player: `p${seat}`, name: `Bot ${seat}`, chips: 1000, bot: true };
    state = mustApply(state, sit);
    commands.push(sit);
  }
  return { state, commands };
}

interface Played {
  readonly hands: number;
  readonly commands: Cmd[];
  readonly final: HokmState;
}

/** One game to 7 points, four bots, from a fresh table. */
function botGame(n: number): Played {
  const seed = seedOf(n);
  const table = seated(seed);
  const commands = table.commands;
  let state = table.state;
  const rng = Rng.fromSeed(seedOf(n ^ 0x5bd1e995));
  const start: Cmd = { kind: 'start' };
  state = mustApply(state, start);
  commands.push(start);
  while (state.game?.winner === null) {
    const seat = hokm.status(state).toAct[0];
    let command: Cmd = start;
    if (seat !== undefined) {
      const view = hokm.view(state, seat);
      const legal = hokm.legalActions(state, seat);
      command = { kind: 'act', seat, action: hokm.bot.decide({ view, seat, legal }, rng) };
    }
    state = mustApply(state, command);
    commands.push(command);
  }
  return { hands: state.handNumber, commands, final: state };
}

function replay(seed: string, config: HokmState['config'], commands: readonly Cmd[]): HokmState {
  let state = hokm.setup(config, seed);
  for (const c of commands) state = mustApply(state, c);
  return state;
}

interface Round {
  readonly games: number;
  readonly hands: number;
  readonly commands: number;
  readonly seconds: number;
}

function timeRounds(
  rounds: number,
  roundMs: number,
  work: (i: number) => { hands: number; commands: number },
): Round[] {
  const out: Round[] = [];
  let i = 0;
  for (let r = 0; r < rounds; r++) {
    let games = 0;
    let hands = 0;
    let commands = 0;
    const start = performance.now();
    let elapsed = 0;
    while (elapsed < roundMs || games < 3) {
      const done = work(i++);
      games++;
      hands += done.hands;
      commands += done.commands;
      elapsed = performance.now() - start;
    }
    out.push({ games, hands, commands, seconds: elapsed / 1000 });
  }
  return out;
}

function measure({ rounds, roundMs, print }: BenchOptions): BenchResult {
  // Warm-up, and a check that replay reproduces a bot game byte for byte before timing it.
  const recorded: Played[] = [];
  for (let i = 0; i < 40; i++) recorded.push(botGame(1_000_000 + i));
  for (const [i, game] of recorded.entries()) {
    const again = replay(seedOf(1_000_000 + i), game.final.config, game.commands);
    if (JSON.stringify(again) !== JSON.stringify(game.final)) throw new Error('hokm bench: replay differs');
  }
  print(`hokm: warmed up on ${recorded.length} bot games; replay reproduced each byte for byte`);

  const botRounds = timeRounds(rounds, roundMs, (i) => {
    const g = botGame(i);
    return { hands: g.hands, commands: g.commands.length };
  });
  const replayRounds = timeRounds(rounds, roundMs, (i) => {
    const g = recorded[i % recorded.length] as Played;
    replay(seedOf(1_000_000 + (i % recorded.length)), g.final.config, g.commands);
    return { hands: g.hands, commands: g.commands.length };
  });

  const rate = (rs: Round[], f: (r: Round) => number): number => median(rs.map((r) => f(r) / r.seconds));
  const gamesPerSec = rate(botRounds, (r) => r.games);
  const handsPerSec = rate(botRounds, (r) => r.hands);
  const actionsPerSec = rate(botRounds, (r) => r.commands);
  const replayCmdsPerSec = rate(replayRounds, (r) => r.commands);
  const replayGamesPerSec = rate(replayRounds, (r) => r.games);
  const totalGames = botRounds.reduce((s, r) => s + r.games, 0);
  const totalHands = botRounds.reduce((s, r) => s + r.hands, 0);

  const headline =
    `hokm: ${formatRate(gamesPerSec)} full bot games/s (to 7 points; ${formatRate(handsPerSec)} hands/s, ` +
    `${formatRate(actionsPerSec)} commands/s incl. view + bot; median of ${rounds} rounds)`;
  const replayLine =
    `hokm: replay ${formatRate(replayCmdsPerSec)} commands/s = ${(1e6 / replayCmdsPerSec).toFixed(1)} µs/command ` +
    `(${formatRate(replayGamesPerSec)} games/s, apply only)`;
  print(headline);
  print(replayLine);
  print(`hokm: ${totalGames} timed games, ${(totalHands / totalGames).toFixed(1)} hands per game on average`);
  return {
    summary: [headline, replayLine],
    metrics: { gamesPerSec, handsPerSec, actionsPerSec, replayCmdsPerSec, replayGamesPerSec },
  };
}

const bench: Bench = {
  name: 'hokm',
  description: 'full Hokm bot games simulated per second, and replay speed of recorded games',
  run: (options) => Promise.resolve(measure(options)),
};

export default bench;
