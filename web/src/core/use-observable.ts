// Hooks that re-render a component when an Observable (or anything with subscribe) changes.

import { useEffect, useState } from 'preact/hooks';
import type { Observable } from './observable.js';

export function useObservable<T>(source: Observable<T>): T {
  const [value, setValue] = useState(() => source.value);
  useEffect(() => {
    setValue(() => source.value);
    return source.subscribe((next) => setValue(() => next));
  }, [source]);
  return value;
}

/** Re-renders every `ms` while `active`: countdowns and "time ago" labels. */
export function useTicker(ms: number, active = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return undefined;
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms, active]);
  return now;
}
