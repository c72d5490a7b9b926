// File kinds by content where names lie: the CLI walker and the editor (detectKind with the text)
// find the same files.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { walkFiles } from '../../../src/core/lint/walkFiles';
import { detectKind } from '../../../src/core/lint/fileKind';
import { lintText, prepareLint } from '../../../src/core/lint/lintEngine';

const dir = join(__dirname, '../../fixtures/lint-idioms/kinds');

// docker/ros_entrypoint is a shell script: its grammar must have loaded (run alone, this test failed).
before(() => prepareLint('shell'));

const EXPECTED: Record<string, string> = {
  'bringup/launch/robot.py': 'ros2-launch-py',
  'bringup/launch/sim.yaml': 'ros2-launch-yaml',
  'ci/jetson-docker-compose.yml': 'compose',
  'deploy/robot.compose.yaml': 'compose',
  'deploy/stack.yml': 'compose',
  'docker/ros_entrypoint': 'shell',
  'env/bash.rc': 'shell',
  'hooks/setup.bash': 'shell',
  'roslaunch/test/talker_listener.test': 'ros1-launch',
  'roslaunch/test/xml/test-machine-env.xml': 'ros1-launch',
};

test('the CLI walker detects launch, compose and shell files by content and rc-file names; it leaves the others', async () => {
  const walk = await walkFiles(['.'], dir);
  assert.deepEqual(Object.fromEntries(walk.files.map((f) => [f.file, f.kind])), EXPECTED);
});

test('the editor detects the same kinds from the path and the text', () => {
  for (const [file, kind] of Object.entries(EXPECTED)) {
    const path = join(dir, file);
    assert.equal(detectKind(path, readFileSync(path, 'utf8')), kind, file);
  }
  for (const file of ['roslaunch/package.xml', 'bringup/setup.py', 'bringup/config/params.yaml', 'docker/LICENSE']) {
    const path = join(dir, file);
    assert.equal(detectKind(path, readFileSync(path, 'utf8')), undefined, file);
  }
});

test('files found by content are linted: each of these has its finding', () => {
  const codes = (file: string) => {
    const path = join(dir, file);
    return lintText(path, readFileSync(path, 'utf8'), { os: 'linux' }).findings.map((f) => f.code);
  };
  assert.ok(codes('roslaunch/test/xml/test-machine-env.xml').includes('FMT005'));
  assert.ok(codes('bringup/launch/robot.py').includes('DOM002'));
  assert.ok(codes('bringup/launch/sim.yaml').includes('DISC002'));
  assert.ok(codes('deploy/robot.compose.yaml').includes('DC003'));
  assert.ok(codes('docker/ros_entrypoint').includes('DOM002'));
});

test('user settings.json (the Create Profile wizard writes there by default) is linted like workspace settings', () => {
  const text = '{\n  "rosNetwork.profiles": [{ "name": "lab", "ROS_MASTER_URI": "http://hal:11311", "ROS_IP": "localhost" }]\n}\n';
  for (const path of ['/home/u/.config/Code/User/settings.json', '/home/u/.local/share/code-server/User/profiles/3b1f/settings.json']) {
    assert.equal(detectKind(path), 'settings', path);
    assert.ok(
      lintText(path, text, { os: 'linux' }).findings.some((f) => f.code === 'HOST004'),
      path,
    );
  }
  assert.equal(detectKind('/w/settings.json'), undefined);
});
