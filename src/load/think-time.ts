// How long a bot "thinks" before acting: a distribution given on the command line as text, so a run
// can model fast bots (`fixed:50`) or people (`lognormal:1500:0.5`, the default). Samples are clamped
// into [min, max] so that nobody runs into the table's turn timer by accident.

export type ThinkSpec =
  | { readonly kind: 'fixed'; readonly ms: number }
  | { readonly kind: 'uniform'; readonly minMs: number; readonly maxMs: number }
  /** Exponential with this mean: memoryless, many quick decisions and a long tail. */
  | { readonly kind: 'exp'; readonly meanMs: number }
  /** Log-normal with this median and shape σ: how human reaction and decision times are usually modelled. */
  | { readonly kind: 'lognormal'; readonly medianMs: number; readonly sigma: number };

export class ThinkSpecError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ThinkSpecError';
  }
}

const FORMS = 'fixed:MS | uniform:MIN:MAX | exp:MEAN | lognormal:MEDIAN:SIGMA';

/** `fixed:800`, `uniform:500:3000`, `exp:1500`, `lognormal:1500:0.5` (milliseconds). */
export function parseThinkSpec(text: string): ThinkSpec {
  const [kind = '', ...rest] = text.trim().split(':');
  const nums = rest.map(Number);
  const bad = (why: string): never => {
    throw new ThinkSpecError(`think time "${text}": ${why} (forms: ${FORMS})`);
  };
  if (nums.some((n) => !Number.isFinite(n) || n < 0)) bad('numbers must be finite and ≥ 0');
  const [a, b] = nums;
  switch (kind) {
    case 'fixed':
      if (nums.length !== 1 || a === undefined) return bad('fixed takes one number');
      return { kind, ms: a };
    case 'uniform':
      if (nums.length !== 2 || a === undefined || b === undefined || b < a)
        return bad('uniform takes MIN:MAX with MIN ≤ MAX');
      return { kind, minMs: a, maxMs: b };
    case 'exp':
      if (nums.length !== 1 || a === undefined || a <= 0) return bad('exp takes one mean > 0');
      return { kind, meanMs: a };
    case 'lognormal':
      if (nums.length !== 2 || a === undefined || b === undefined || a <= 0)
        return bad('lognormal takes MEDIAN:SIGMA with MEDIAN > 0');
      return { kind, medianMs: a, sigma: b };
    default:
      return bad(`unknown distribution "${kind}"`);
  }
}

export function formatThinkSpec(spec: ThinkSpec): string {
  switch (spec.kind) {
    case 'fixed':
      return `fixed:${spec.ms}`;
    case 'uniform':
      return `uniform:${spec.minMs}:${spec.maxMs}`;
    case 'exp':
      return `exp:${spec.meanMs}`;
    case 'lognormal':
      return `lognormal:${spec.medianMs}:${spec.sigma}`;
  }
}

/** The distribution's mean in ms, before clamping (for the report and capacity arithmetic). */
export function meanThinkMs(spec: ThinkSpec): number {
  switch (spec.kind) {
    case 'fixed':
      return spec.ms;
    case 'uniform':
      return (spec.minMs + spec.maxMs) / 2;
    case 'exp':
      return spec.meanMs;
    case 'lognormal':
      return spec.medianMs * Math.exp((spec.sigma * spec.sigma) / 2);
  }
}

/**
 * A sampler for `spec`, clamped into [minMs, maxMs]. `random` yields values in [0, 1); the load
 * generator needs no reproducibility, so Math.random is the default.
 */
export function thinkSampler(
  spec: ThinkSpec,
  bounds: { readonly minMs: number; readonly maxMs: number },
  random: () => number = Math.random,
): () => number {
  const clamp = (ms: number) => Math.min(bounds.maxMs, Math.max(bounds.minMs, ms));
  switch (spec.kind) {
    case 'fixed':
      return () => clamp(spec.ms);
    case 'uniform':
      return () => clamp(spec.minMs + random() * (spec.maxMs - spec.minMs));
    case 'exp':
      return () => clamp(-spec.meanMs * Math.log(1 - random()));
    case 'lognormal':
      return () => clamp(spec.medianMs * Math.exp(spec.sigma * gaussian(random)));
  }
}

/** A standard normal sample (Box–Muller). */
function gaussian(random: () => number): number {
  const u = 1 - random(); // (0, 1]: log(0) is never taken
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
