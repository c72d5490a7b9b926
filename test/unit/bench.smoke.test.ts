// Keeps bench/ from rotting: the statistics, the report, the generators and one small benchmark run
// end to end. No timing is asserted (this machine is shared and noisy); only shapes and sanity.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pairedRatio, quantile, sampleInterleaved, slope, summarize } from '../../bench/lib/stats';
import { passes, toMarkdown, writeResults, type BenchResult } from '../../bench/lib/report';
import { FILE_NAMES, generate, type GeneratedKind } from '../../bench/lib/generate';
import { generateWorkspace } from '../../bench/cli.bench';
import { BENCHMARKS, select } from '../../bench/run';
import { run as lintThroughput } from '../../bench/lintThroughput.bench';
import { detectKind, lintText, prepareLint } from '../../src/core/lint/lintEngine';
import { EDIT_IP, launchFile, shellScript } from '../../bench/lib/editorFiles';
import { debounceMs, matchEdits } from '../../bench/keystroke.bench';

test('summary statistics: median, percentiles, extremes; paired ratios per round', () => {
  const s = summarize([5, 1, 4, 2, 3]);
  assert.deepEqual({ n: s.n, median: s.median, min: s.min, max: s.max, mean: s.mean }, { n: 5, median: 3, min: 1, max: 5, mean: 3 });
  assert.equal(quantile([0, 10], 0.1), 1);
  assert.equal(pairedRatio([2, 4, 6], [1, 2, 3]).median, 2);
  assert.throws(() => summarize([]));
});

test('interleaved sampling runs every variant once per round, in rotating order, and drops warm-up rounds', async () => {
  const order: string[] = [];
  const r = await sampleInterleaved({ a: () => order.push('a'), b: () => order.push('b') }, { warmup: 1, runs: 3 });
  assert.deepEqual(order, ['a', 'b', 'b', 'a', 'a', 'b', 'b', 'a']);
  assert.equal(r.a!.length, 3);
  assert.equal(r.b!.length, 3);
});

test('report: targets on median, worst run and ratio; results merged per benchmark into JSON and Markdown', () => {
  const st = summarize([1, 2, 3]);
  assert.equal(passes({ metric: 'm', unit: 'ms', stats: st, target: { op: '<=', value: 2, on: 'median' } }), true);
  assert.equal(passes({ metric: 'm', unit: 'ms', stats: st, target: { op: '<=', value: 2, on: 'max' } }), false);
  assert.equal(
    passes({
      metric: 'm',
      unit: 'ms',
      stats: st,
      ratio: { to: 'x', stats: summarize([120]) },
      target: { op: '>=', value: 100, on: 'ratio' },
    }),
    true,
  );
  const dir = mkdtempSync(join(tmpdir(), 'rosnet-bench-smoke-'));
  const a: BenchResult = {
    name: 'probe',
    title: '1. A',
    rows: [{ metric: 'x', unit: 'ms', stats: st, target: { op: '<=', value: 1, on: 'median' } }],
    notes: ['a note'],
  };
  const b: BenchResult = { name: 'latency', title: '2. B', rows: [{ metric: 'y', unit: 'ms', stats: st }] };
  writeResults([a], join(dir, 'r.json'), join(dir, 'r.md'));
  const merged = writeResults([b], join(dir, 'r.json'), join(dir, 'r.md'));
  assert.deepEqual(Object.keys(merged.benchmarks).sort(), ['latency', 'probe']);
  const md = readFileSync(join(dir, 'r.md'), 'utf8');
  assert.match(md, /\| 1\. A \| x \| 2\.00 ms \| 1\.20–2\.80 \| 3 \|  \| ≤ 1\.00 ms \| \*\*miss\*\* \|/);
  assert.match(md, /Machine: .+, \d+ cores/);
  assert.ok(md.indexOf('1. A') < md.indexOf('2. B'));
  assert.equal(toMarkdown(merged), md);
});

test('bench selection by prefix; unknown names are an error', () => {
  assert.deepEqual(select(['probe', 'lint']), ['probe', 'lintThroughput']);
  assert.deepEqual(select([]), Object.keys(BENCHMARKS), 'no names: every benchmark');
  assert.throws(() => select(['nope']), /unknown benchmark/);
});

test('generated files are the kinds the lint engine detects, at the size asked for', () => {
  for (const kind of Object.keys(FILE_NAMES) as GeneratedKind[]) {
    assert.equal(detectKind(`/ws/launch/${FILE_NAMES[kind]}`), kind);
    const text = generate(kind, { bytes: 5000 });
    assert.ok(text.length <= 5000 && text.length > 3000, `${kind}: ${text.length}`);
    assert.ok(generate(kind, { lines: 200 }).split('\n').length <= 201);
  }
  const ws = mkdtempSync(join(tmpdir(), 'rosnet-bench-ws-'));
  generateWorkspace(ws, 24);
  const files = readdirSync(ws, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  assert.equal(files.length, 24);
  for (const f of files) assert.ok(detectKind(join(f.parentPath, f.name)), f.name);
});

test('the lint throughput benchmark runs end to end on small inputs', async () => {
  const r = await lintThroughput({ quick: true });
  // Per kind (6): MB/s at the large size and ms at a real size (quick: 4 KB only); then the re-lint row.
  assert.equal(r.rows.length, 13);
  assert.equal(r.rows.filter((row) => row.unit === 'ms' && / KB\)$/.test(row.metric)).length, 6);
  for (const row of r.rows) assert.ok(row.stats.median > 0 && Number.isFinite(row.stats.median), row.metric);
});

test('slope: least squares over points; a one-time step early on does not look like a slope later', () => {
  assert.equal(slope([]), 0);
  assert.equal(slope([[1, 5]]), 0);
  assert.equal(
    slope([
      [0, 1],
      [1, 3],
      [2, 5],
    ]),
    2,
  );
  assert.equal(
    slope([
      [3, 1],
      [3, 2],
    ]),
    0,
  );
  // Flat after a step: the tail's slope is ~0.
  const trace = [0, 0.2, 1.9, 1.6, 1.7, 1.7, 1.7, 1.8, 1.7, 1.7, 1.7, 1.7].map((y, i): [number, number] => [(i + 1) * 500, y]);
  assert.ok(Math.abs(slope(trace.slice(4)) * 1000) < 0.05);
});

test('keystroke benchmark: its files have the size asked for and one ROS_IP whose edit toggles HOST001; edits pair with host changes', async () => {
  await prepareLint('shell');
  for (const [path, text, lines] of [
    ['/ws/launch/fleet.launch', launchFile(5000), 5000],
    ['/ws/scripts/bringup.sh', shellScript(2000), 2000],
  ] as const) {
    const n = text.split('\n').length;
    assert.ok(n <= lines + 1 && n > lines * 0.95, `${path}: ${n} lines`);
    assert.equal(text.indexOf(EDIT_IP), text.lastIndexOf(EDIT_IP));
    const at = text.indexOf(EDIT_IP) + EDIT_IP.length;
    const host001 = (t: string) => lintText(path, t, { os: 'linux' }).findings.filter((f) => f.code === 'HOST001').length;
    assert.equal(host001(text), 0, path);
    assert.equal(host001(text.slice(0, at) + 'x' + text.slice(at)), 1, path);
    assert.equal(host001(text.slice(0, at - 1) + '3' + text.slice(at)), 0, path);
  }
  const edits = [
    { key: 1000, squiggle: 1400, invalid: true },
    { key: 2000, squiggle: 2350, invalid: false },
  ];
  const host = {
    changes: [
      { version: 2, t: 1030 },
      { version: 3, t: 2040 },
    ],
    floorMs: [5, 6],
  };
  assert.deepEqual(matchEdits(edits, host, 300), [
    { toSquiggle: 100, transport: 30 },
    { toSquiggle: 50, transport: 40 },
  ]);
  assert.throws(() => matchEdits(edits.slice(1), host, 300), /1 edits typed, 2 changes/);
  assert.ok(debounceMs() > 0, 'the debounce is read from the adapter');
});
