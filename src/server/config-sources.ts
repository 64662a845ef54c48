// Where each setting came from — a flag, an environment variable or the config file — so that a
// refusal names it ("port: expected a number (from PITBOSS_PORT)"), and the check for names that
// are no setting at all, with the nearest real one suggested ("unknown option --prot: did you mean
// --port?"). Runs before anything is created: a bad start-up writes nothing to disk.

import { closest, distance } from 'fastest-levenshtein';

/** One source of settings: its values, and how to name one of its settings to a person. */
export interface SettingSource {
  readonly values: Record<string, unknown>;
  /** How this source spells the setting at `path` ("--limits.max-frame-bytes", "PITBOSS_PORT"). */
  name(path: readonly string[]): string;
}

/** The sources of one configuration, the strongest first (flags, then environment, then file). */
export class SettingSources {
  readonly #sources: readonly SettingSource[];

  constructor(strongestFirst: readonly SettingSource[]) {
    this.#sources = strongestFirst;
  }

  /** How the winning value of `path` (or of the object containing it) was given, if it was. */
  origin(path: readonly (string | number | symbol)[]): string | undefined {
    const keys = path.filter((k): k is string => typeof k === 'string');
    for (let length = keys.length; length > 0; length--) {
      const prefix = keys.slice(0, length);
      for (const source of this.#sources)
        if (valueAt(source.values, prefix) !== undefined) return source.name(prefix);
    }
    return undefined;
  }

  /**
   * Every given setting that names no known one (`known`: dotted paths), each with the nearest
   * known name as its source spells it, when one is close enough to be a likely typo.
   */
  unknown(known: readonly string[]): string[] {
    const knownSet = new Set(known);
    const isKnown = (path: string) => knownSet.has(path) || known.some((k) => path.startsWith(`${k}.`));
    const problems: string[] = [];
    for (const source of this.#sources) {
      for (const path of leafPaths(source.values)) {
        const dotted = path.join('.');
        if (isKnown(dotted)) continue;
        const nearest = closest(dotted, [...known]);
        const close = distance(dotted, nearest) <= Math.max(2, Math.floor(dotted.length / 3));
        problems.push(
          `unknown option ${source.name(path)}` +
            (close ? `: did you mean ${source.name(nearest.split('.'))}?` : ' (see docs/operations.md)'),
        );
      }
    }
    return problems;
  }
}

/** `maxFrameBytes` → `max-frame-bytes`: how a flag spells a setting. */
export function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** `maxFrameBytes` → `MAX_FRAME_BYTES`: how an environment variable spells a setting. */
export function screaming(key: string): string {
  return kebab(key).replace(/-/g, '_').toUpperCase();
}

function valueAt(values: Record<string, unknown>, path: readonly string[]): unknown {
  let node: unknown = values;
  for (const key of path) {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** The paths to every value that is not a plain object. */
function leafPaths(values: Record<string, unknown>, prefix: readonly string[] = []): string[][] {
  return Object.entries(values).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? leafPaths(value as Record<string, unknown>, [...prefix, key])
      : [[...prefix, key]],
  );
}
