// The watch both Registry adapters share: poll the live members and report the difference since
// the last poll (joins, leaves, and updates — of state, address or load). Leases expire without anyone announcing it, so some polling is needed in any
// case; with a few nodes it is a handful of cheap reads a second.

import type { Subscription } from '../ports/bus.js';
import type { Member, MembershipChange, NodeLoad } from '../ports/registry.js';

export function watchMembers(
  list: () => Promise<Member[]>,
  listener: (change: MembershipChange) => void,
  pollMs: number,
  onError: (error: unknown) => void = () => undefined,
): Promise<Subscription> {
  let known = new Map<string, Member>();
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  const poll = async (): Promise<void> => {
    const now = new Map((await list()).map((m) => [m.nodeId, m]));
    if (stopped) return;
    for (const [nodeId, member] of now) {
      const before = known.get(nodeId);
      if (!before) listener({ kind: 'joined', member });
      else if (changed(before, member)) listener({ kind: 'updated', member });
    }
    for (const nodeId of known.keys()) if (!now.has(nodeId)) listener({ kind: 'left', nodeId });
    known = now;
  };
  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      poll().catch(onError).finally(schedule);
    }, pollMs);
  };

  return poll().then(() => {
    schedule();
    return {
      unsubscribe() {
        stopped = true;
        if (timer) clearTimeout(timer);
        return Promise.resolve();
      },
    };
  });
}

/** State, address or load differ (the load changes with nearly every heartbeat: placement reads it). */
function changed(before: Member, now: Member): boolean {
  if (before.state !== now.state || before.address !== now.address) return true;
  const a = before.load;
  const b = now.load;
  return (Object.keys(a) as (keyof NodeLoad)[]).some((key) => a[key] !== b[key]);
}
