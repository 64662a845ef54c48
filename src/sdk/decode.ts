// Turns a received frame into a server message, checking the fields the SDK relies on. Payloads
// that belong to a game (views, events, legal actions) or to the server (ack results) are passed
// through as they are: the server and the game module own their shape.

import type { ServerMessage } from '../protocol/messages.js';

type Fields = Record<string, unknown>;

const decoder = new TextDecoder();

function text(data: unknown): string | null {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return decoder.decode(data);
  if (ArrayBuffer.isView(data))
    return decoder.decode(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  return null;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isSeq = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isRef = (v: unknown): boolean => isString(v) || isSeq(v);
const isClock = (v: unknown): boolean =>
  typeof v === 'object' &&
  v !== null &&
  isSeq((v as Fields).seat) &&
  typeof (v as Fields).deadline === 'number' &&
  Number.isFinite((v as Fields).deadline);

const isSeats = (v: unknown): boolean => Array.isArray(v) && v.every(isSeq);

/** Checks per message type; unknown types are rejected (a newer server would negotiate them at hello). */
const valid: Record<ServerMessage['type'], (m: Fields) => boolean> = {
  ack: (m) => isRef(m.ref) && 'result' in m,
  error: (m) => (m.ref === null || isRef(m.ref)) && isString(m.code) && isString(m.message),
  'table.view': (m) =>
    isString(m.table) &&
    isString(m.game) &&
    isSeq(m.seq) &&
    (m.seat === null || isSeq(m.seat)) &&
    'view' in m &&
    Array.isArray(m.clocks) &&
    m.clocks.every(isClock) &&
    (m.away === undefined || isSeats(m.away)) &&
    (m.paused === undefined || typeof m.paused === 'boolean'),
  'table.presence': (m) => isString(m.table) && isSeats(m.away),
  'table.paused': (m) => isString(m.table) && typeof m.paused === 'boolean',
  'table.event': (m) => isString(m.table) && isSeq(m.seq) && 'event' in m,
  'table.events': (m) => isString(m.table) && isSeq(m.seq) && Array.isArray(m.events) && m.events.length > 0,
  'table.turn': (m) =>
    isString(m.table) && isSeq(m.seq) && isSeq(m.seat) && 'legal' in m && typeof m.deadline === 'number',
  'table.closed': (m) => isString(m.table) && isString(m.reason),
  'lobby.update': (m) => typeof m.table === 'object' && m.table !== null,
  'lobby.remove': (m) => isString(m.table),
  wallet: (m) => typeof m.balance === 'number',
  notice: (m) => isString(m.message),
};

/** The message in `data`, or null when it is not a well-formed protocol v1 server message. */
export function decodeServerMessage(data: unknown): ServerMessage | null {
  const raw = text(data);
  if (raw === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const fields = parsed as Fields;
  const type = fields.type;
  if (!isString(type) || !Object.hasOwn(valid, type)) return null;
  return valid[type as ServerMessage['type']](fields) ? (parsed as ServerMessage) : null;
}
