// Numbers as people read them.

const chipsFormat = new Intl.NumberFormat('en-US');

export function chips(amount: number): string {
  return chipsFormat.format(amount);
}

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit] ?? 'TB'}`;
}

export function duration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${s % 60}s`;
  const h = Math.floor(m / 60);
  return `${h}h ${m % 60}m`;
}

/** Milliseconds with sensible precision, or '–' when unknown. */
export function millis(ms: number | null): string {
  if (ms === null) return '–';
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

/** A player's name with "(bot)" once: the server may already have put it in the name. */
export function playerName(name: string, bot: boolean): string {
  return bot && !/\(bot\)\s*$/i.test(name) ? `${name} (bot)` : name;
}

/** Whether a bot badge adds anything to the name shown. */
export function needsBotBadge(name: string, bot: boolean): boolean {
  return bot && !/\bbot\b/i.test(name);
}
