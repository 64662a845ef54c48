// Where a CPU profile's time went: self time per function and per area of the code (Pitboss's own
// directories, each npm package, Node's internals, GC), to name the top costs.

import type { CpuProfile } from './inspector.js';

export interface CostLine {
  readonly name: string;
  readonly selfMs: number;
  readonly percent: number;
}

export interface ProfileSummary {
  /** Busy time sampled (idle excluded); percentages are of this. */
  readonly totalMs: number;
  readonly idleMs: number;
  readonly functions: readonly CostLine[];
  readonly areas: readonly CostLine[];
}

export function summarizeProfile(profile: CpuProfile, top = 25): ProfileSummary {
  // Self time per node from the samples and their time deltas (µs).
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const id = samples[i];
    // timeDeltas[i] is the time before sample i; the sample's own span is the next delta.
    const span = deltas[i + 1] ?? 0;
    if (id !== undefined) selfUs.set(id, (selfUs.get(id) ?? 0) + span);
  }
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    if (us === 0) continue;
    const f = node.callFrame;
    if (f.functionName === '(idle)') {
      idle += us;
      continue;
    }
    total += us;
    const where = f.url === '' ? '' : ` ${shortUrl(f.url)}:${f.lineNumber + 1}`;
    const fn = `${f.functionName === '' ? '(anonymous)' : f.functionName}${where}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    const area = areaOf(f.url, f.functionName);
    byArea.set(area, (byArea.get(area) ?? 0) + us);
  }
  const lines = (m: Map<string, number>, n: number): CostLine[] =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => ({
        name,
        selfMs: Math.round(us / 100) / 10,
        percent: total > 0 ? Math.round((1000 * us) / total) / 10 : 0,
      }));
  return {
    totalMs: Math.round(total / 1000),
    idleMs: Math.round(idle / 1000),
    functions: lines(byFunction, top),
    areas: lines(byArea, top),
  };
}

function shortUrl(url: string): string {
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) return url.slice(nm + 'node_modules/'.length);
  const src = url.lastIndexOf('/src/');
  if (src >= 0) return url.slice(src + 1);
  return url.replace(/^file:\/\//, '');
}

function areaOf(url: string, functionName: string): string {
  if (url === '') {
    if (functionName === '(garbage collector)') return 'GC';
    if (functionName === '(program)') return functionName;
    return 'native / V8 builtins';
  }
  if (url.startsWith('node:')) return `node: ${url.slice(5).split('/')[0] ?? url}`;
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return `npm: ${rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1] ?? ''}` : (rest[0] ?? '')}`;
  }
  const src = url.lastIndexOf('/src/');
  if (src >= 0) {
    const parts = url.slice(src + 1).split('/');
    return parts.slice(0, Math.min(3, parts.length - 1)).join('/');
  }
  return url;
}

export interface LongTask {
  /** ms from the start of the profile. */
  readonly atMs: number;
  readonly durationMs: number;
  /** Functions on the stack for most of the task (inclusive time, % of the task). */
  readonly top: readonly CostLine[];
}

/**
 * Stretches of back-to-back busy samples of at least `minMs`: the event loop was blocked that long.
 * For each, the functions that were on the stack for most of it name the cause.
 */
export function longTasks(profile: CpuProfile, minMs = 30, limit = 10): LongTask[] {
  const parent = new Map<number, number>();
  const byId = new Map<number, CpuProfile['nodes'][number]>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const tasks: LongTask[] = [];
  let t = 0;
  let start = -1;
  let startAt = 0;
  const close = (end: number, endAt: number) => {
    const duration = (endAt - startAt) / 1000;
    if (start >= 0 && duration >= minMs) {
      const inclusive = new Map<string, number>();
      for (let i = start; i < end; i++) {
        const seen = new Set<string>();
        for (let id: number | undefined = samples[i]; id !== undefined; id = parent.get(id)) {
          const f = byId.get(id)?.callFrame;
          if (!f || f.functionName === '(root)') continue;
          const name = `${f.functionName === '' ? '(anonymous)' : f.functionName}${f.url === '' ? '' : ` ${shortUrl(f.url)}`}`;
          if (seen.has(name)) continue;
          seen.add(name);
          inclusive.set(name, (inclusive.get(name) ?? 0) + (deltas[i + 1] ?? 0));
        }
      }
      const totalUs = endAt - startAt;
      tasks.push({
        atMs: Math.round(startAt / 1000),
        durationMs: Math.round(duration),
        top: [...inclusive.entries()]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 8)
          .map(([name, us]) => ({
            name,
            selfMs: Math.round(us / 1000),
            percent: Math.round((100 * us) / totalUs),
          })),
      });
    }
    start = -1;
  };
  for (let i = 0; i < samples.length; i++) {
    t += deltas[i] ?? 0;
    const f = byId.get(samples[i] ?? -1)?.callFrame;
    const idle = f?.functionName === '(idle)';
    if (!idle && start < 0) {
      start = i;
      startAt = t;
    } else if (idle && start >= 0) close(i, t);
  }
  if (start >= 0) close(samples.length, t);
  return tasks.sort((a, b) => b.durationMs - a.durationMs).slice(0, limit);
}
