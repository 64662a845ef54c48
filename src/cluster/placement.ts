// Where a new table goes. Pure functions over the live members, so they are easy to test and to
// swap: least-loaded (default) spreads tables and players evenly; rendezvous hashing puts a given
// key on the same node as long as that node lives, and moves only its share when nodes come and go.
// Only `ready` members are candidates: a starting or draining node never receives a table.

import { createHash } from 'node:crypto';
import type { Member } from '../ports/registry.js';

export type PlacementName = 'least-loaded' | 'rendezvous';

export interface PlacementStrategy {
  /** The node for a new table with `key`, or null when no member is ready. */
  choose(members: readonly Member[], key: string, pending?: ReadonlyMap<string, number>): Member | null;
}

/** A member's load as one number: a table counts as much as six players. */
export function loadScore(member: Member, pending = 0): number {
  return member.load.tables + pending + member.load.players / 6;
}

export const leastLoaded: PlacementStrategy = {
  choose(members, _key, pending) {
    let best: Member | null = null;
    let bestScore = Number.POSITIVE_INFINITY;
    for (const m of members) {
      if (m.state !== 'ready') continue;
      const score = loadScore(m, pending?.get(m.nodeId) ?? 0);
      if (score < bestScore || (score === bestScore && best !== null && m.nodeId < best.nodeId)) {
        best = m;
        bestScore = score;
      }
    }
    return best;
  },
};

export const rendezvous: PlacementStrategy = {
  choose(members, key) {
    let best: Member | null = null;
    let bestWeight = '';
    for (const m of members) {
      if (m.state !== 'ready') continue;
      const weight = createHash('sha256').update(`${m.nodeId}\u0000${key}`).digest('hex');
      if (weight > bestWeight) {
        best = m;
        bestWeight = weight;
      }
    }
    return best;
  },
};

export function placementStrategy(name: PlacementName): PlacementStrategy {
  return name === 'rendezvous' ? rendezvous : leastLoaded;
}
