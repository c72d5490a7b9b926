// Random mutations of the fixtures and huge inputs: the engine never throws, every finding lies inside
// the text, and a huge file gets the same findings as its parts. Speed is measured in bench/, not here.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { lintText, prepareLint } from '../../../src/core/lint/lintEngine';

const dir = join(__dirname, '../../fixtures/lint');
const fixtures = readdirSync(dir)
  .filter((f) => statSync(join(dir, f)).isFile())
  .map((f) => ({ f, text: readFileSync(join(dir, f), 'utf8') }));

before(() => prepareLint('shell'));

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

const profile = { name: 'p', variables: new Map([['ROS_MASTER_URI', 'http://localhost:11311']]) };
const keys = (path: string, text: string, offset = 0) =>
  lintText(path, text, { os: 'linux', profile }).findings.map((x) => `${x.code}@${x.span.start + offset}-${x.span.end + offset}`);

test('5,000 mutated fixtures: no exception, every finding inside the text', () => {
  for (let seed = 1; seed <= 5000; seed++) {
    const r = rng(seed);
    const { f, text } = fixtures[seed % fixtures.length]!;
    const input = mutate(text, r);
    let findings;
    try {
      findings = lintText(join(dir, f), input, { os: 'linux', profile }).findings;
    } catch (e) {
      assert.fail(`seed ${seed} (${f}) threw: ${String(e)}`);
    }
    for (const x of findings)
      assert.ok(x.span.start >= 0 && x.span.end <= input.length && x.span.start <= x.span.end, `seed ${seed}: span in range`);
  }
});

test('an 11 MB .env gets the findings of its unchanged parts: the fixture at its start, the line at its end', () => {
  const head = readFileSync(join(dir, 'bad.env'), 'utf8');
  // ~11 MB of distinct variables no rule reads: nothing to report, but every line is scanned and kept.
  const filler = Array.from({ length: 540_000 }, (_, i) => `EXTRA_${i}=value${i}\n`).join('');
  const tail = 'ROS_HOSTNAM=marvin\n';
  const big = head + filler + tail;
  assert.ok(big.length > 11_000_000, `${big.length} characters`);
  const expected = [...keys('/w/.env', head), ...keys('/w/.env', tail, head.length + filler.length)];
  assert.ok(expected.length > 5 && expected.at(-1)!.startsWith('FMT002@'), expected.join(' '));
  assert.deepEqual(keys('/w/.env', big), expected);
});

test('binary and pathological inputs: no exception, findings inside the text', () => {
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
    const text = '<'.repeat(200_000) + '"'.repeat(100_000) + '{'.repeat(100_000);
    for (const x of lintText(kind, text, { os: 'linux' }).findings) assert.ok(x.span.start >= 0 && x.span.end <= text.length, kind);
  }
});

test('deeply nested launch XML is linted to the innermost element (no recursion limit)', () => {
  const depth = 20_000;
  const text = `<launch>${'<group>'.repeat(depth)}<env name="ROS_IP" value="hal"/>${'</group>'.repeat(depth)}</launch>`;
  const codes = lintText('/w/a.launch', text, { os: 'linux' }).findings.map((f) => f.code);
  assert.deepEqual(codes, ['HOST001']);
});
