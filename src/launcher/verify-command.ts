// `pitboss verify`: checks a finished hand's deal (docs/fair-deals.md) — from a file (the record
// the browser's history panel downloads, or a `history.get` answer), or fetched by table and hand
// from a node as a guest would read it. Exit 0: the deal verifies; 1: it does not (each reason on
// its own line); 2: the input could not be read.

import { readFileSync } from 'node:fs';
import WebSocket from 'ws';
import { verifyHand, type DealVerdict } from '../games/verify-hand.js';
import { PitbossClient } from '../sdk/index.js';

export const VERIFY_USAGE = `pitboss verify — check that a hand was dealt from the deck its table committed to

Usage:
  pitboss verify FILE                         a hand record: the JSON the browser's history panel
                                              downloads ("Download record"), or a history.get answer
  pitboss verify TABLE:HAND [--url WS_URL]    fetch hand HAND of table TABLE from a node, as a guest
                                              (tables that allow spectators; default ws://127.0.0.1:8080/ws)
  --commitment HEX                            the commitment you were told before the hand: the
                                              record's must be the same

It recomputes the deck from the seed the record reveals, checks the seed against the commitment
every viewer was told before the deal, and checks every card the record shows against the deck.
Exit 0 when it all matches, 1 when anything does not (with the reasons), 2 when the input is unusable.
`;

const HAND_ID = /^([A-Za-z0-9_-]{1,64}):([1-9][0-9]{0,9})$/;

export async function runVerifyCommand(argv: string[], out: (line: string) => void): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    out(VERIFY_USAGE);
    return 0;
  }
  const [target, ...rest] = argv;
  if (target === undefined) {
    out(`pitboss verify: say which hand: a file, or TABLE:HAND\n\n${VERIFY_USAGE}`);
    return 2;
  }
  const id = HAND_ID.exec(target);
  let record: unknown;
  let options: { url: string; commitment?: string };
  try {
    options = parseOptions(rest, id !== null);
    record = id ? await fetchRecord(id[1] ?? '', Number(id[2]), options.url) : readRecordFile(target);
  } catch (error) {
    out(`pitboss verify: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const verdict = verifyHand(
    record,
    options.commitment === undefined ? {} : { commitment: options.commitment },
  );
  out(describe(verdict));
  return verdict.ok ? 0 : 1;
}

/** `--url` (a hand fetched by id only) and `--commitment`, each with its value; nothing else. */
function parseOptions(rest: readonly string[], byId: boolean): { url: string; commitment?: string } {
  let url = 'ws://127.0.0.1:8080/ws';
  let commitment: string | undefined;
  for (let i = 0; i < rest.length; i += 2) {
    const [flag, value] = [rest[i], rest[i + 1]];
    if (flag === '--url' && byId) {
      if (value === undefined || !/^wss?:\/\/\S+$/.test(value))
        throw new Error('--url needs a ws:// or wss:// address');
      url = value;
    } else if (flag === '--commitment') {
      if (value === undefined || !/^[0-9a-f]{64}$/.test(value))
        throw new Error('--commitment needs the 64 hex characters you were told');
      commitment = value;
    } else {
      throw new Error(`unknown option ${flag ?? ''}${flag === '--url' ? ' (only with TABLE:HAND)' : ''}`);
    }
  }
  return commitment === undefined ? { url } : { url, commitment };
}

/** The record inside whatever JSON the file holds: a bare record, `{record}`, or `{hand: {record}}`. */
function readRecordFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, {
      cause: error,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path} is not JSON`, { cause: error });
  }
  return unwrap(json);
}

function unwrap(json: unknown): unknown {
  if (typeof json !== 'object' || json === null) return json;
  const o = json as Record<string, unknown>;
  if ('record' in o) return o.record;
  if (typeof o.hand === 'object' && o.hand !== null && 'record' in o.hand)
    return (o.hand as Record<string, unknown>).record;
  return json;
}

async function fetchRecord(table: string, hand: number, url: string): Promise<unknown> {
  const client = new PitbossClient({ url, WebSocket, reconnect: false, requestTimeoutMs: 10_000 });
  try {
    await client.connect();
    await client.request('auth.guest', { nickname: 'verifier' });
    const reply = await client.request('history.get', { table, hand });
    return reply.hand.record;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(
      `cannot fetch hand ${hand} of table ${table} from ${url}: ${typeof code === 'string' ? `${code}: ` : ''}${why}`,
      {
        cause: error,
      },
    );
  } finally {
    client.close();
  }
}

function describe(verdict: DealVerdict): string {
  const what = `${verdict.game === 'hokm' ? 'Hokm' : verdict.game === 'holdem' ? "Hold'em" : 'record'}${verdict.hand === null ? '' : ` hand #${verdict.hand}`}`;
  const deal = verdict.deal;
  const facts = deal
    ? `  seed        ${deal.seed}\n  commitment  ${deal.commitment}\n  entropy     ${deal.entropy.length === 0 ? 'none' : deal.entropy.map((e) => `seat ${e.seat + 1}: ${e.value}`).join(', ')}\n`
    : '';
  if (verdict.ok)
    return `verified: ${what} was dealt from the deck its table committed to; every card shown matches.\n${facts}`;
  return `NOT verified: ${what}\n${facts}${verdict.problems.map((p) => `  - ${p}\n`).join('')}`;
}
