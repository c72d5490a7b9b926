// What the lint engine reads of a source: ruled names only, the last assignment of a variable, the
// effective environment of flat and nested scopes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText } from '../../../src/core/lint/lintEngine';
import { lintModel } from '../../../src/core/lint/lintModel';
import type { Assignment, SourceModel } from '../../../src/core/lint/types';
import { dotenvSource } from '../../../src/core/lint/sources/dotenvSource';
import { composeSource } from '../../../src/core/lint/sources/composeSource';
import { isRuledName, ROS2_ONLY } from '../../../src/core/lint/rules/valueRules';
import { ROS1_KEYS } from '../../../src/core/ros/variables';
import { ROS_VARIABLES } from '../../../src/core/ros/variables';

const CTX = { os: 'linux' as const };
const codes = (path: string, text: string) =>
  lintText(path, text, CTX).findings.map((f) => `${f.code}@${f.span.start}:${f.message.split(':')[0]}`);

test('every name a rule reads passes isRuledName (lintModel skips the others)', () => {
  for (const v of ROS_VARIABLES) assert.ok(isRuledName(v.name), v.name);
  for (const n of [
    ...ROS1_KEYS,
    ...ROS2_ONLY,
    'ROS_VERSION',
    'ROS_DISTRO',
    'FASTDDS_BUILTIN_TRANSPORTS',
    'CYCLONEDDS_URI',
    'ZENOH_CONFIG_OVERRIDE',
  ])
    assert.ok(isRuledName(n), n);
  for (const n of ['APP_HOST', 'DISPLAY', 'PATH', '__machine_address']) assert.equal(isRuledName(n), false, n);
});

test('.env: only ruled names become assignments; every key still counts for DuplicatedKey', () => {
  const m = dotenvSource('APP=1\nROS_IP=10.0.0.2\nAPP=2\nexport ROS_DOMAIN_ID=3\n', 'dotenv');
  assert.deepEqual(
    m.assignments.map((a) => a.name),
    ['ROS_IP', 'ROS_DOMAIN_ID'],
  );
  assert.match(m.findings.find((f) => f.message.startsWith('DuplicatedKey'))!.message, /APP key is duplicated \(line 1\)/);
});

test('.env: duplicates among 5,000 keys are all found, with their lines', () => {
  const lines: string[] = [];
  for (let i = 0; i < 5000; i++) lines.push(`KEY_${i}=${i}`);
  for (let i = 0; i < 5000; i += 997) lines.push(`KEY_${i}=again`);
  const dups = dotenvSource(lines.join('\n') + '\n', 'dotenv').findings.filter((f) => f.message.startsWith('DuplicatedKey'));
  assert.deepEqual(
    dups.map((f) => f.message),
    [0, 997, 1994, 2991, 3988, 4985].map((i) => `DuplicatedKey: The KEY_${i} key is duplicated (line ${i + 1}); the later value wins`),
  );
});

test('.env: whether the file is sourced is decided by its entries, even when a text search guesses wrong', () => {
  // 'export' starts a line only inside a quoted value: not sourced, so spaces are a warning.
  const inside = 'A="x\nexport B=1"\nC = 2\n';
  assert.equal(dotenvSource(inside, 'dotenv').findings.find((f) => f.message.startsWith('SpaceCharacter'))!.severity, 'warning');
  // `export =1` is an invalid line, not an exported entry.
  assert.equal(
    dotenvSource('export =1\nC = 2\n', 'dotenv').findings.find((f) => f.message.startsWith('SpaceCharacter'))!.severity,
    'warning',
  );
  // A real export entry: the same spaces are an error (a shell runs the line).
  assert.equal(
    dotenvSource('export A=1\nC = 2\n', 'dotenv').findings.find((f) => f.message.startsWith('SpaceCharacter'))!.severity,
    'error',
  );
  assert.equal(
    dotenvSource('  export\tA=1\nC = 2\n', 'dotenv').findings.find((f) => f.message.startsWith('SpaceCharacter'))!.severity,
    'error',
  );
});

test('.env: ROS_VERSION and ROS_DISTRO come from their first assignment, as before', () => {
  assert.equal(dotenvSource('ROS_VERSION\nROS_VERSION=1\n', 'dotenv').ros, undefined);
  assert.equal(dotenvSource('ROS_VERSION=2\nROS_VERSION=1\nROS_DISTRO=humble\n', 'dotenv').ros, 2);
  assert.equal(dotenvSource('ROS_DISTRO=humble\nROS_DISTRO=noetic\n', 'dotenv').distro, 'humble');
});

test('compose: the last assignment of a variable decides, in map and list form; first key of a service wins', () => {
  const list =
    'services:\n  a:\n    image: ros:noetic\n    network_mode: host\n    environment:\n      - ROS_MASTER_URI=http://localhost:11311\n      - ROS_MASTER_URI=http://hal:11311\n';
  assert.ok(
    codes('/ws/compose.yaml', list).some((c) => c.startsWith('HOST005')),
    'remote master from the second entry',
  );
  const map =
    'services:\n  a:\n    image: ros:noetic\n    network_mode: host\n    environment:\n      ROS_MASTER_URI: http://hal:11311\n      ROS_IP: 10.0.0.2\n';
  assert.ok(!codes('/ws/compose.yaml', map).some((c) => c.startsWith('HOST005')));
  const m = composeSource(
    'services:\n  a:\n    image: ros:jazzy\n    network_mode: host\n    environment:\n      ROS_DOMAIN_ID: "3"\n      APP: x\n',
  );
  assert.deepEqual(
    m.assignments.map((a) => a.name),
    ['ROS_DOMAIN_ID', 'APP'],
  );
  assert.equal(m.scopes?.get('service:a')?.ros, 2);
});

test('flat scopes: an unset removes an earlier set, a later set wins again (as in nested scopes)', () => {
  const text = 'ROS_HOSTNAME=hal\nROS_IP=10.0.0.2\n';
  const a = (name: string, op: 'set' | 'unset', at: number, value?: string): Assignment => ({
    name,
    value,
    keySpan: { start: at, end: at + name.length },
    valueSpan: { start: at, end: at },
    op,
    scope: 'file',
  });
  const model = (assignments: Assignment[]): SourceModel => ({ kind: 'dotenv', text, assignments, findings: [] });
  const prec = (as: Assignment[]) => lintModel(model(as), CTX).filter((f) => f.code === 'PREC001').length;
  assert.equal(prec([a('ROS_HOSTNAME', 'set', 0, 'hal'), a('ROS_IP', 'set', 17, '10.0.0.2')]), 1);
  assert.equal(prec([a('ROS_HOSTNAME', 'set', 0, 'hal'), a('ROS_IP', 'set', 17, '10.0.0.2'), a('ROS_HOSTNAME', 'unset', 30)]), 0);
  assert.equal(prec([a('ROS_HOSTNAME', 'unset', 0), a('ROS_IP', 'set', 17, '10.0.0.2'), a('ROS_HOSTNAME', 'set', 30, 'hal')]), 1);
  // The same through a nested scope (the other path): identical answers.
  const nested = (as: Assignment[]) =>
    lintModel(model([...as.map((x) => ({ ...x, scope: 'file/inner' })), a('ROS_DISTRO', 'set', 40, 'noetic')]), CTX).filter(
      (f) => f.code === 'PREC001',
    ).length;
  assert.equal(nested([a('ROS_HOSTNAME', 'set', 0, 'hal'), a('ROS_IP', 'set', 17, '10.0.0.2'), a('ROS_HOSTNAME', 'unset', 30)]), 0);
  assert.equal(nested([a('ROS_HOSTNAME', 'unset', 0), a('ROS_IP', 'set', 17, '10.0.0.2'), a('ROS_HOSTNAME', 'set', 30, 'hal')]), 1);
});
