// Linear time on hostile input: every input kind doubled from 1 MB to 32 MB (quick: 64 KB to 512 KB),
// the time ratio per doubling reported. Linear work doubles (2.0); a scan to the end of the file per
// item, or a line table rebuilt per finding, shows as ratios that grow toward 4.
import { bestTime, LINEARITY_CASES } from './lib/linearity';
import { summarize } from './lib/stats';
import type { BenchResult, Row } from './lib/report';
import type { BenchOptions } from './run';

export async function run(o: BenchOptions = {}): Promise<BenchResult> {
  const sizes = o.quick ? [64, 128, 256, 512].map((k) => k * 1024) : [1, 2, 4, 8, 16, 32].map((m) => m * 1024 * 1024);
  const rows: Row[] = [];
  for (const c of LINEARITY_CASES) {
    c.run(c.make(sizes[0]!)); // warm-up
    const times = sizes.map((bytes) => {
      const text = c.make(bytes);
      // Big inputs once (32 MB takes seconds), small ones best of 3 so JIT and GC noise do not dominate.
      return bestTime(c, text, bytes >= 8 * 1024 * 1024 ? 1 : 3);
    });
    const ratios = times.slice(1).map((t, i) => t / Math.max(times[i]!, 0.01));
    console.log(
      `${c.name.padEnd(22)} ${times.map((t) => `${t.toFixed(0)}`).join(' / ')} ms; ratios ${ratios.map((r) => r.toFixed(2)).join(' ')}`,
    );
    rows.push({
      metric: `${c.label}: ${sizes[0]! >> 10} KB → ${sizes.at(-1)! >> 10} KB, time ratio per doubling`,
      unit: '×',
      stats: summarize(ratios),
      target: { op: '<=', value: 2.3, on: 'median' },
      note: `${times.at(-1)!.toFixed(0)} ms at the largest size`,
    });
    await new Promise((r) => setImmediate(r));
  }
  return {
    name: 'linearity',
    title: 'Linear time on hostile input (each input kind doubled)',
    rows,
    notes: ['Inputs: bench/lib/hostileInputs.ts (a quoted value, an unterminated quote or a finding on every line).'],
  };
}
