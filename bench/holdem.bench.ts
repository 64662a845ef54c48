// Hold'em engine throughput: full bot hands per second on 6-max tables (every decision goes through
// the seat's view, its legal actions and the Monte Carlo bot, every command through `apply`), and
// the engine alone replaying recorded hands — the cost a table owner pays per hand, and what a new
// owner pays to catch up after a failover.
//
// The two contenders run in alternating rounds in this one process (bench/lib/measure.ts); each
// rate is the median over rounds.

import type { Command } from '../src/games/contract.js';
import { holdem, playBotHand, type HoldemAction, type HoldemState } from '../src/games/holdem/index.js';
import { Rng } from '../src/games/rng.js';
import type { Bench, BenchOptions, BenchResult } from './lib/bench.js';
import { compare, formatRate } from './lib/measure.js';

type Cmd = Command<HoldemAction>;

const TABLES = 8;
const SEATS = 6;
const BUY_IN = 1000;

function seedOf(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0').repeat(8);
}

function mustApply(state: HoldemState, command: Cmd): HoldemState {
  const out = holdem.apply(state, command);
  if (!out.ok) throw new Error(`holdem bench: rejected ${JSON.stringify(command)}: ${out.code}`);
  return out.state;
}

function newTable(n: number): HoldemState {
  const parsed = holdem.parseConfig({
    seats: SEATS,
    smallBlind: 5,
    bigBlind: 10,
    minBuyIn: 200,
    maxBuyIn: BUY_IN,
  });
  if (!parsed.ok) throw new Error(parsed.message);
  let state = holdem.setup(parsed.config, seedOf(n));
  for (let seat = 0; seat < SEATS; seat++) {
    state = mustApply(state, {
      kind: 'sit',
      seat,
      player: `b${seat}`,
      name: `Bot ${seat}`,
      chips: BUY_IN,
      bot: true,
    });
  }
  return state;
}

/** Busted bots leave and sit down again with a fresh stack, so every table stays 6-handed. */
function rebuy(state: HoldemState): { state: HoldemState; commands: Cmd[] } {
  const commands: Cmd[] = [];
  for (const s of holdem.seats(state)) {
    if (s.chips > 0) continue;
    const leave: Cmd = { kind: 'leave', seat: s.seat };
    const sit: Cmd = { kind: 'sit', seat: s.seat, player: s.player, name: s.name, chips: BUY_IN, bot: true };
    state = mustApply(mustApply(state, leave), sit);
    commands.push(leave, sit);
  }
  return { state, commands };
}

interface Recorded {
  readonly before: HoldemState;
  readonly commands: readonly Cmd[];
  readonly after: HoldemState;
}

/** Plays one bot hand and returns the commands it took (for the replay contender). */
function recordHand(state: HoldemState, rng: Rng): Recorded {
  const rebought = rebuy(state);
  const before = rebought.state;
  const commands: Cmd[] = [...rebought.commands];
  let s = before;
  s = mustApply(s, { kind: 'start' });
  commands.push({ kind: 'start' });
  while (holdem.status(s).inHand) {
    const seat = holdem.status(s).toAct[0] ?? -1;
    const action = holdem.bot.decide(
      { view: holdem.view(s, seat), seat, legal: holdem.legalActions(s, seat) },
      rng,
    );
    s = mustApply(s, { kind: 'act', seat, action });
    commands.push({ kind: 'act', seat, action });
  }
  return { before: state, commands, after: s };
}

function measure({ rounds, roundMs, print }: BenchOptions): BenchResult {
  const rng = Rng.fromSeed(seedOf(0xb07));
  const tables = Array.from({ length: TABLES }, (_, i) => newTable(i + 1));

  // Recorded hands for the replay contender; replaying them must reproduce each state exactly.
  const recorded: Recorded[] = [];
  let recState = newTable(99);
  for (let i = 0; i < 400; i++) {
    const r = recordHand(recState, rng);
    recorded.push(r);
    recState = r.after;
  }
  let commands = 0;
  for (const r of recorded) {
    let s = r.before;
    for (const c of r.commands) s = mustApply(s, c);
    if (JSON.stringify(s) !== JSON.stringify(r.after)) throw new Error('holdem bench: replay differs');
    commands += r.commands.length;
  }
  const commandsPerHand = commands / recorded.length;
  print(
    `holdem: recorded ${recorded.length} 6-max bot hands (${commandsPerHand.toFixed(1)} commands/hand); replay reproduced each byte for byte`,
  );

  let decisions = 0;
  let handsPlayed = 0;
  let next = 0;
  const result = compare(
    [
      {
        name: 'bot hands (engine + bot)',
        run: (n) => {
          let x = 0;
          for (let i = 0; i < n; i++) {
            const t = next++ % TABLES;
            const out = playBotHand(rebuy(tables[t] as HoldemState).state, holdem.bot, rng);
            if (!out.ok) throw new Error(`holdem bench: bot action rejected: ${out.code}`);
            tables[t] = out.state;
            decisions += out.decisions;
            handsPlayed++;
            x ^= out.state.handNumber;
          }
          return x;
        },
      },
      {
        name: 'replayed hands (engine only)',
        run: (n) => {
          let x = 0;
          for (let i = 0; i < n; i++) {
            const r = recorded[i % recorded.length] as Recorded;
            let s = r.before;
            for (const c of r.commands) s = mustApply(s, c);
            x ^= s.handNumber;
          }
          return x;
        },
      },
    ],
    rounds,
    roundMs,
  );
  const [bots, engine] = result.contenders;
  if (bots === undefined || engine === undefined) throw new Error('holdem bench: missing results');
  const decisionsPerHand = decisions / Math.max(1, handsPlayed);
  const commandsPerSec = engine.median * commandsPerHand;
  print(
    `holdem: ${formatRate(bots.median)} bot hands/s (6-max, Monte Carlo bot, ${decisionsPerHand.toFixed(1)} decisions/hand; median of ${rounds} rounds)`,
  );
  print(
    `holdem: ${formatRate(engine.median)} hands/s replayed by the engine alone = ${formatRate(commandsPerSec)} commands/s (${(1e6 / commandsPerSec).toFixed(1)} µs/command)`,
  );
  return {
    summary: [
      `holdem: ${formatRate(bots.median)} full 6-max bot hands/s (engine + bot); engine alone ${formatRate(engine.median)} hands/s, ${(1e6 / commandsPerSec).toFixed(1)} µs/command`,
    ],
    metrics: {
      botHandsPerSec: bots.median,
      replayHandsPerSec: engine.median,
      commandsPerSec,
      decisionsPerHand,
      checksum: result.checksum,
    },
  };
}

const bench: Bench = {
  name: 'holdem',
  description: "Hold'em: full 6-max bot hands per second (engine + bot) and engine-only replay",
  run: (options) => Promise.resolve(measure(options)),
};

export default bench;
