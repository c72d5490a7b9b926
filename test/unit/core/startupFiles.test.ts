// The shell start-up files as evidence for pinning ROS_HOSTNAME (issue 14 §1), read with the lint
// engine's shell parser as the extension does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanStartupFiles, sourcedPaths, whereLabel } from '../../../src/core/env/startupFiles';
import { shellAssignments } from '../../../src/core/lint/lintEngine';

const home = '/home/ada';

test('source/. commands with literal, ~ and $HOME paths are followed; other expansions are not guessed', () => {
  const text = [
    '[ -f ~/.bash_aliases ] && . ~/.bash_aliases',
    'if [ -f "$HOME/.ros_env" ]; then source "$HOME/.ros_env"; fi',
    'source ${HOME}/ros/lab.sh',
    'source /opt/ros/noetic/setup.bash',
    '. "$WS/devel/setup.bash"',
    '# source ~/commented-out',
    'source relative.sh',
  ].join('\n');
  assert.deepEqual(sourcedPaths(text, home), [
    '/home/ada/.bash_aliases',
    '/home/ada/.ros_env',
    '/home/ada/ros/lab.sh',
    '/opt/ros/noetic/setup.bash',
    '/home/ada/relative.sh',
  ]);
});

test('the scan finds ROS_HOSTNAME in a file sourced by ~/.bashrc, with its line', () => {
  const files: Record<string, string> = {
    '/home/ada/.bashrc': '# ~/.bashrc\nexport PS1="$ "\n. ~/.ros_env\n',
    '/home/ada/.ros_env': 'export ROS_MASTER_URI=http://wrong:11311\nexport ROS_HOSTNAME=old-laptop\n',
    '/home/ada/.profile': 'if [ -n "$BASH_VERSION" ]; then . "$HOME/.bashrc"; fi\n',
  };
  const scan = scanStartupFiles({ home, readText: (p) => files[p], assignments: shellAssignments });
  assert.deepEqual(scan.files, ['/home/ada/.bashrc', '/home/ada/.ros_env', '/home/ada/.profile']);
  const h = scan.assignments.find((a) => a.name === 'ROS_HOSTNAME')!;
  assert.equal(whereLabel(h, home), '~/.ros_env:2');
  assert.equal(h.value, 'old-laptop');
  assert.ok(scan.assignments.some((a) => a.name === 'ROS_MASTER_URI' && a.value === 'http://wrong:11311' && a.line === 1));
});

test('no start-up files: nothing read, no evidence', () => {
  const scan = scanStartupFiles({ home, readText: () => undefined, assignments: shellAssignments });
  assert.deepEqual(scan, { files: [], assignments: [] });
});
