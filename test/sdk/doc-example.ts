// The bot example of docs/sdk.md, kept here so that the type checker keeps it correct.

import { WebSocket } from 'ws';
import { holdem, type HoldemAction } from '../../src/games/holdem/index.js';
import { PitbossClient, PitbossRequestError, TableClient } from '../../src/sdk/index.js';

export async function main(): Promise<void> {
  const client = new PitbossClient({ url: 'ws://localhost:8080/ws', WebSocket, clientName: 'simple-bot/1' });
  client.on('state', (state) => console.log('connection:', state));
  client.on('error', (error) => console.error(error.code, error.message));

  await client.connect();
  const { account, balance } = await client.request('auth.guest', { nickname: 'simple-bot' });
  console.log(`signed in as ${account.nickname} with ${balance} chips`);

  const { tables } = await client.request('lobby.list', { game: 'holdem', freeSeats: true, limit: 1 });
  const summary = tables[0];
  if (!summary) throw new Error('no Hold’em table with a free seat');

  const table = new TableClient(client, summary.id, holdem);
  table.subscribe((state, change) => {
    if (change.kind !== 'turn' || !state.legal) return;
    const legal = state.legal; // HoldemLegalActions, typed from the game module
    const action: HoldemAction = legal.check
      ? { type: 'check' }
      : legal.call !== null && legal.call <= summary.stake * 2
        ? { type: 'call' }
        : { type: 'fold' };
    table.act(action).catch((error: unknown) => {
      if (error instanceof PitbossRequestError) console.warn('refused:', error.code);
    });
  });
  const { seat } = await table.join(summary.minBuyIn);
  console.log(`sitting at ${summary.name}, seat ${seat}`);
}
