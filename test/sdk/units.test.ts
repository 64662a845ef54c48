// The SDK's small pure parts: backoff delays, the watch book's verdicts, frame decoding.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/sdk/backoff.js';
import { decodeServerMessage } from '../../src/sdk/decode.js';
import { WatchBook } from '../../src/sdk/watches.js';

describe('backoffDelay', () => {
  const policy = fc.record({
    initialDelayMs: fc.integer({ min: 0, max: 10_000 }),
    maxDelayMs: fc.integer({ min: 0, max: 120_000 }),
    factor: fc.double({ min: 1, max: 4, noNaN: true }),
    jitter: fc.double({ min: 0, max: 1, noNaN: true }),
  });

  it('stays within [base·(1−jitter), base] with base = min(max, initial·factorⁿ) (property)', () => {
    fc.assert(
      fc.property(
        policy,
        fc.integer({ min: 0, max: 5_000 }),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        (p, n, r) => {
          const delay = backoffDelay(n, p, () => r);
          const base = p.initialDelayMs <= 0 ? 0 : Math.min(p.maxDelayMs, p.initialDelayMs * p.factor ** n);
          expect(Number.isFinite(delay)).toBe(true);
          expect(delay).toBeLessThanOrEqual(Math.ceil(base));
          expect(delay).toBeGreaterThanOrEqual(Math.floor(base * (1 - p.jitter)));
        },
      ),
    );
  });

  it('grows by the factor until the cap, without jitter', () => {
    const p = { initialDelayMs: 100, maxDelayMs: 1_000, factor: 2, jitter: 0 };
    expect([0, 1, 2, 3, 4, 5, 2_000].map((n) => backoffDelay(n, p, Math.random))).toEqual([
      100, 200, 400, 800, 1_000, 1_000, 1_000,
    ]);
  });
});

describe('WatchBook', () => {
  it('delivers the next seq, drops duplicates, reports gaps and unwatched tables', () => {
    const book = new WatchBook();
    expect(book.onEvent('t', 1)).toEqual({ kind: 'unwatched' });
    book.add('t');
    expect(book.onEvent('t', 1)).toEqual({ kind: 'gap' }); // no view yet
    book.onView('t', 4);
    expect(book.onEvent('t', 4)).toEqual({ kind: 'duplicate' });
    expect(book.onEvent('t', 5)).toEqual({ kind: 'deliver', skipped: 0 });
    expect(book.onEvent('t', 7)).toEqual({ kind: 'gap' });
    expect(book.lastSeq('t')).toBe(5);
  });

  it('after a vouched resume accepts one jump in seqs as skipped events, then detects gaps again', () => {
    const book = new WatchBook();
    book.onView('t', 5);
    book.vouch('t');
    expect(book.onEvent('t', 7)).toEqual({ kind: 'deliver', skipped: 1 });
    expect(book.onEvent('t', 9)).toEqual({ kind: 'gap' });
    book.vouch('t');
    expect(book.onEvent('t', 8)).toEqual({ kind: 'deliver', skipped: 0 });
    expect(book.onEvent('t', 10)).toEqual({ kind: 'gap' });
  });

  it('forgets its vouches when told the connection is gone: a jump after that is a gap', () => {
    const book = new WatchBook();
    book.onView('t', 0);
    book.vouch('t'); // that connection acked a resume from 0, then died before sending anything
    book.forgetVouches();
    expect(book.onEvent('t', 11)).toEqual({ kind: 'gap' });
    expect(book.lastSeq('t')).toBe(0);
  });

  it('allows one re-watch at a time and queues a fresh one asked for meanwhile', () => {
    const book = new WatchBook();
    book.onView('t', 3);
    expect(book.beginResync('t')).toEqual({ since: 3 });
    expect(book.beginResync('t')).toBeNull();
    expect(book.beginResync('t', true)).toBeNull();
    expect(book.endResync('t')).toBe(true); // the queued fresh request
    expect(book.beginResync('t', true)).toEqual({ since: undefined });
    expect(book.endResync('t')).toBe(false);
    expect(book.beginResync('unknown')).toBeNull();
  });
});

describe('decodeServerMessage', () => {
  it('accepts well-formed messages, as text or bytes', () => {
    const ack = { type: 'ack', ref: 3, result: { now: 1 } };
    expect(decodeServerMessage(JSON.stringify(ack))).toEqual(ack);
    expect(decodeServerMessage(new TextEncoder().encode(JSON.stringify(ack)))).toEqual(ack);
    const view = { type: 'table.view', table: 't', game: 'hokm', seq: 0, seat: null, view: {}, clocks: [] };
    expect(decodeServerMessage(JSON.stringify(view))).toEqual(view);
    const ticking = { ...view, clocks: [{ seat: 2, deadline: 1_700_000_000_000 }] };
    expect(decodeServerMessage(JSON.stringify(ticking))).toEqual(ticking);
  });

  it.each([
    ['not JSON', '{'],
    ['not an object', '[1]'],
    ['an unknown type', '{"type":"surprise"}'],
    ['an event without a seq', '{"type":"table.event","table":"t","event":{}}'],
    ['a negative seq', '{"type":"table.event","table":"t","seq":-1,"event":{}}'],
    ['an error without a code', '{"type":"error","ref":1,"message":"m"}'],
    ['an ack without a result', '{"type":"ack","ref":1}'],
    [
      'a view without clocks',
      '{"type":"table.view","table":"t","game":"hokm","seq":0,"seat":null,"view":{}}',
    ],
    [
      'a view with a malformed clock',
      '{"type":"table.view","table":"t","game":"hokm","seq":0,"seat":null,"view":{},"clocks":[{"seat":-1,"deadline":5}]}',
    ],
  ])('rejects %s', (_what, frame) => {
    expect(decodeServerMessage(frame)).toBeNull();
  });
});
