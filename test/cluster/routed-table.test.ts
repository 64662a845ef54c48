// The gateway's view of a table that can move: a command the old owner did not apply is sent on to
// the new owner; one whose outcome is unknown is never sent twice.

import { describe, expect, it } from 'vitest';
import { LinkClosedError, type NodeLink } from '../../src/cluster/node-link.js';
import type { NodeLinks } from '../../src/cluster/node-links.js';
import { RemoteTable } from '../../src/cluster/remote-table.js';
import { RoutedTable } from '../../src/cluster/routed-table.js';
import type { LinkRequest } from '../../src/cluster/link-protocol.js';

/** What an owner answers: a result, or an Error the link rejects with. */
type Answer = unknown;

/** Node links whose owners answer from a script, recording what each was asked. */
function scriptedLinks(script: Record<string, Answer[]>): {
  links: NodeLinks;
  asked: Record<string, string[]>;
} {
  const asked: Record<string, string[]> = {};
  const links = {
    link: (peer: string) =>
      Promise.resolve({
        request: (req: LinkRequest) => {
          (asked[peer] ??= []).push(req.op);
          const answer = script[peer]?.shift();
          return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
        },
        unwatch: () => undefined,
      } as unknown as NodeLink),
    watching: () => undefined,
    notWatching: () => undefined,
  } as unknown as NodeLinks;
  return { links, asked };
}

const MOVED = { ok: false, code: 'table/moved', message: 'moved' };
const NOT_FOUND = { ok: false, code: 'table/not_found', message: 'no table' };
const connection = { id: 's1', accountId: 'a1', send: () => undefined };

function routed(links: NodeLinks, owners: string[]): RoutedTable {
  const remote = (owner: string) => new RemoteTable('t-1', owner, links, () => undefined);
  const next = [...owners];
  return new RoutedTable('t-1', remote(next.shift()!), () => {
    const owner = next.shift();
    return Promise.resolve(owner === undefined ? null : remote(owner));
  });
}

describe('a routed table', () => {
  it('sends a command the old owner held and did not apply on to the new owner', async () => {
    const { links, asked } = scriptedLinks({ a: [MOVED], b: [{ ok: true, seq: 7 }] });
    expect(await routed(links, ['a', 'b']).act('acc', { type: 'call' })).toEqual({ ok: true, seq: 7 });
    expect(asked).toEqual({ a: ['act'], b: ['act'] });
  });

  it('sends a command that never left this node (the link was already closed) to the new owner', async () => {
    const { links, asked } = scriptedLinks({
      a: [new LinkClosedError('a', false)],
      b: [{ ok: true, seq: 3 }],
    });
    expect(await routed(links, ['a', 'b']).act('acc', { type: 'fold' })).toEqual({ ok: true, seq: 3 });
    expect(asked).toEqual({ a: ['act'], b: ['act'] });
  });

  it('never sends twice a command whose answer was lost after it was sent', async () => {
    const { links, asked } = scriptedLinks({
      a: [new LinkClosedError('a', true)],
      b: [{ ok: true, seq: 3 }],
    });
    expect(await routed(links, ['a', 'b']).act('acc', { type: 'fold' })).toMatchObject({
      ok: false,
      code: 'table/unavailable',
    });
    expect(asked).toEqual({ a: ['act'] });
  });

  it('retries a watch after a lost answer: watching twice is harmless', async () => {
    const { links, asked } = scriptedLinks({ a: [new LinkClosedError('a', true)], b: [{ ok: true }] });
    expect(await routed(links, ['a', 'b']).watch(connection, 4, null)).toBeNull();
    expect(asked).toEqual({ a: ['watch'], b: ['watch'] });
  });

  it('follows a stale cached owner, but takes not-found from the owner the Directory names', async () => {
    const stale = scriptedLinks({ a: [NOT_FOUND], b: [{ ok: true, seq: 1 }] });
    expect(await routed(stale.links, ['a', 'b']).act('acc', {})).toEqual({ ok: true, seq: 1 });
    const gone = scriptedLinks({ a: [NOT_FOUND], b: [NOT_FOUND] });
    expect(await routed(gone.links, ['a', 'a']).act('acc', {})).toEqual(NOT_FOUND);
    expect(gone.asked).toEqual({ a: ['act'] });
  });

  it('answers not-found for a table that moved and that nobody owns any more', async () => {
    const { links } = scriptedLinks({ a: [MOVED] });
    expect(await routed(links, ['a']).act('acc', {})).toMatchObject({ ok: false, code: 'table/not_found' });
  });

  it('passes a game’s own refusal straight through', async () => {
    const refusal = { ok: false, code: 'action/not_your_turn', message: 'wait' };
    const { links, asked } = scriptedLinks({ a: [refusal] });
    expect(await routed(links, ['a', 'b']).act('acc', {})).toEqual(refusal);
    expect(asked).toEqual({ a: ['act'] });
  });
});
