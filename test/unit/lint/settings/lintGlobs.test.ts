import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LINT_GLOBS } from '../../../../src/core/lint/settings/lintGlobs';
import { globToRegExp, matchesAnyGlob } from '../../../../src/core/lint/settings/globMatch';
import { detectKind } from '../../../../src/core/lint/lintEngine';

const SUPPORTED = [
  '/w/.env',
  '/w/robot.env',
  '/w/.env.local',
  '/w/scripts/setup_robot.sh',
  '/home/u/.bashrc',
  '/w/docker-compose.yml',
  '/w/compose.yaml',
  '/w/compose.override.yml',
  '/w/docker-compose.prod.yaml',
  '/w/talker.launch',
  '/w/sim.launch.xml',
  '/w/bringup.launch.py',
  '/w/sim.launch.yaml',
  '/w/.devcontainer/devcontainer.json',
  '/w/.devcontainer.json',
  '/w/.vscode/settings.json',
  '/w/bringup/launch/robot_launch.py',
  '/w/bringup/robot_launch.yaml',
  '/w/bringup/robot_launch.xml',
  '/w/deploy/robot.compose.yaml',
  '/w/ci/jetson-docker-compose.yml',
  '/w/compose.dev.yaml',
  '/w/env/bash.rc',
  '/w/hooks/setup.bash',
  '/w/scripts/env.sh.in',
];
const UNSUPPORTED = ['/w/README.md', '/w/package.json', '/w/settings.json', '/w/robot.xml', '/w/main.py', '/w/config.yaml'];

test('the selector globs select exactly the files detectKind lints (on these realistic names)', () => {
  for (const p of SUPPORTED) {
    assert.ok(detectKind(p), `${p} is supported by the engine`);
    assert.ok(matchesAnyGlob(LINT_GLOBS, p), `${p} matches a selector glob`);
  }
  for (const p of UNSUPPORTED) {
    assert.equal(detectKind(p), undefined, p);
    assert.equal(matchesAnyGlob(LINT_GLOBS, p), false, p);
  }
});

test('exclude globs match absolute and folder-relative paths', () => {
  assert.ok(matchesAnyGlob(['**/node_modules/**'], '/w/node_modules/x/.env'));
  assert.ok(matchesAnyGlob(['vendor/**'], '/w/vendor/a/.env', 'vendor/a/.env'));
  assert.ok(!matchesAnyGlob(['vendor/**'], '/w/src/.env', 'src/.env'));
  assert.ok(matchesAnyGlob(['**/*.{sh,bash}'], '/w/a/b.bash'));
  assert.ok(globToRegExp('**/ignored/**').test('/tmp/ws/ignored/bad.env'));
  assert.ok(!globToRegExp('*.env').test('/w/a.env'), 'a single * does not cross folders');
});
