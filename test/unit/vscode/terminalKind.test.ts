// Relaunch Terminals restarts only the shells the user opened (issue 14 §5: it re-ran a finished task).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { terminalKind, type TerminalFacts } from '../../../src/vscode/terminal/terminalKind';

const base: TerminalFacts = { name: 'bash', extensionPty: false, hideFromUser: false, taskProcess: false };

test('a shell the user opened (default profile, or a profile with login args) is relaunched', () => {
  assert.equal(terminalKind(base), 'shell');
  assert.equal(terminalKind({ ...base, shellPath: '/bin/bash', shellArgs: ['--login'] }), 'shell');
  assert.equal(terminalKind({ ...base, name: 'zsh', shellPath: '/usr/bin/zsh' }), 'shell');
});

test('a task terminal is never relaunched: by its announced pid, or by how VS Code starts tasks', () => {
  assert.equal(terminalKind({ ...base, name: 'build', taskProcess: true }), 'task');
  assert.equal(terminalKind({ ...base, name: 'build', shellPath: '/bin/bash', shellArgs: ['-c', 'catkin_make'] }), 'task');
  assert.equal(
    terminalKind({ ...base, name: 'deploy', shellPath: 'C:\\Windows\\System32\\cmd.exe', shellArgs: ['/d', '/c', 'deploy.bat'] }),
    'task',
  );
  assert.equal(terminalKind({ ...base, name: 'Task - roslaunch' }), 'task');
});

test("a program or an extension's pseudoterminal is left alone", () => {
  assert.equal(
    terminalKind({ ...base, name: 'roslaunch', shellPath: '/opt/ros/noetic/bin/roslaunch', shellArgs: ['demo.launch'] }),
    'other',
  );
  assert.equal(terminalKind({ ...base, name: 'ext', extensionPty: true }), 'other');
  assert.equal(terminalKind({ ...base, hideFromUser: true }), 'other');
});
