// rosNetwork.lint.markdown (issue 12, optional): a README's fenced shell blocks are linted like a
// script, at the README's own offsets; prose, other languages and console output are not.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectKind, lintText, prepareLint } from '../../../src/core/lint/lintEngine';
import { markdownShellText } from '../../../src/core/lint/sources/markdownSource';

const path = join(__dirname, '..', '..', 'fixtures', 'lint-corpus', 'README.md');
const text = readFileSync(path, 'utf8');

before(() => prepareLint('markdown'));

test('off by default: a README is no lint kind by its name', () => {
  assert.equal(detectKind(path, text), undefined);
});

test('the shell and console blocks are linted at their offsets in the README; yaml and output lines are not', () => {
  const f = lintText(path, text, { os: 'linux' }, 'markdown').findings;
  assert.deepEqual(
    f.map((x) => [x.code, x.severity, text.slice(x.span.start, x.span.end)]),
    [
      ['DC001', 'warning', 'ros_net'],
      ['FMT003', 'error', ';'],
    ],
  );
  const shell = markdownShellText(text);
  assert.equal(shell.length, text.length);
  assert.ok(!shell.includes('3f1c2a9b7d0e'), 'console output is not a command');
  assert.ok(!shell.includes('ROS_DOMAIN_ID: 300'), 'a yaml block is not shell');
  assert.ok(shell.includes('  export ROS_MASTER_URI=http://192.168.1.20:11311'), 'the prompt is blanked, the command kept');
});
