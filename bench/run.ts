// `npm run bench` runs every benchmark; `npm run bench -- probe lint` runs the named ones
// (a name matches a benchmark when it is a prefix of it). Writes bench/results.json and bench/results.md;
// `--readme` also puts the table into bench/README.md; `--quick` is a smaller look that writes nothing.
// Each benchmark runs in a process of its own, so none is measured on the heap, timers or JIT state
// another one left behind.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeResults, toMarkdown, type BenchResult } from './lib/report';

export interface BenchOptions {
  /** Fewer runs and smaller inputs (smoke test, quick look); figures are not for publishing. */
  readonly quick?: boolean;
}

type Bench = (o: BenchOptions) => Promise<BenchResult>;

export const BENCHMARKS: Record<string, () => Promise<Bench>> = {
  probe: async () => (await import('./probe.bench')).run,
  latency: async () => (await import('./latency.bench')).run,
  pollingCost: async () => (await import('./pollingCost.bench')).run,
  lintThroughput: async () => (await import('./lintThroughput.bench')).run,
  cli: async () => (await import('./cli.bench')).run,
  activation: async () => (await import('./activation.bench')).run,
  linearity: async () => (await import('./linearity.bench')).run,
  keystroke: async () => (await import('./keystroke.bench')).run,
  xmlrpcDecode: async () => (await import('./xmlrpcDecode.bench')).run,
  rtps: async () => (await import('./rtps.bench')).run,
};

export function select(args: readonly string[]): string[] {
  const wanted = args.filter((a) => !a.startsWith('-'));
  if (wanted.length === 0) return Object.keys(BENCHMARKS);
  const names = new Set<string>();
  for (const w of wanted) {
    const hit = Object.keys(BENCHMARKS).filter((n) => n.toLowerCase().startsWith(w.toLowerCase()));
    if (hit.length === 0) throw new Error(`unknown benchmark '${w}' (known: ${Object.keys(BENCHMARKS).join(', ')})`);
    hit.forEach((h) => names.add(h));
  }
  return [...names];
}

/** Replaces the text between bench/README.md's markers with the table. */
export function updateReadme(file: string, table: string): void {
  const text = readFileSync(file, 'utf8');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error(`${file} has no ${start} … ${end} markers`);
  writeFileSync(file, `${text.slice(0, a + start.length)}\n${table}${text.slice(b)}`);
}

/** Runs one benchmark in a child process (this file with --one), its output passed through. */
function runAlone(name: string, quick: boolean): BenchResult {
  const dir = mkdtempSync(join(tmpdir(), 'rosnet-bench-one-'));
  try {
    const out = join(dir, 'result.json');
    const r = spawnSync(process.execPath, [...process.execArgv, __filename, '--one', name, out, ...(quick ? ['--quick'] : [])], {
      stdio: 'inherit',
    });
    if (r.status !== 0) throw new Error(`bench ${name} exited ${r.status ?? r.signal}`);
    return JSON.parse(readFileSync(out, 'utf8')) as BenchResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** In the child: one benchmark, its result written as JSON. */
async function one(name: string, out: string, quick: boolean): Promise<number> {
  const bench = BENCHMARKS[name];
  if (!bench) throw new Error(`unknown benchmark '${name}'`);
  writeFileSync(out, JSON.stringify(await (await bench())({ quick })));
  return 0;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const at = args.indexOf('--one');
  if (at >= 0) return one(args[at + 1]!, args[at + 2]!, args.includes('--quick'));
  const quick = args.includes('--quick');
  const names = select(args);
  const fresh: BenchResult[] = [];
  let failed = 0;
  // This VM runs ~30% slower after a minute of load on both cores (a fixed loop: 224 → 293 ms) and
  // takes about a minute to recover, so a benchmark that followed another was measured throttled
  // (compose lint 14–18 MB/s in a full run, 26–30 alone). Each one after the first starts rested.
  const restS = quick ? 0 : Number(process.env.ROSNET_BENCH_REST_S ?? 60);
  for (const [k, name] of names.entries()) {
    if (k > 0 && restS > 0) {
      console.log(`(resting ${restS} s before ${name})`);
      await new Promise((r) => setTimeout(r, restS * 1000));
    }
    console.log(`\n=== bench ${name}${quick ? ' (quick)' : ''} ===`);
    const t0 = performance.now();
    try {
      const r = runAlone(name, quick);
      fresh.push(r);
      console.log(
        toMarkdown({ machine: { cpu: '', cores: 0, memGiB: 0, node: '', os: '' }, benchmarks: { [name]: r } })
          .split('\n')
          .slice(4)
          .join('\n'),
      );
    } catch (e) {
      failed++;
      console.error(`bench ${name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
    console.log(`(${name}: ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
  // Quick runs are for looking, not for publishing: they never overwrite the results files.
  if (!quick && fresh.length) {
    const results = writeResults(fresh, join(__dirname, 'results.json'), join(__dirname, 'results.md'));
    console.log(`\nwrote bench/results.json and bench/results.md (${fresh.map((f) => f.name).join(', ')})`);
    if (args.includes('--readme')) {
      updateReadme(join(__dirname, 'README.md'), toMarkdown(results));
      console.log('updated the table in bench/README.md');
    }
  }
  return failed ? 1 : 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(e);
      process.exit(2);
    },
  );
}
