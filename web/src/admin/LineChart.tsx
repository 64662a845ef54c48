// A small SVG line chart: one or two series over time, auto-scaled, with the latest value in the
// legend and the times of its first and last samples under it. The numbers are in the accessible
// name; the drawing is decoration.

import type { Point } from './series.js';

export interface ChartSeries {
  readonly label: string;
  readonly points: readonly Point[];
  readonly className: string;
}

const W = 300;
const H = 90;
const PAD = 4;

function path(points: readonly Point[], t0: number, t1: number, max: number): string {
  let d = '';
  let pen = false;
  for (const p of points) {
    if (p.v === null) {
      pen = false;
      continue;
    }
    const x = PAD + ((p.t - t0) / Math.max(1, t1 - t0)) * (W - 2 * PAD);
    const y = H - PAD - (p.v / max) * (H - 2 * PAD);
    d += `${pen ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`;
    pen = true;
  }
  return d;
}

export function LineChart(props: {
  readonly title: string;
  readonly series: readonly ChartSeries[];
  readonly format: (v: number) => string;
}) {
  const all = props.series.flatMap((s) => s.points);
  const values = all.map((p) => p.v).filter((v): v is number => v !== null);
  const max = Math.max(1e-9, ...values) * 1.1;
  const t0 = Math.min(...all.map((p) => p.t));
  const t1 = Math.max(...all.map((p) => p.t));
  const last = (s: ChartSeries) => {
    for (let i = s.points.length - 1; i >= 0; i--) {
      const v = s.points[i]?.v;
      if (v !== null && v !== undefined) return props.format(v);
    }
    return '–';
  };
  const summary = props.series.map((s) => `${s.label} ${last(s)}`).join(', ');
  return (
    <figure class="chart">
      <figcaption>
        <span class="chart-title">{props.title}</span>
        {props.series.map((s) => (
          <span key={s.label} class={`legend ${s.className}`}>
            {s.label} {last(s)}
          </span>
        ))}
      </figcaption>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`${props.title}: ${summary}`}
        preserveAspectRatio="none"
      >
        <line x1={PAD} x2={W - PAD} y1={H - PAD} y2={H - PAD} class="axis" />
        {all.length > 1 &&
          props.series.map((s) => (
            <path key={s.label} d={path(s.points, t0, t1, max)} class={`line ${s.className}`} />
          ))}
        {props.series.map((s) => {
          // The newest value as a dot, so a series with a single point is visible too.
          const p = s.points.at(-1);
          if (p?.v === null || p?.v === undefined) return null;
          const x = PAD + (t1 > t0 ? ((p.t - t0) / (t1 - t0)) * (W - 2 * PAD) : W - 2 * PAD);
          const y = H - PAD - (p.v / max) * (H - 2 * PAD);
          return <circle key={`${s.label}-dot`} cx={x} cy={y} r={2.5} class={`dot ${s.className}`} />;
        })}
        <text x={W - PAD} y={12} text-anchor="end" class="scale">
          {props.format(max / 1.1)}
        </text>
      </svg>
      {all.length > 0 && (
        // Under the drawing, not in it: the SVG stretches to its box, text in it would too.
        <div class="time-axis" data-testid="time-axis">
          <time dateTime={new Date(t0).toISOString()}>{clock(t0)}</time>
          <time dateTime={new Date(t1).toISOString()}>{clock(t1)}</time>
        </div>
      )}
    </figure>
  );
}

/** "14:03:27": the wall-clock time of a sample. */
function clock(t: number): string {
  return new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}
