// The server half of `npm run bench:floor`: the least any WebSocket game server must do per player
// action on bench:node's workload, and nothing more. It has no game, no validation, no timers, no
// metrics: each connection says which table it sits at; an action frame from a seat is parsed, made
// durable (mode `durable`: one append committed to a SQLite WAL file, the way Pitboss's table log is
// configured) and answered with one event frame to every seat at the table, an ack to the actor and
// a turn notice to the next seat, with the frames of one tick coalesced per socket like Pitboss's
// gateway does. Its CPU per action is the floor under Pitboss's figure on the same loopback harness.
//
// Run by bench/floor.ts as its own process: `tsx bench/node/floor-server.ts <mode> <eventBytes> <dir>`;
// prints `port <n>` once listening and stops when stdin closes.

import type { Socket } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { WebSocketServer, type WebSocket } from 'ws';

type Mode = 'relay' | 'durable';

const mode = (process.argv[2] ?? 'relay') as Mode;
const eventBytes = Number(process.argv[3] ?? 500);
const dir = process.argv[4] ?? '.';

interface Action {
  readonly t: number;
  readonly id: number;
  readonly a: string;
}

const isAction = (v: unknown): v is Action =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as Action).t === 'number' &&
  typeof (v as Action).id === 'number' &&
  typeof (v as Action).a === 'string';

function openLog(): ((table: number, seq: number, data: string) => void) | null {
  if (mode !== 'durable') return null;
  const db = new Database(join(dir, 'floor.db'));
  db.pragma('locking_mode = EXCLUSIVE');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('temp_store = MEMORY');
  db.pragma('wal_autocheckpoint = 10000');
  db.exec(
    'CREATE TABLE IF NOT EXISTS entries (ref INTEGER NOT NULL, seq INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (ref, seq))',
  );
  const insert = db.prepare<[number, number, string]>(
    'INSERT INTO entries (ref, seq, data) VALUES (?, ?, ?)',
  );
  const append = db.transaction((table: number, seq: number, data: string) => insert.run(table, seq, data));
  return (table, seq, data) => append.immediate(table, seq, data);
}

/** Frames sent to one socket within one tick leave in one write (as Pitboss's CoalescingWebSocket). */
function sendCoalesced(ws: WebSocket, data: string): void {
  const socket = (ws as unknown as { _socket?: Socket })._socket;
  const state = ws as unknown as { floorCorked?: boolean };
  if (socket && !state.floorCorked) {
    state.floorCorked = true;
    socket.cork();
    process.nextTick(() => {
      state.floorCorked = false;
      socket.uncork();
    });
  }
  ws.send(data);
}

const append = openLog();
const tables = new Map<number, WebSocket[]>();
const seqs = new Map<number, number>();
const padding = 'x'.repeat(Math.max(0, eventBytes - 120));

const wss = new WebSocketServer({
  host: '127.0.0.1',
  port: 0,
  perMessageDeflate: false,
  maxPayload: 64 * 1024,
});
wss.on('connection', (ws) => {
  let table = -1;
  ws.on('message', (raw) => {
    const text = Array.isArray(raw) ? Buffer.concat(raw).toString() : Buffer.from(raw as Buffer).toString();
    if (table < 0) {
      table = Number(text);
      const seats = tables.get(table) ?? [];
      seats.push(ws);
      tables.set(table, seats);
      return;
    }
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (!isAction(message)) return;
    const seq = (seqs.get(message.t) ?? 0) + 1;
    seqs.set(message.t, seq);
    append?.(message.t, seq, text);
    const seats = tables.get(message.t) ?? [];
    const event = JSON.stringify({
      type: 'table.event',
      table: `t${message.t}`,
      seq,
      event: { type: 'acted', action: message.a, pad: padding },
    });
    for (const seat of seats) sendCoalesced(seat, event);
    sendCoalesced(ws, JSON.stringify({ type: 'ack', id: message.id, seq }));
    const next = seats[(seats.indexOf(ws) + 1) % seats.length];
    if (next)
      sendCoalesced(
        next,
        JSON.stringify({ type: 'table.turn', table: `t${message.t}`, seq, legal: ['fold', 'call', 'raise'] }),
      );
  });
});
wss.on('listening', () => {
  const address = wss.address();
  process.stdout.write(`port ${typeof address === 'object' && address !== null ? address.port : 0}\n`);
});
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
