// Robust summaries of repeated measurements, and an interleaving sampler so that compared variants
// share the machine's noise (this box has 2 cores and other jobs run beside the benchmarks).

export interface Stats {
  readonly n: number;
  readonly median: number;
  readonly p10: number;
  readonly p90: number;
  readonly p95: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
}

/** Linear-interpolated quantile of sorted values (q in 0..1). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function summarize(samples: readonly number[]): Stats {
  if (samples.length === 0) throw new Error('summarize: no samples');
  const s = [...samples].sort((a, b) => a - b);
  return {
    n: s.length,
    median: quantile(s, 0.5),
    p10: quantile(s, 0.1),
    p90: quantile(s, 0.9),
    p95: quantile(s, 0.95),
    min: s[0]!,
    max: s[s.length - 1]!,
    mean: s.reduce((a, b) => a + b, 0) / s.length,
  };
}

/**
 * Ratio of two variants measured in the same run: the median of per-round ratios (each round ran
 * both back to back, so a noisy moment inflates both) with its p10–p90.
 */
export function pairedRatio(a: readonly number[], b: readonly number[]): Stats {
  const n = Math.min(a.length, b.length);
  if (n === 0) throw new Error('pairedRatio: no samples');
  return summarize(Array.from({ length: n }, (_, i) => a[i]! / b[i]!));
}

export type Variant = () => unknown | Promise<unknown>;

export interface SampleOptions {
  /** Rounds whose samples are discarded (JIT, caches, connection setup). */
  readonly warmup?: number;
  readonly runs: number;
  /** Called between rounds (not timed). */
  readonly between?: () => unknown | Promise<unknown>;
}

/**
 * Times every variant once per round, in rotating order (A B C, B C A, …), so that order effects and
 * drifting background load fall on all of them alike. Returns milliseconds per variant, round-aligned.
 */
export async function sampleInterleaved(variants: Readonly<Record<string, Variant>>, o: SampleOptions): Promise<Record<string, number[]>> {
  const names = Object.keys(variants);
  const out: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const warmup = o.warmup ?? 3;
  for (let round = 0; round < warmup + o.runs; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(round + k) % names.length]!;
      const t0 = performance.now();
      await variants[name]!();
      const ms = performance.now() - t0;
      if (round >= warmup) out[name]!.push(ms);
    }
    await o.between?.();
  }
  return out;
}

/** Times one function repeatedly (after warm-up); milliseconds. */
export async function sample(fn: Variant, o: SampleOptions): Promise<number[]> {
  return (await sampleInterleaved({ fn }, o)).fn!;
}

/** Least-squares slope of y over x (0 for fewer than two distinct x). */
export function slope(points: ReadonlyArray<readonly [number, number]>): number {
  const n = points.length;
  if (n < 2) return 0;
  let sx = 0;
  let sy = 0;
  for (const [x, y] of points) {
    sx += x;
    sy += y;
  }
  const mx = sx / n;
  const my = sy / n;
  let num = 0;
  let den = 0;
  for (const [x, y] of points) {
    num += (x - mx) * (y - my);
    den += (x - mx) * (x - mx);
  }
  return den === 0 ? 0 : num / den;
}
