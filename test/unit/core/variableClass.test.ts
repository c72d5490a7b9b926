import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseProfiles } from '../../../src/core/profiles/parseProfiles';
import type { Profile, ProfileOrigin } from '../../../src/core/profiles/profileSchema';
import {
  approvalKey,
  approvalPrompt,
  classifyProfile,
  deniedVariables,
  variableKind,
  variablesLine,
  withoutDenied,
} from '../../../src/core/env/variableClass';
import { planProfileEnv, planToEnv } from '../../../src/core/env/envPlan';

function profile(raw: Record<string, unknown>, origin: ProfileOrigin = 'workspace'): Profile {
  const r = parseProfiles([raw], origin);
  assert.deepEqual(r.problems, []);
  return r.profiles[0]!;
}

const hostile = () =>
  profile({
    name: 'lab',
    ROS_MASTER_URI: 'http://hal:11311',
    env: { PATH: '/tmp/evil:/usr/bin', LD_PRELOAD: '/tmp/evil.so', TZ: 'UTC', ROS_LOG_DIR: '/tmp/ros' },
  });

test('ROS, DDS and zenoh variables are known; others are extra; loader and shell hooks are denied', () => {
  for (const n of [
    'ROS_MASTER_URI',
    'ROS_DOMAIN_ID',
    'RMW_IMPLEMENTATION',
    'CYCLONEDDS_URI',
    'ZENOH_CONFIG_OVERRIDE',
    'RCUTILS_COLORIZED_OUTPUT',
  ])
    assert.equal(variableKind(n), 'known', n);
  for (const n of ['TZ', 'LANG', 'DISPLAY', 'http_proxy', 'PYTHONUNBUFFERED']) assert.equal(variableKind(n), 'other', n);
  for (const n of [
    'PATH',
    'LD_PRELOAD',
    'LD_LIBRARY_PATH',
    'LD_AUDIT',
    'LD_ANYTHING_NEW',
    'DYLD_INSERT_LIBRARIES',
    'GCONV_PATH',
    'PYTHONPATH',
    'PYTHONSTARTUP',
    'BASH_ENV',
    'ENV',
    'PROMPT_COMMAND',
    'PS1',
    'PS4',
    'ZDOTDIR',
    'NODE_OPTIONS',
    'SHELLOPTS',
    'IFS',
    'HOME',
    'GIT_SSH_COMMAND',
    'GIT_CONFIG_COUNT',
    'LESSOPEN',
    'ROS_PACKAGE_PATH',
    'AMENT_PREFIX_PATH',
  ])
    assert.equal(variableKind(n), 'denied', n);
});

test('a denied name matches in any case (Windows reads Path as PATH), a known one only exactly', () => {
  assert.equal(variableKind('Path'), 'denied');
  assert.equal(variableKind('ld_preload'), 'denied');
  assert.equal(variableKind('ros_master_uri'), 'other');
});

test('classifyProfile lists every variable the profile sets, then the names it clears, each with its kind', () => {
  const p = profile({
    name: 'x',
    ROS_DOMAIN_ID: 3,
    env: { PATH: '/opt/bin', TZ: 'UTC' },
    unset: ['LD_LIBRARY_PATH', 'ROS_LOCALHOST_ONLY'],
  });
  assert.deepEqual(
    classifyProfile(p).map((v) => [v.name, v.value ?? null, v.kind]),
    [
      ['ROS_DOMAIN_ID', '3', 'known'],
      ['PATH', '/opt/bin', 'denied'],
      ['TZ', 'UTC', 'other'],
      ['LD_LIBRARY_PATH', null, 'denied'],
      ['ROS_LOCALHOST_ONLY', null, 'known'],
    ],
  );
  assert.match(classifyProfile(p)[1]!.risk!, /which program every command name runs/);
});

test('withoutDenied keeps the ROS and extra variables and drops denied ones set or cleared', () => {
  const p = profile({ name: 'x', ROS_MASTER_URI: 'http://hal:11311', env: { PATH: '/tmp/evil', TZ: 'UTC' }, unset: ['PATH', 'ROS_IP'] });
  const env = planToEnv(planProfileEnv(withoutDenied(p)));
  assert.equal(env.has('PATH'), false);
  assert.equal(env.get('TZ'), 'UTC');
  assert.equal(env.get('ROS_MASTER_URI'), 'http://hal:11311');
  assert.equal(env.get('ROS_IP'), '');
  // The full plan has them: the gate is the only thing that withholds them.
  assert.equal(planToEnv(planProfileEnv(p)).get('PATH'), '/tmp/evil');
});

test('the approval key is the exact denied names and values: any change gives another key, order does not', () => {
  const a = approvalKey(deniedVariables(hostile()));
  const reordered = profile({
    name: 'other name',
    env: { LD_PRELOAD: '/tmp/evil.so', PATH: '/tmp/evil:/usr/bin', TZ: 'Europe/Paris' },
  });
  assert.equal(approvalKey(deniedVariables(reordered)), a, 'same names+values, other order and other non-denied variables');
  const changed = profile({ name: 'lab', env: { PATH: '/tmp/evil2:/usr/bin', LD_PRELOAD: '/tmp/evil.so' } });
  assert.notEqual(approvalKey(deniedVariables(changed)), a);
  const added = profile({ name: 'lab', env: { PATH: '/tmp/evil:/usr/bin', LD_PRELOAD: '/tmp/evil.so', BASH_ENV: '/tmp/x' } });
  assert.notEqual(approvalKey(deniedVariables(added)), a);
  const cleared = profile({ name: 'lab', env: { LD_PRELOAD: '/tmp/evil.so' }, unset: ['PATH'] });
  assert.notEqual(approvalKey(deniedVariables(cleared)), a);
});

test('the confirmation names each variable with its value and what it can do, and where the profile comes from', () => {
  const p = hostile();
  const { message, detail } = approvalPrompt(p, deniedVariables(p), '.vscode/settings.json');
  assert.match(message, /'lab' from this workspace's settings \(\.vscode\/settings\.json\) sets/);
  assert.match(message, /2 variables that can make terminals run other programs or code/);
  assert.match(detail, /PATH=\/tmp\/evil:\/usr\/bin\n.*which program every command name runs/);
  assert.match(detail, /LD_PRELOAD=\/tmp\/evil\.so\n.*load a library into every program/);
  assert.match(detail, /terminals and tasks get the profile without these variables/);
  assert.match(detail, /asked again/);
  assert.doesNotMatch(detail, /TZ|ROS_MASTER_URI/);
});

test("the picker's line shows every variable, extra ones marked, denied ones with whether terminals get them", () => {
  const p = hostile();
  const line = variablesLine(p, 'withheld');
  // The warning first: the picker cuts a long line at its end.
  assert.match(line, /^⚠ can run code \(not applied until you allow them\): PATH=\/tmp\/evil:\/usr\/bin, LD_PRELOAD=\/tmp\/evil\.so · /);
  assert.match(line, / · ROS_MASTER_URI=http:\/\/hal:11311 · ROS_LOG_DIR=\/tmp\/ros · extra: TZ=UTC$/);
  assert.match(variablesLine(p, 'allowed'), /allowed in this workspace/);
  assert.match(variablesLine(profile({ name: 'u', env: { PATH: '/opt' } }, 'user'), 'user'), /from your user settings\): PATH=\/opt/);
  assert.equal(variablesLine(profile({ name: 'r', ROS_DOMAIN_ID: 1 }), 'withheld'), 'ROS_DOMAIN_ID=1');
});
