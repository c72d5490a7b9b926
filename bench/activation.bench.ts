// 6. Activation and footprint: activate() inside a real VS Code (code-server + the VSIX, the time the
// extension logs as "activated in X ms", over fresh starts), the cold require() of dist/extension.js
// in plain Node, bundle sizes of a production build, and extension-host heap after activation and
// over 1,000 polls (bench/host, a bench-only extension activated at startup, measures from inside).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCodeServer } from '../test/harness/codeServer';
import { packageHelperExtension } from '../test/harness/hostTests';
import { launchBrowser, openWorkbench } from '../test/harness/browser';
import { startMaster } from '../test/helpers/rosProcesses';
import { buildBundles, bundleSizes, ROOT } from './lib/build';
import { slope, summarize } from './lib/stats';
import type { BenchResult, Row } from './lib/report';
import type { BenchOptions } from './run';

const LOCK = '/tmp/rosnet-vscode.lock';
const MB = 1024 * 1024;

export async function benchHostVsix(): Promise<string> {
  return packageHelperExtension('bench-host', 'bench/host/package.json', 'bench/host/benchHost.ts', 'Benchmark-only extension.');
}

interface HostRun {
  activatedMs: number;
  /** The extension's "activated in N ms" log line. */
  activatedLine: string;
  activateCallMs: number;
  heapBefore: number;
  heapAfterActivation: number;
  heapReachable: number;
  /** After the warm-up polls (and 3 s of quiet). */
  heapWarm: number;
  heapAfterPolls: Array<{ polls: number; heap: number }>;
  heapIdle: Array<{ ms: number; heap: number }>;
  pollsMs: number;
  wasActive: boolean;
}

/**
 * `npm run package` without its typecheck step (a teammate's work in progress must not stop a
 * measurement): the production bundles and a VSIX in a temp folder. Runs under the VS Code lock.
 */
export function packageExtension(): string {
  execFileSync(process.execPath, [join(ROOT, 'esbuild.js'), '--production'], { cwd: ROOT, stdio: 'pipe' });
  const out = join(mkdtempSync(join(tmpdir(), 'rosnet-bench-vsix-')), 'ros-network.vsix');
  execFileSync(process.execPath, [join(ROOT, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--out', out], {
    cwd: ROOT,
    stdio: 'pipe',
  });
  return out;
}

/** One fresh code-server start: returns what the bench host measured and the logged activation time. */
export async function hostRun(
  vsix: string[],
  masterUri: string,
  polls: number,
  warmup: number,
  extraEnv: Record<string, string> = {},
): Promise<HostRun> {
  const work = mkdtempSync(join(tmpdir(), 'rosnet-bench-act-'));
  const workspace = join(work, 'workspace');
  mkdirSync(workspace);
  const out = join(work, 'bench.json');
  const cs = await startCodeServer({
    workspace,
    vsix,
    userSettings: { 'rosNetwork.profiles': [{ name: 'bench', ROS_MASTER_URI: masterUri }] },
    env: { ...extraEnv, ROSNET_BENCH_OUT: out, ROSNET_BENCH_POLLS: String(polls), ROSNET_BENCH_WARMUP: String(warmup) },
  });
  const browser = await launchBrowser();
  try {
    await openWorkbench(browser, cs.folderUrl(workspace));
    const deadline = Date.now() + 180_000;
    while (!existsSync(out)) {
      if (Date.now() > deadline) throw new Error(`bench host wrote nothing.\n${cs.exthostLog().slice(-5000)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    const r = JSON.parse(readFileSync(out, 'utf8')) as Omit<HostRun, 'activatedMs'> & { error?: string };
    if (r.error) throw new Error(`bench host: ${r.error}`);
    const m = /activated in ([\d.]+) ms.*/.exec(cs.exthostLog());
    if (!m) throw new Error(`no "activated in" line in the extension's log.\n${cs.exthostLog().slice(-5000)}`);
    return { ...r, activatedMs: Number(m[1]), activatedLine: m[0] };
  } finally {
    await browser.close();
    await cs.dispose();
  }
}

/** Cold require() of the bundle in a fresh Node process, `vscode` answered by a stub. */
function requireMs(bundle: string): number {
  // Every property of the stub is the stub again (enums, classes to extend, namespaces).
  const script = `const stub = new Proxy(function () {}, { get: (t, k) => (k === 'prototype' ? {} : k === Symbol.toPrimitive ? () => '' : stub), getPrototypeOf: () => stub, construct: () => stub, apply: () => stub });
const M = require('module'); const orig = M._load; M._load = function (r, ...a) { return r === 'vscode' ? stub : orig.call(this, r, ...a); };
const t0 = performance.now(); require(${JSON.stringify(bundle)}); process.stdout.write(String(performance.now() - t0));`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  if (r.status !== 0) throw new Error(`require(${bundle}) failed: ${r.stderr}`);
  return Number(r.stdout);
}

async function measure(o: BenchOptions): Promise<BenchResult> {
  const dist = buildBundles(true);
  const sizes = bundleSizes(dist);
  const ext = sizes.find((s) => s.file === 'extension.js');
  if (!ext) throw new Error('no extension.js in the production build');
  const req = Array.from({ length: o.quick ? 3 : 10 }, () => requireMs(join(dist, 'extension.js')));
  const starts = o.quick ? 1 : 3;
  // Long enough to tell a bounded cache (grows, then flat) from a leak (grows all along).
  const polls = o.quick ? 60 : 6000;
  const warmup = o.quick ? 20 : 1000;
  const master = await startMaster();
  const runs: HostRun[] = [];
  try {
    const vsix = [packageExtension(), await benchHostVsix()];
    for (let i = 0; i < starts; i++) runs.push(await hostRun(vsix, master.uri, polls, warmup));
  } finally {
    await master.kill();
  }
  const growthAct = runs.map((r) => (r.heapAfterActivation - r.heapBefore) / MB);
  const growthWarmup = runs.map((r) => (r.heapWarm - r.heapReachable) / MB);
  const growthPolls = runs.map((r) => (r.heapAfterPolls.at(-1)!.heap - r.heapWarm) / MB);
  // Flat means no growth per poll: the least-squares slope of the heap over the samples after the
  // first third (a one-time step early on, JIT code and host activity, is not growth per poll), and
  // the same over an idle stretch of the same host as long as those polls took.
  const tail = (r: HostRun) => r.heapAfterPolls.slice(Math.floor(r.heapAfterPolls.length / 3));
  const tailFrom = tail(runs[0]!)[0]!.polls;
  const slopePer1000 = runs.map((r) => slope(tail(r).map((s) => [s.polls, s.heap / MB])) * 1000);
  // Idle time counted in polls' time: the polling pace of the same start.
  const idleSlopePer1000 = runs.map((r) => slope(r.heapIdle.map((s) => [(s.ms * polls) / r.pollsMs, s.heap / MB])) * 1000);
  const rows: Row[] = [
    {
      metric: 'activate() in code-server (logged "activated in")',
      unit: 'ms',
      stats: summarize(runs.map((r) => r.activatedMs)),
      target: { op: '<=', value: 25, on: 'median' },
    },
    {
      metric: 'extension.activate() as seen by another extension (load + activate)',
      unit: 'ms',
      stats: summarize(runs.map((r) => r.activateCallMs)),
    },
    { metric: 'cold require() of dist/extension.js in Node', unit: 'ms', stats: summarize(req) },
    ...sizes.map((s): Row => ({
      metric: `dist/${s.file}, minified (gzip ${(s.gzipBytes / 1024).toFixed(0)} KB)`,
      unit: 'KB',
      stats: summarize([s.bytes / 1024]),
      ...(s.file === 'extension.js' ? { target: { op: '<=', value: 250, on: 'median' } as const } : {}),
    })),
    {
      metric: 'extension-host heap growth from activation',
      unit: 'MB',
      stats: summarize(growthAct),
      target: { op: '<=', value: 10, on: 'median' },
    },
    {
      metric: `heap growth during the first ${warmup.toLocaleString('en-US')} polls (poll path compiled, other extensions still activating)`,
      unit: 'MB',
      stats: summarize(growthWarmup),
    },
    {
      metric: `heap growth over the next ${polls.toLocaleString('en-US')} polls (includes a one-time step, see the trace below)`,
      unit: 'MB',
      stats: summarize(growthPolls),
    },
    {
      metric: `heap slope from poll ${tailFrom.toLocaleString('en-US')} to ${polls.toLocaleString('en-US')} (least squares, per 1,000 polls)`,
      unit: 'MB',
      stats: summarize(slopePer1000),
      target: { op: '<=', value: 0.1, on: 'median' },
      note: 'flat: ≤ 0.1 MB per 1,000 polls (100 bytes a poll)',
    },
    {
      metric: 'control: heap slope of the same host idle for as long (per 1,000 polls’ time)',
      unit: 'MB',
      stats: summarize(idleSlopePer1000),
    },
  ];
  const trace = runs[0]!.heapAfterPolls.map((s) => `${s.polls}: ${((s.heap - runs[0]!.heapWarm) / MB).toFixed(2)} MB`).join(', ');
  const idleTrace = runs[0]!.heapIdle
    .map((s) => `${(s.ms / 1000).toFixed(1)} s: ${((s.heap - runs[0]!.heapWarm) / MB).toFixed(2)} MB`)
    .join(', ');
  return {
    name: 'activation',
    title: '6. Activation and footprint',
    rows,
    notes: [
      `first start's log: "${runs[0]!.activatedLine.replace(/ \((?:local|remote: [^)]*) extension host\)\s*$/, '')}".`,
      `${starts} fresh code-server starts (VS Code ${'1.139'} server, Node 24 extension host), each with a new user-data dir; heap after forced GC; heap over the polls after the warm-up in the first start: ${trace}; ${polls} polls took ${(runs[0]!.pollsMs / 1000).toFixed(1)} s; then idle: ${idleTrace}.`,
      'bundle sizes from `node esbuild.js --production`; lint.js/doctor.js load only when a lintable file or the doctor is used.',
    ],
  };
}

export async function run(o: BenchOptions = {}): Promise<BenchResult> {
  if (process.env.ROSNET_VSCODE_LOCKED === '1') return measure(o);
  // Packaging the VSIX and starting code-server/Chromium are serialized across the team's jobs.
  const out = join(mkdtempSync(join(tmpdir(), 'rosnet-bench-act-')), 'result.json');
  const r = spawnSync(
    'flock',
    [LOCK, process.execPath, '--import', 'tsx', join(__dirname, 'activation.bench.ts'), out, ...(o.quick ? ['--quick'] : [])],
    {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, ROSNET_VSCODE_LOCKED: '1' },
    },
  );
  if (r.status !== 0 || !existsSync(out)) throw new Error(`activation benchmark failed (exit ${r.status})`);
  return JSON.parse(readFileSync(out, 'utf8')) as BenchResult;
}

if (require.main === module) {
  const out = process.argv[2]!;
  measure({ quick: process.argv.includes('--quick') }).then(
    (r) => {
      writeFileSync(out, JSON.stringify(r));
      process.exit(0);
    },
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
