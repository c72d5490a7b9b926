import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixAllEdits, minimalEdit, nonOverlappingEdits } from '../../../../src/core/lint/fixes/applyFixes';
import { lintText } from '../../../../src/core/lint/lintEngine';
import type { TextEdit } from '../../../../src/core/lint/types';

const apply = (text: string, edits: readonly TextEdit[]) =>
  [...edits].sort((a, b) => b.span.start - a.span.start).reduce((t, e) => t.slice(0, e.span.start) + e.newText + t.slice(e.span.end), text);
const fixable = (path: string, text: string) =>
  lintText(path, text, { os: 'linux' }).findings.filter((f) => f.fixes?.some((x) => x.isPreferred));

test('fix all on the bad .env fixture leaves no fixable finding', () => {
  const path = join(__dirname, '../../../fixtures/lint/bad.env');
  const text = readFileSync(path, 'utf8');
  assert.ok(fixable(path, text).length >= 5);
  const edits = fixAllEdits(text, (t) => lintText(path, t, { os: 'linux' }).findings);
  const fixed = apply(text, edits);
  assert.deepEqual(
    fixable(path, fixed).map((f) => f.code),
    [],
  );
  assert.match(fixed, /^ROS_MASTER_URI=http:\/\/hal:11311$/m);
});

test('one pass yields the fixes own small edits, not a whole-file replacement', () => {
  const text = 'ROS_MASTER_URI=hal:11311\nROS_AUTOMATIC_DISCOVERY_RANGE=subnet\n';
  const edits = fixAllEdits(text, (t) => lintText('/w/.env', t, { os: 'linux' }).findings);
  assert.equal(edits.length, 2);
  assert.equal(apply(text, edits), 'ROS_MASTER_URI=http://hal:11311\nROS_AUTOMATIC_DISCOVERY_RANGE=SUBNET\n');
});

test('nothing to fix gives no edits', () => {
  assert.deepEqual(
    fixAllEdits('ROS_DOMAIN_ID=5\n', (t) => lintText('/w/.env', t, { os: 'linux' }).findings),
    [],
  );
});

test('overlapping edits keep the later one, as applyFixes does', () => {
  const edits = nonOverlappingEdits([
    { title: 'a', edits: [{ span: { start: 0, end: 5 }, newText: 'A' }] },
    { title: 'b', edits: [{ span: { start: 3, end: 8 }, newText: 'B' }] },
    { title: 'c', edits: [{ span: { start: 10, end: 11 }, newText: 'C' }] },
  ]);
  assert.deepEqual(
    edits.map((e) => e.newText),
    ['B', 'C'],
  );
});

test('minimalEdit touches only the changed middle', () => {
  assert.deepEqual(minimalEdit('abcXYZdef', 'abc12def'), { span: { start: 3, end: 6 }, newText: '12' });
  assert.equal(apply('same', [minimalEdit('same', 'same')]), 'same');
});
