// The TableStore with the real game modules: bots play Hold'em and Hokm in-process, every event is
// projected per viewer as the server does and fed to one store per seat and one for a spectator.
// After every command each store's view must equal the game's own view for that viewer, and the
// stores of exactly the seats to act must hold legal actions.
import { describe, expect, it } from 'vitest';
import type { Command, GameModule, Viewer } from '../../src/games/contract.js';
import { holdem } from '../../src/games/holdem/index.js';
import { hokm } from '../../src/games/hokm/index.js';
import { Rng } from '../../src/games/rng.js';
import { TableStore } from '../../src/sdk/index.js';

const SEED = '00'.repeat(31) + '2a';

function playAndWatch<Cfg, S, A, E extends { readonly type: string }, V, EV, L>(
  game: GameModule<Cfg, S, A, E, V, EV, L>,
  configInput: unknown,
  players: number,
  buyIn: number,
  commands: number,
): { events: number; hands: number } {
  const parsed = game.parseConfig(configInput);
  if (!parsed.ok) throw new Error(parsed.message);
  let state = game.setup(parsed.config, SEED);
  const rng = Rng.fromSeed('11'.repeat(32));
  const viewers: Viewer[] = [...Array.from({ length: players }, (_, seat) => seat), 'spectator'];
  const stores = viewers.map((viewer) => {
    const store = new TableStore({ table: 't', game });
    const seat = viewer === 'spectator' ? null : viewer;
    store.handle({
      type: 'table.view',
      table: 't',
      game: 'holdem',
      seq: 0,
      seat,
      view: game.view(state, viewer),
      clocks: [],
    });
    return { viewer, store };
  });
  let seq = 0;
  let hands = 0;

  const commit = (command: Command<A>): void => {
    const out = game.apply(state, command);
    if (!out.ok) throw new Error(`${out.code}: ${out.message}`);
    state = out.state;
    for (const event of out.events) {
      seq += 1;
      if (event.type === 'hand_ended') hands += 1;
      for (const { viewer, store } of stores) {
        store.handle({ type: 'table.event', table: 't', seq, event: game.viewEvent(event, viewer) });
      }
    }
    const toAct = game.status(state).toAct;
    for (const { viewer, store } of stores) {
      if (viewer !== 'spectator' && toAct.includes(viewer)) {
        const legal = game.legalActions(state, viewer);
        store.handle({ type: 'table.turn', table: 't', seq, seat: viewer, legal, deadline: 0 });
      }
      expect(store.state.seq).toBe(seq);
      expect(store.state.view).toEqual(game.view(state, viewer));
      expect(store.isMyTurn).toBe(viewer !== 'spectator' && toAct.includes(viewer));
    }
  };

  for (let seat = 0; seat < players; seat++) {
    commit({ kind: 'sit', seat, player: `p${seat}`, name: `P${seat}`, chips: buyIn });
  }
  for (let i = 0; i < commands; i++) {
    const status = game.status(state);
    const seat = status.toAct[0];
    if (seat !== undefined) {
      const mine = stores.find((s) => s.viewer === seat)!.store.state;
      // The bot decides from what its store holds, exactly as a remote bot would.
      const action = game.bot.decide({ view: mine.view!, seat, legal: mine.legal! }, rng);
      commit({ kind: 'act', seat, action });
    } else if (status.canStart) {
      commit({ kind: 'start' });
    } else {
      break;
    }
  }
  return { events: seq, hands };
}

describe('TableStore with the real games', () => {
  it('keeps every Hold’em viewer’s view equal to the game’s view through bot-played hands', () => {
    const config = { seats: 4, smallBlind: 1, bigBlind: 2, minBuyIn: 40, maxBuyIn: 200 };
    const { events, hands } = playAndWatch(holdem, config, 4, 100, 300);
    expect(hands).toBeGreaterThan(3);
    expect(events).toBeGreaterThan(100);
  });

  it('keeps every Hokm viewer’s view equal to the game’s view through a bot-played game', () => {
    const { events, hands } = playAndWatch(hokm, { targetScore: 2, stake: 10 }, 4, 100, 400);
    expect(hands).toBeGreaterThan(0);
    expect(events).toBeGreaterThan(50);
  });
});
