// Small self-contained SVG line charts for the HTML report: no scripts, no CDN, readable when the
// file is opened straight from disk or attached to an issue.

export interface ChartSeries {
  readonly name: string;
  readonly color: string;
  /** [x, y] points; a null y breaks the line. */
  readonly points: readonly (readonly [number, number | null])[];
  readonly dashed?: boolean;
}

export interface ChartOptions {
  readonly title: string;
  readonly series: readonly ChartSeries[];
  readonly xLabel: string;
  readonly yLabel: string;
  readonly width?: number;
  readonly height?: number;
  /** Tick positions and labels on x; by default 6 even ticks. */
  readonly xTicks?: readonly (readonly [number, string])[];
  readonly yFormat?: (v: number) => string;
  /** A horizontal reference line (e.g. the 50 ms target). */
  readonly threshold?: { readonly y: number; readonly label: string };
}

/** The stylesheet the charts' classes need: put it in the page's <style>. */
export const CHART_CSS = `svg .title{font-weight:600;font-size:13px} svg text{font-size:11px;fill:#334155}
svg .ytick{text-anchor:end} svg .xtick,svg .axis{text-anchor:middle} svg .empty{text-anchor:middle;fill:#94a3b8}
svg .grid{stroke:#e2e8f0} svg .frame{fill:none;stroke:#cbd5e1}
svg .threshold{stroke:#dc2626;stroke-dasharray:2 3} svg .threshold-label{fill:#dc2626;text-anchor:end}`;

const PAD = { left: 64, right: 16, top: 34, bottom: 44 };

export function lineChart(o: ChartOptions): string {
  const width = o.width ?? 760;
  const height = o.height ?? 260;
  const plotW = width - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const xs: number[] = [];
  const ys: number[] = [];
  for (const s of o.series)
    for (const [x, y] of s.points) {
      xs.push(x);
      if (y !== null && Number.isFinite(y)) ys.push(y);
    }
  if (o.threshold) ys.push(o.threshold.y);
  const title = `<text x="${PAD.left}" y="20" class="title">${esc(o.title)}</text>`;
  if (xs.length === 0 || ys.length === 0)
    return svg(
      width,
      height,
      `${title}<text x="${width / 2}" y="${height / 2}" class="empty">no data</text>`,
    );
  const xMin = Math.min(...xs);
  const xMax = Math.max(...xs) === xMin ? xMin + 1 : Math.max(...xs);
  const yMax = niceCeil(Math.max(...ys) * 1.05);
  const fx = (x: number) => PAD.left + ((x - xMin) / (xMax - xMin)) * plotW;
  const fy = (y: number) => PAD.top + plotH - (y / yMax) * plotH;
  const fmt = o.yFormat ?? compact;
  const parts: string[] = [title];
  for (let i = 0; i <= 4; i++) {
    const v = (yMax * i) / 4;
    const y = fy(v);
    parts.push(`<line x1="${PAD.left}" x2="${PAD.left + plotW}" y1="${y}" y2="${y}" class="grid"/>`);
    parts.push(`<text x="${PAD.left - 6}" y="${y + 4}" class="ytick">${esc(fmt(v))}</text>`);
  }
  const xTicks =
    o.xTicks ??
    Array.from({ length: 6 }, (_, i) => xMin + ((xMax - xMin) * i) / 5).map((v) => [v, compact(v)] as const);
  for (const [v, label] of xTicks) {
    if (v < xMin || v > xMax) continue;
    parts.push(`<text x="${fx(v)}" y="${PAD.top + plotH + 16}" class="xtick">${esc(label)}</text>`);
  }
  parts.push(
    `<text x="${PAD.left + plotW / 2}" y="${height - 6}" class="axis">${esc(o.xLabel)}</text>`,
    `<text transform="translate(14 ${PAD.top + plotH / 2}) rotate(-90)" class="axis">${esc(o.yLabel)}</text>`,
    `<rect x="${PAD.left}" y="${PAD.top}" width="${plotW}" height="${plotH}" class="frame"/>`,
  );
  if (o.threshold && o.threshold.y <= yMax) {
    const y = fy(o.threshold.y);
    parts.push(
      `<line x1="${PAD.left}" x2="${PAD.left + plotW}" y1="${y}" y2="${y}" class="threshold"/>`,
      `<text x="${PAD.left + plotW - 4}" y="${y - 4}" class="threshold-label">${esc(o.threshold.label)}</text>`,
    );
  }
  for (const s of o.series) {
    const d = path(s.points, fx, fy);
    if (d !== '')
      parts.push(
        `<path d="${d}" fill="none" stroke="${s.color}" stroke-width="1.8"${s.dashed ? ' stroke-dasharray="5 3"' : ''}/>`,
      );
  }
  // Legend entries left to right inside the plot, wrapping to a new row when one would not fit.
  let lx = PAD.left + 4;
  let ly = PAD.top + 4;
  const legend: string[] = [];
  for (const s of o.series) {
    const w = 24 + s.name.length * 6.5;
    if (lx > PAD.left + 4 && lx + w > PAD.left + plotW) {
      lx = PAD.left + 4;
      ly += 14;
    }
    legend.push(
      `<rect x="${lx}" y="${ly}" width="10" height="10" fill="${s.color}"/><text x="${lx + 14}" y="${ly + 9}" class="legend">${esc(s.name)}</text>`,
    );
    lx += w;
  }
  parts.push(...legend);
  return svg(width, height, parts.join(''));
}

function path(
  points: readonly (readonly [number, number | null])[],
  fx: (x: number) => number,
  fy: (y: number) => number,
): string {
  let d = '';
  let pen = false;
  for (const [x, y] of points) {
    if (y === null || !Number.isFinite(y)) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${fx(x).toFixed(1)} ${fy(y).toFixed(1)}`;
    pen = true;
  }
  return d;
}

function svg(width: number, height: number, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img">${body}</svg>`;
}

/** 1, 2, 2.5, 5 × 10ⁿ at or above `v`. */
function niceCeil(v: number): number {
  if (v <= 0) return 1;
  const exp = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * exp >= v) return m * exp;
  return 10 * exp;
}

export function compact(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e9) return `${trim(v / 1e9)}G`;
  if (a >= 1e6) return `${trim(v / 1e6)}M`;
  if (a >= 1e4) return `${trim(v / 1e3)}k`;
  return trim(v);
}

function trim(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(Math.abs(v) >= 10 ? 0 : Math.abs(v) >= 1 ? 1 : 2);
}

export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
