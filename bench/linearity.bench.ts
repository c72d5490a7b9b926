// Linear time on hostile input: every input kind doubled from 1 MB to 32 MB (quick: 64 KB to 512 KB),
// the time ratio per doubling reported. Linear work doubles (2.0); a scan to the end of the file per
// item, or a line table rebuilt per finding, shows as ratios that grow toward 4.
import { bestTime, LINEARITY_CASES, prepareLinearity } from './lib/linearity';
import { summarize } from './lib/stats';
import type { BenchResult, Row } from './lib/report';
import type { BenchOptions } from './run';

export async function run(o: BenchOptions = {}): Promise<BenchResult> {
  const sizes = o.quick ? [64, 128, 256, 512].map((k) => k * 1024) : [1, 2, 4, 8, 16, 32].map((m) => m * 1024 * 1024);
  // A kind stops doubling once one run has taken longer than this (wall clock, the whole case at
  // that size), after at least two doublings: on a loaded shared machine the slowest kinds would
  // otherwise hold the run for an hour.
  const budgetMs = Number(process.env.ROSNET_BENCH_LINEARITY_BUDGET_S ?? 20) * 1000;
  await prepareLinearity();
  // ROSNET_BENCH_LINEARITY_ONLY=shell,compose re-runs some kinds.
  const only = process.env.ROSNET_BENCH_LINEARITY_ONLY?.split(',');
  const rows: Row[] = [];
  for (const c of LINEARITY_CASES.filter((x) => !only || only.includes(x.name))) {
    c.run(c.make(sizes[0]!)); // warm-up
    const times: number[] = [];
    for (const bytes of sizes) {
      const text = c.make(bytes);
      const w0 = performance.now();
      // Big inputs once (32 MB takes seconds), small ones best of 3 so JIT and GC noise do not dominate.
      times.push(bestTime(c, text, bytes >= 8 * 1024 * 1024 ? 1 : 3));
      if (times.length >= 3 && performance.now() - w0 > budgetMs) break;
    }
    const reached = sizes[times.length - 1]!;
    const ratios = times.slice(1).map((t, i) => t / Math.max(times[i]!, 0.01));
    console.log(
      `${c.name.padEnd(22)} ${times.map((t) => `${t.toFixed(0)}`).join(' / ')} ms CPU; ratios ${ratios.map((r) => r.toFixed(2)).join(' ')}`,
    );
    rows.push({
      metric: `${c.label}: ${fmtSize(sizes[0]!)} → ${fmtSize(reached)}, CPU time ratio per doubling`,
      unit: '×',
      stats: summarize(ratios),
      target: { op: '<=', value: 2.3, on: 'median' },
      note: `${ratios.map((r) => r.toFixed(2)).join(', ')}; ${times.at(-1)!.toFixed(0)} ms CPU at ${fmtSize(reached)}`,
    });
    await new Promise((r) => setImmediate(r));
  }
  return {
    name: 'linearity',
    title: 'Linear time on hostile input (each input kind doubled)',
    rows,
    notes: [
      'Inputs: bench/lib/hostileInputs.ts (a quoted value, an unterminated quote or a finding on every line). CPU time of the process (user + system), best of 3 below 8 MB, one run from 8 MB; a kind stops doubling after a run over ROSNET_BENCH_LINEARITY_BUDGET_S (20 s) once it has two ratios.',
    ],
  };
}

function fmtSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MB` : `${bytes / 1024} KB`;
}
