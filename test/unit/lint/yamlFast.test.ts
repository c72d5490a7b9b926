// The fast YAML reader must build exactly the tree parseDocument builds (values, styles, ranges the
// sources read) for every text it accepts, and leave every other text to the library.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync, readdirSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { fastYaml, fromLibrary, type SkipValue, type YNode } from '../../../src/core/lint/sources/yamlFast';
import { generate } from '../../../bench/lib/generate';
function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}
const JUNK = [
  '"',
  "'",
  '=',
  '\n',
  '\r\n',
  '#',
  ' #',
  '$',
  '\\',
  ':',
  ': ',
  '- ',
  '-',
  '{',
  '}',
  '[',
  ']',
  ',',
  '&a ',
  '*a',
  '!t ',
  '|',
  '>',
  '? ',
  '---\n',
  '%',
  '@',
  'null',
  '~',
  'true',
  'True',
  '0x1F',
  '1.50',
  '1e3',
  '007',
  '-1',
  '10.0.0.2',
  ' ',
  '  ',
  '    ',
  '\n  ',
  '\n- ',
  'name: ',
  'value: ',
  'env:\n',
  'é',
  "''",
  '{a: 1}',
  '[x, "y"]',
  ': x',
  'k:',
  '.inf',
  '+5',
  '\n\n',
];
function mutate(text: string, r: () => number): string {
  let t = text;
  const n = 1 + Math.floor(r() * 5);
  for (let i = 0; i < n; i++) {
    const at = Math.floor(r() * (t.length + 1));
    const op = r();
    if (op < 0.5) t = t.slice(0, at) + JUNK[Math.floor(r() * JUNK.length)] + t.slice(at);
    else if (op < 0.7) t = t.slice(0, at) + t.slice(at + 1 + Math.floor(r() * 10));
    else if (op < 0.9) t = t.slice(0, at) + t.slice(Math.floor(r() * t.length), Math.floor(r() * t.length)) + t.slice(at);
    else t = t.slice(0, at);
  }
  return t;
}
const files: string[] = [];
const walk = (d: string) => {
  for (const e of readdirSync(d, { withFileTypes: true })) {
    if (e.isDirectory()) walk(d + e.name + '/');
    else if (/\.ya?ml$/.test(e.name)) files.push(readFileSync(d + e.name, 'utf8'));
  }
};
walk(join(__dirname, '../../fixtures/'));
files.push(generate('compose', { bytes: 3000 }), generate('ros2-launch-yaml', { bytes: 3000 }));
test('fixtures and 4,000 mutations: the fast tree equals the library tree whenever the fast reader accepts the text', () => {
  let fast = 0,
    bad = 0,
    total = 0;
  const N = 4000;
  for (let seed = 0; seed <= N; seed++) {
    const base = files[seed % files.length]!;
    const t = seed < files.length ? base : mutate(base, rng(seed));
    total++;
    const f = fastYaml(t);
    if (f === undefined) continue;
    fast++;
    const d = parseDocument(t, { uniqueKeys: false, keepSourceTokens: false, prettyErrors: false });
    const a = JSON.stringify(f);
    const b = d.errors.length ? 'ERRORS ' + d.errors.map((e) => e.message).join('|') : JSON.stringify(fromLibrary(d.contents));
    if (a !== b) {
      if (bad++ < 3) {
        let i = 0;
        while (a[i] === b[i]) i++;
        console.log('MISMATCH seed', seed);
        console.log(' fast', a.slice(Math.max(0, i - 250), i + 150));
        console.log(' lib ', b.slice(Math.max(0, i - 250), i + 150));
        const nums = [...a.slice(0, i).matchAll(/"start":(\d+),"end":(\d+)/g)];
        const last = nums[nums.length - 1];
        if (last) console.log(' text', JSON.stringify(t.slice(Number(last[1]) - 60, Number(last[2]) + 120)));
      }
    }
  }
  assert.ok(fast > 500, `the fast path took ${fast} of ${total} texts`);
  assert.equal(bad, 0);
});

test('the bench files and the fixtures are read by the fast path; exotic YAML goes to the library', () => {
  for (const t of files.slice(0, files.length)) assert.notEqual(fastYaml(t), undefined);
  for (const t of [
    'a: &x 1\nb: *x\n',
    'a: |\n  text\n',
    'a: "esc\\n"\n',
    '---\na: 1\n',
    'a:\n\tb: 1\n',
    'a: [1,\n  2]\n',
    'a: b: c\n',
    'a: 0x1F\n',
  ])
    assert.equal(fastYaml(t), undefined, JSON.stringify(t));
});

/** The library's tree with the values `skip` names replaced by a bare placeholder (depth as the fast reader counts). */
function skipIn(n: YNode | null, skip: SkipValue, depth = 0): unknown {
  if (!n) return n;
  if (n.kind === 'map')
    return {
      ...n,
      items: n.items.map((p) => ({
        key: skipIn(p.key, skip, depth + 1),
        value:
          p.key?.kind === 'scalar' && typeof p.key.value === 'string' && skip(p.key.value, depth)
            ? { kind: 'other' }
            : skipIn(p.value, skip, depth + 1),
      })),
    };
  if (n.kind === 'seq') return { ...n, items: n.items.map((x) => skipIn(x, skip, depth + 1)) };
  return n;
}
/** Placeholders of skipped values without their positions (the library's tree has none to compare). */
const bare = (tree: unknown) =>
  JSON.parse(JSON.stringify(tree), (_k, v: unknown) =>
    v && typeof v === 'object' && (v as YNode).kind === 'other' && !('items' in v) ? { kind: 'other' } : v,
  );

test('skipped values: everything else equals the library tree, at the depths asked for; nothing of the skipped value leaks', () => {
  const skips: SkipValue[] = [
    (k, d) => d === 2 && (k === 'command' || k === 'param'),
    (k) => k === 'value' || k === 'env',
    (k, d) => d === 0 && k === 'services',
    (k, d) => d >= 3 && k === 'name',
  ];
  let compared = 0;
  for (let seed = 0; seed <= 3000; seed++) {
    const base = files[seed % files.length]!;
    const t = seed < files.length ? base : mutate(base, rng(seed));
    const skip = skips[seed % skips.length]!;
    const f = fastYaml(t, skip);
    if (f === undefined) continue;
    const d = parseDocument(t, { uniqueKeys: false, keepSourceTokens: false, prettyErrors: false });
    if (d.errors.length) assert.fail(`seed ${seed}: the fast reader accepted a text the library rejects: ${d.errors[0]!.message}`);
    assert.deepEqual(bare(f), bare(skipIn(fromLibrary(d.contents), skip)), `seed ${seed}`);
    compared++;
  }
  assert.ok(compared > 400, `compared ${compared}`);
  // A skipped value is not resolved: hex there no longer sends the text to the library.
  assert.equal(fastYaml('a: 0x1F\nb: 1\n'), undefined);
  assert.deepEqual(bare(fastYaml('a: 0x1F\nb: 1\n', (k) => k === 'a')), {
    kind: 'map',
    items: [
      { key: { kind: 'scalar', value: 'a', style: 'plain', source: 'a', start: 0, end: 1 }, value: { kind: 'other' } },
      {
        key: { kind: 'scalar', value: 'b', style: 'plain', source: 'b', start: 8, end: 9 },
        value: { kind: 'scalar', value: 1, style: 'plain', source: '1', start: 11, end: 12 },
      },
    ],
    start: 0,
    end: 13,
  });
});
