// A load curve for `pitboss autoscale --simulate`: CSV with a header row. The first column is the
// time — `minute` or `second` (from the start) —, then `players`, and optionally
// `tableCreationsPerMinute`, `seatQueue` and `errorRate` (0–1), e.g.
//
//   minute,players
//   0,150
//   60,900
//
// Rows must go forward in time. Pure: the caller reads the file.

import type { LoadPoint } from './simulate.js';

export class LoadCurveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LoadCurveError';
  }
}

const TIME_UNITS: Readonly<Record<string, number>> = {
  minute: 60_000,
  minutes: 60_000,
  second: 1000,
  seconds: 1000,
};
const OPTIONAL = ['tableCreationsPerMinute', 'seatQueue', 'errorRate'] as const;

export function parseLoadCurve(text: string): LoadPoint[] {
  const lines = text
    .split(/\r?\n/)
    .map((line, i) => ({ line: line.trim(), number: i + 1 }))
    .filter((l) => l.line !== '' && !l.line.startsWith('#'));
  const header = lines.shift();
  if (!header) throw new LoadCurveError('the file is empty: expected a header such as "minute,players"');
  const columns = header.line.split(',').map((c) => c.trim());
  const unit = TIME_UNITS[columns[0] ?? ''];
  if (unit === undefined)
    throw new LoadCurveError(
      `line ${header.number}: the first column must be "minute" or "second", not "${columns[0] ?? ''}"`,
    );
  if (!columns.includes('players')) throw new LoadCurveError(`line ${header.number}: no "players" column`);
  for (const c of columns.slice(1))
    if (c !== 'players' && !(OPTIONAL as readonly string[]).includes(c))
      throw new LoadCurveError(
        `line ${header.number}: unknown column "${c}" (known: players, ${OPTIONAL.join(', ')})`,
      );
  const points: LoadPoint[] = [];
  for (const { line, number } of lines) {
    const cells = line.split(',').map((c) => c.trim());
    if (cells.length !== columns.length)
      throw new LoadCurveError(`line ${number}: ${cells.length} values for ${columns.length} columns`);
    const row: Record<string, number> = {};
    columns.forEach((name, i) => {
      const value = Number(cells[i]);
      if (cells[i] === '' || !Number.isFinite(value) || value < 0)
        throw new LoadCurveError(`line ${number}: ${name} must be a number ≥ 0, got "${cells[i] ?? ''}"`);
      row[name] = value;
    });
    if ((row.errorRate ?? 0) > 1) throw new LoadCurveError(`line ${number}: errorRate is a share (0–1)`);
    const at = (row[columns[0] ?? ''] ?? 0) * unit;
    const previous = points[points.length - 1];
    if (previous && at <= previous.at) throw new LoadCurveError(`line ${number}: time must go forward`);
    points.push({
      at,
      players: row.players ?? 0,
      ...(row.tableCreationsPerMinute === undefined
        ? {}
        : { tableCreationsPerMinute: row.tableCreationsPerMinute }),
      ...(row.seatQueue === undefined ? {} : { seatQueue: row.seatQueue }),
      ...(row.errorRate === undefined ? {} : { errorRate: row.errorRate }),
    });
  }
  if (points.length === 0) throw new LoadCurveError('no rows after the header');
  return points;
}
