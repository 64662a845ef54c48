// What a frame that several sockets share costs to send, as a string per socket (each write
// measures, allocates and UTF-8 encodes it again) against one Buffer encoded once (SharedFrame,
// src/server/tables/fanout.ts). One process: a ws server on loopback and six ws clients reading
// what it sends; CPU time of the whole process per frame sent to all six, both ways alternately.
//
//   npx tsx bench/shared-frame.ts [frames per round, default 20000]

import { WebSocket, WebSocketServer } from 'ws';
import { median } from './lib/measure.js';

const RECIPIENTS = 6;
const ROUNDS = 6;
const frames = Number(process.argv[2] ?? 20_000);

const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
await new Promise<void>((resolve) => wss.once('listening', resolve));
const address = wss.address();
if (address === null || typeof address === 'string') throw new Error('expected a TCP address');
const serverSide: WebSocket[] = [];
wss.on('connection', (ws) => serverSide.push(ws));
let received = 0;
const clients = await Promise.all(
  Array.from(
    { length: RECIPIENTS },
    () =>
      new Promise<WebSocket>((resolve) => {
        const c = new WebSocket(`ws://127.0.0.1:${address.port}`, { perMessageDeflate: false });
        c.on('message', () => received++);
        c.once('open', () => resolve(c));
      }),
  ),
);
while (serverSide.length < RECIPIENTS) await new Promise((r) => setTimeout(r, 10));

// A table event of a typical size (~400 bytes).
const template = JSON.stringify({
  type: 'table.event',
  table: 'tbl_abcdefgh',
  seq: 0,
  event: {
    type: 'bet',
    seat: 3,
    amount: 120,
    stacks: [1000, 980, 450, 1230, 800, 770],
    note: 'x'.repeat(250),
  },
});
const TEXT_FRAME = { binary: false } as const;

async function round(shared: boolean): Promise<number> {
  received = 0;
  const start = process.cpuUsage();
  for (let i = 0; i < frames; i++) {
    const text = template.replace('"seq":0', `"seq":${i}`);
    if (shared) {
      const bytes = Buffer.from(text, 'utf8');
      for (const ws of serverSide) ws.send(bytes, TEXT_FRAME);
    } else {
      for (const ws of serverSide) ws.send(text);
    }
    // Let the clients read now and then, as a server's event loop would.
    if (i % 50 === 49) await new Promise((r) => setImmediate(r));
  }
  while (received < frames * RECIPIENTS) await new Promise((r) => setImmediate(r));
  const used = process.cpuUsage(start);
  return (used.user + used.system) / frames;
}

const results = { string: [] as number[], shared: [] as number[] };
for (let r = 0; r < ROUNDS; r++) {
  // Which goes first alternates from round to round, as in bench/lib/measure.ts.
  for (const shared of r % 2 === 0 ? [false, true] : [true, false])
    results[shared ? 'shared' : 'string'].push(await round(shared));
}
for (const [name, xs] of Object.entries(results))
  process.stdout.write(
    `${name.padEnd(7)} ${xs.map((x) => x.toFixed(1)).join(' ')}  median ${median(xs).toFixed(1)} µs of CPU per frame to ${RECIPIENTS} sockets (receivers included)\n`,
  );
process.stdout.write(`shared / string: ${(median(results.shared) / median(results.string)).toFixed(2)}\n`);
for (const c of clients) c.close();
wss.close();
