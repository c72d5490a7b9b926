// 4. Lint throughput of the engine alone (lintText: parse + rules, no I/O) per source kind on
// generated large files, and the re-lint of a 5,000-line launch file after a one-character edit.
// The engine is the production bundle dist/lint.js, the code the extension loads: run from the
// TypeScript sources through tsx's per-file CommonJS output, the same engine is ~3x slower (every
// call across modules goes through an export getter), which is not what users run.
import { join } from 'node:path';
import type { lintText as LintText } from '../src/core/lint/lintEngine';
import type { LintContext } from '../src/core/lint/types';
import { buildBundles } from './lib/build';
import { FILE_NAMES, generate, type GeneratedKind } from './lib/generate';
import { pairedRatio, sample, sampleInterleaved, summarize } from './lib/stats';
import type { BenchResult, Row } from './lib/report';
import type { BenchOptions } from './run';

type Lint = typeof LintText;

const CTX: LintContext = { os: 'linux' };

const TARGET_MBPS: Partial<Record<GeneratedKind, number>> = {
  dotenv: 50,
  'ros1-launch': 20,
  'ros2-launch-xml': 20,
  'ros2-launch-yaml': 20,
  compose: 20,
};

const LABEL: Record<GeneratedKind, string> = {
  dotenv: '.env',
  'ros1-launch': 'ROS 1 launch XML',
  'ros2-launch-xml': 'ROS 2 launch XML',
  'ros2-launch-yaml': 'ROS 2 launch YAML',
  'ros2-launch-py': 'ROS 2 launch Python',
  compose: 'compose YAML',
};

export async function run(o: BenchOptions = {}): Promise<BenchResult> {
  const bytes = o.quick ? 20_000 : 500_000;
  // 0.5 MB takes 6–60 ms. Every kind first gets 15 warm-up lints: the steady state of a long-lived
  // extension host (a compose file's lint times kept falling until the 10th–15th lint while V8
  // optimised the code: 111, 76, 66 … 30–40 ms). Then 3 rounds of 14 timed lints go through the kinds
  // in turn, so a burst of load on this shared machine falls on all of them rather than on whichever
  // kind it was timing (one block of 25–41 runs per kind still moved medians by ±20% between runs).
  const rounds = o.quick ? 1 : 3;
  const perRound = o.quick ? 3 : 14;
  const rows: Row[] = [];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { lintText } = require(join(buildBundles(true), 'lint.js')) as { lintText: Lint };
  const kinds = Object.keys(LABEL) as GeneratedKind[];
  const inputs = kinds.map((kind) => ({ kind, text: generate(kind, { bytes }), path: `/ws/${FILE_NAMES[kind]}` }));
  const warmup = o.quick ? 1 : 15;
  for (const x of inputs) for (let i = 0; i < warmup; i++) lintText(x.path, x.text, CTX);
  const ms = new Map<GeneratedKind, number[]>(kinds.map((k) => [k, []]));
  for (let r = 0; r < rounds; r++) {
    for (const x of inputs) ms.get(x.kind)!.push(...(await sample(() => lintText(x.path, x.text, CTX), { warmup: 0, runs: perRound })));
  }
  for (const x of inputs) {
    const mbps = ms.get(x.kind)!.map((m) => x.text.length / 1e6 / (m / 1000));
    const target = TARGET_MBPS[x.kind];
    rows.push({
      metric: `${LABEL[x.kind]} (${(x.text.length / 1e6).toFixed(2)} MB)`,
      unit: 'MB/s',
      stats: summarize(mbps),
      ...(target ? { target: { op: '>=', value: target, on: 'median' } } : {}),
    });
  }
  rows.push(...(await realSizes(o, lintText, kinds)));
  // Re-lint after an edit: a 5,000-line ROS 1 launch file, one digit changed per run (what the
  // editor does on every keystroke, after its debounce).
  const lines = o.quick ? 500 : 5000;
  const base = generate('ros1-launch', { lines });
  const at = base.indexOf('value="', base.length >> 1) + 7;
  let i = 0;
  const relint = await sample(
    () => {
      const edited = base.slice(0, at) + String(i++ % 10) + base.slice(at + 1);
      return lintText('/ws/robot.launch', edited, CTX);
    },
    { warmup: 3, runs: o.quick ? 3 : 20 },
  );
  rows.push({
    metric: `re-lint a ${lines.toLocaleString('en-US')}-line launch file after an edit`,
    unit: 'ms',
    stats: summarize(relint),
    target: { op: '<=', value: 20, on: 'median' },
  });
  return {
    name: 'lintThroughput',
    title: '4. Lint throughput',
    rows,
    notes: [
      `engine only (lintText: parse + rules) from the production bundle dist/lint.js, in-memory text, Linux context; generated files of ~${(bytes / 1e6).toFixed(1)} MB each (bench/lib/generate.ts); ${warmup} warm-up lints per kind, then ${rounds} rounds of ${perRound} timed lints through the kinds in turn.`,
    ],
  };
}

/** Sizes real projects have: a small launch file, a robot's compose file, the largest .env or launch file of a big stack. */
const REAL_SIZES = [4_000, 20_000, 150_000];

/**
 * `ROSNET_BENCH_LINT_COMPARE="before=/path/to/checkout,…"`: those checkouts' production lint.js,
 * interleaved with this one's on the same generated files (before/after rows of a change).
 */
function compared(): Array<{ name: string; lintText: Lint }> {
  const spec = process.env.ROSNET_BENCH_LINT_COMPARE;
  if (!spec) return [];
  return spec.split(',').map((entry) => {
    const [name, root] = entry.split('=') as [string, string];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { lintText } = require(join(buildBundles(true, root), 'lint.js')) as { lintText: Lint };
    return { name, lintText };
  });
}

/** ms per lint at real file sizes, per kind; with ROSNET_BENCH_LINT_COMPARE, per engine, interleaved, with the ratio to each. */
async function realSizes(o: BenchOptions, lintText: Lint, kinds: readonly GeneratedKind[]): Promise<Row[]> {
  const engines = [{ name: 'this checkout', lintText }, ...compared()];
  const sizes = o.quick ? [4_000] : [...REAL_SIZES, 500_000];
  const runs = o.quick ? 3 : 25;
  const rows: Row[] = [];
  for (const bytes of sizes) {
    for (const kind of kinds) {
      const path = `/ws/${FILE_NAMES[kind]}`;
      const text = generate(kind, { bytes });
      const variants = Object.fromEntries(engines.map((e) => [e.name, () => e.lintText(path, text, CTX)]));
      const ms = await sampleInterleaved(variants, { warmup: o.quick ? 1 : 15, runs });
      for (const e of engines) {
        const other = engines.filter((x) => x !== e);
        rows.push({
          metric: `${LABEL[kind]} (${fmtBytes(text.length)})${engines.length > 1 ? `, ${e.name}` : ''}`,
          unit: 'ms',
          stats: summarize(ms[e.name]!),
          ...(e === engines[0] && other.length
            ? { ratio: { to: other[0]!.name, stats: pairedRatio(ms[e.name]!, ms[other[0]!.name]!) } }
            : {}),
        });
      }
    }
  }
  return rows;
}

function fmtBytes(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${Math.round(n / 1000)} KB`;
}
