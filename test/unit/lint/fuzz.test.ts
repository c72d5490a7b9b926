// Random mutations of the fixtures: the engine never throws and stays fast on every file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { lintText } from '../../../src/core/lint/lintEngine';

const dir = join(__dirname, '../../fixtures/lint');
const fixtures = readdirSync(dir).map((f) => ({ f, text: readFileSync(join(dir, f), 'utf8') }));

/** A small deterministic PRNG so a failure can be replayed from its seed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

const JUNK = [
  '<',
  '>',
  '"',
  "'",
  '=',
  '\n',
  '{',
  '}',
  '[',
  ']',
  ':',
  '#',
  '$(',
  '${',
  '\\',
  '\0',
  '\u00ff',
  '\ud800',
  ';',
  '&',
  '`',
  '  ',
  'ROS_MASTER_URI=',
  'ROS_DOMAIN_ID',
  '</launch>',
  '- ',
  '"""',
  '(',
  ')',
  ',',
];

function mutate(text: string, r: () => number): string {
  let t = text;
  const n = 1 + Math.floor(r() * 8);
  for (let i = 0; i < n; i++) {
    const at = Math.floor(r() * (t.length + 1));
    const op = r();
    if (op < 0.35) t = t.slice(0, at) + JUNK[Math.floor(r() * JUNK.length)] + t.slice(at);
    else if (op < 0.6) t = t.slice(0, at) + t.slice(at + 1 + Math.floor(r() * 20));
    else if (op < 0.8) t = t.slice(0, at) + t.slice(Math.floor(r() * t.length), Math.floor(r() * t.length)) + t.slice(at);
    else t = t.slice(0, at);
  }
  return t;
}

test('5,000 mutated fixtures: no exception, bounded time per file', () => {
  let worst = 0;
  let cases = 0;
  for (let seed = 1; seed <= 5000; seed++) {
    const r = rng(seed);
    const { f, text } = fixtures[seed % fixtures.length]!;
    const input = mutate(text, r);
    const t0 = performance.now();
    let findings;
    try {
      findings = lintText(join(dir, f), input, {
        os: 'linux',
        profile: { name: 'p', variables: new Map([['ROS_MASTER_URI', 'http://localhost:11311']]) },
      }).findings;
    } catch (e) {
      assert.fail(`seed ${seed} (${f}) threw: ${String(e)}`);
    }
    const ms = performance.now() - t0;
    worst = Math.max(worst, ms);
    for (const x of findings)
      assert.ok(x.span.start >= 0 && x.span.end <= input.length && x.span.start <= x.span.end, `seed ${seed}: span in range`);
    cases++;
  }
  console.log(`  ${cases} cases, slowest ${worst.toFixed(1)} ms`);
  assert.ok(worst < 2000, `slowest case ${worst.toFixed(0)} ms`);
});

test('huge and binary inputs: one finding, no exception', () => {
  const big = 'ROS_DOMAIN_ID=7\n'.repeat(700_000); // ~11 MB
  const t0 = performance.now();
  const r = lintText('/w/.env', big, { os: 'linux' });
  console.log(`  11 MB .env linted in ${(performance.now() - t0).toFixed(0)} ms, ${r.findings.length} findings`);
  const bin = lintText('/w/.env', 'ROS\0\u0001\u0002binary', { os: 'linux' });
  assert.equal(bin.findings.length, 1);
  assert.match(bin.findings[0]!.message, /binary/);
  for (const kind of [
    '/w/a.launch',
    '/w/compose.yaml',
    '/w/x.launch.py',
    '/w/x.launch.yaml',
    '/w/.devcontainer.json',
    '/w/.vscode/settings.json',
  ]) {
    assert.doesNotThrow(() => lintText(kind, '<'.repeat(200_000) + '"'.repeat(100_000) + '{'.repeat(100_000), { os: 'linux' }));
  }
});

test('deeply nested launch XML is linted to the innermost element (no recursion limit)', () => {
  const depth = 20_000;
  const text = `<launch>${'<group>'.repeat(depth)}<env name="ROS_IP" value="hal"/>${'</group>'.repeat(depth)}</launch>`;
  const codes = lintText('/w/a.launch', text, { os: 'linux' }).findings.map((f) => f.code);
  assert.deepEqual(codes, ['HOST001']);
});
