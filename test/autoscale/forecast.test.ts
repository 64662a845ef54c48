// The forecast (seasonal naive with today's level): what it predicts from recorded days, and what
// it refuses to predict from.

import { describe, expect, it } from 'vitest';
import { forecastPlayers, type PlayersAt } from '../../src/autoscale/forecast.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const options = { seasonMs: DAY, lookaheadMs: 30 * MIN, seasons: 3 };

/** One point a minute over [from, to), players given by `shape(time of day in hours, day)`. */
function recorded(from: number, to: number, shape: (hour: number, day: number) => number): PlayersAt[] {
  const points: PlayersAt[] = [];
  for (let at = from; at < to; at += MIN)
    points.push({ at, players: Math.round(shape((at % DAY) / HOUR, Math.floor(at / DAY))) });
  return points;
}

/** 100 players until 19:00, 1,000 from 20:00 to 22:00, linear between. */
const evening = (hour: number) =>
  hour < 19 ? 100 : hour < 20 ? 100 + 900 * (hour - 19) : hour < 22 ? 1_000 : 100;

describe('the forecast', () => {
  it('predicts nothing before a whole season is recorded', () => {
    const history = recorded(0, 20 * HOUR, evening);
    expect(forecastPlayers(history, 20 * HOUR, 1_000, options)).toBeNull();
  });

  it("expects yesterday's peak within the lookahead, scaled by today's level", () => {
    const now = DAY + 19 * HOUR;
    // Today is 10 % busier than yesterday.
    const history = recorded(0, now, (hour, day) => evening(hour) * (day === 1 ? 1.1 : 1));
    const forecast = forecastPlayers(history, now, 110, options);
    // Yesterday 19:00–19:30 rose to 550, its five-minute level to about 512; × 1.1 ≈ 564.
    expect(forecast?.players).toBeGreaterThanOrEqual(555);
    expect(forecast?.players).toBeLessThanOrEqual(575);
    expect(forecast?.basis).toMatch(/last 1 day/);
  });

  it('takes the median over the recorded days, so one unusual day does not decide alone', () => {
    const now = 3 * DAY + 19 * HOUR + 30 * MIN;
    // Day 1 had a tournament: 5,000 players in the evening.
    const history = recorded(0, now, (hour, day) => (day === 1 && hour >= 19 ? 5_000 : evening(hour)));
    const forecast = forecastPlayers(history, now, 550, options);
    expect(forecast?.basis).toMatch(/last 3 day/);
    expect(forecast?.players).toBeGreaterThanOrEqual(950);
    expect(forecast?.players).toBeLessThanOrEqual(1_050);
  });

  it("clamps today's level to between half and twice the day's", () => {
    const now = DAY + 19 * HOUR;
    const history = recorded(0, now, evening);
    // Ten times yesterday's players now: the forecast grows at most twofold.
    expect(forecastPlayers(history, now, 1_000, options)?.players).toBeLessThanOrEqual(2 * 550 * 1.01);
    expect(forecastPlayers(history, now, 1, options)?.players).toBeGreaterThanOrEqual(
      Math.floor(0.5 * 550 * 0.9),
    );
  });

  it('skips a day whose recording has a gap in the lookahead window', () => {
    const now = DAY + 19 * HOUR;
    const history = recorded(0, now, evening).filter((p) => p.at < 19 * HOUR + 5 * MIN || p.at > 20 * HOUR);
    expect(forecastPlayers(history, now, 100, options)).toBeNull();
  });
});
