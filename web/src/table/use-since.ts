// When did `key` last change (our clock)? Used to estimate other seats' turn timers, whose
// deadlines only their own connections are told.

import { useRef } from 'preact/hooks';

export function useSince(key: string | null): number | null {
  const seen = useRef<{ key: string | null; at: number }>({ key: null, at: 0 });
  if (seen.current.key !== key) seen.current = { key, at: Date.now() };
  return key === null ? null : seen.current.at;
}
