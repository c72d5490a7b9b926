// The shell source reads what it can from the text before asking the tree (each node is a call into
// WebAssembly): plain words, the container tool's path, commands that cannot start a container.
// These shortcuts must read every script exactly as the tree-walking reader does.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Node } from 'web-tree-sitter';
import { lintText, prepareLint } from '../../../src/core/lint/lintEngine';
import { parseShell } from '../../../src/core/lint/sources/shellParser';
import { readWord, shellWord } from '../../../src/core/lint/sources/shellWords';
import { shellScript } from '../../../bench/lib/editorFiles';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'lint', 'shell');
const WORDS = new Set(['word', 'number', 'string', 'raw_string', 'ansi_c_string', 'concatenation', 'simple_expansion', 'expansion']);
const codes = (text: string) => lintText('/w/run.sh', text, { os: 'linux' }).findings.map((f) => f.code);

before(() => prepareLint('shell'));

function* nodes(n: Node): Generator<Node> {
  yield n;
  for (const c of n.children) if (c) yield* nodes(c);
}

test('a word read from its text alone reads as the tree says, in every fixture script and the benchmark script', () => {
  const scripts = readdirSync(FIXTURES).map((f) => readFileSync(join(FIXTURES, f), 'utf8'));
  scripts.push(shellScript(300), 'X=~/a\nY=a{b,c} Z=*.sh W=$HOME/x V=a\\ b U=1:2 cmd -e A=1 "-e" B=\'2\'\n');
  let compared = 0;
  for (const text of scripts) {
    const tree = parseShell(text)!;
    for (const n of nodes(tree.rootNode)) {
      if (!WORDS.has(n.type)) continue;
      assert.deepEqual(shellWord(n, text), readWord(n, text), text.slice(n.startIndex, n.endIndex));
      compared++;
    }
  }
  assert.ok(compared > 1000, `${compared} words compared`);
});

test('a container started through a path, a quoted or escaped subcommand, or sudo is still read; other docker commands are not runs', () => {
  const run = '--network ros_net -e ROS_MASTER_URI=http://192.168.1.20:11311 -e ROS_HOSTNAME=cam ros:noetic roslaunch a b.launch\n';
  for (const head of ['docker run', '/usr/bin/docker run', 'docker "run"', "docker 'run'", 'docker r\\un', 'podman run'])
    assert.deepEqual(codes(`${head} ${run}`), ['DC001'], head);
  assert.deepEqual(codes(`x=1; docker container create ${run}`), ['DC001']);
  assert.deepEqual(codes(`mydocker run ${run}`), [], 'another tool whose name ends in docker');
  assert.deepEqual(codes(`docker ps ${run}`), []);
  assert.deepEqual(codes(`docker stop robot_1 && docker run ${run}`), ['DC001']);
});
