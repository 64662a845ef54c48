// The Colyseus half of `npm run bench:peers`, in its own process so that its CPU is its own:
//
//   tsx bench/peers/colyseus-server.ts <patchRate ms | "turn"> <seats> <turnSeconds> <handDelayMs>
//
// Prints `port <n>` once listening. Each `stats` line on stdin is answered with one JSON line of the
// rooms' counters; it stops when stdin closes.

import { createInterface } from 'node:readline';
import type { AddressInfo } from 'node:net';
import { Server } from '@colyseus/core';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { HoldemRoom, roomStats, type HoldemRoomOptions } from './colyseus-holdem-room.js';

const [rate = 'turn', seats = '6', turnSeconds = '30', handDelayMs = '3000'] = process.argv.slice(2);
const options: HoldemRoomOptions = {
  patchRate: rate === 'turn' ? null : Number(rate),
  seats: Number(seats),
  turnSeconds: Number(turnSeconds),
  handDelayMs: Number(handDelayMs),
};

const transport = new WebSocketTransport({ perMessageDeflate: false });
const server = new Server({ transport, greet: false });
server.define('holdem', HoldemRoom, options);
await server.listen(0, '127.0.0.1');
const address = (
  transport as unknown as { server?: { address(): AddressInfo | string | null } }
).server?.address();
process.stdout.write(`port ${typeof address === 'object' && address !== null ? address.port : 0}\n`);

const input = createInterface({ input: process.stdin });
input.on('line', (line) => {
  if (line.trim() === 'stats') process.stdout.write(`stats ${JSON.stringify(roomStats)}\n`);
});
input.on('close', () => process.exit(0));
