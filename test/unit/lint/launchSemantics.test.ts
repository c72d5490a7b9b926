// roslaunch / ROS 2 launch semantics: substitutions resolved from the file's own args or left
// unknown, <env> reaching only what comes after it, remaps beating the environment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText, parseSource } from '../../../src/core/lint/lintEngine';
import type { LintContext } from '../../../src/core/lint/types';

const dir = join(__dirname, '../../fixtures/lint-idioms/launch');
const read = (f: string) => readFileSync(join(dir, f), 'utf8');
const lint = (f: string, ctx: LintContext = { os: 'linux' }) => {
  const text = read(f);
  return lintText(join(dir, f), text, ctx).findings.map((x) => `${x.code} ${text.slice(x.span.start, x.span.end)}`);
};

test('a <machine> timeout and default given by $(arg …) are checked as the args resolve, $(env …) is not checked', () => {
  assert.deepEqual(lint('remote_timeouts.launch'), []);
  const bad = read('remote_timeouts.launch').replace('default="10.0"', 'default="soon"');
  const f = lintText('/w/remote.launch', bad, { os: 'linux' }).findings;
  assert.deepEqual(
    f.map((x) => `${x.code} ${bad.slice(x.span.start, x.span.end)}`),
    ['FMT005 soon'],
  );
});

test('__ip:=$(arg addr) is read whole, resolves to the default, and beats the ROS_HOSTNAME variable (no PREC001)', () => {
  const m = parseSource('ros1-launch', read('node_ip_arg.launch'));
  const ip = m.assignments.find((a) => a.name === 'ROS_IP')!;
  assert.equal(ip.value, '192.168.1.20');
  assert.deepEqual(lint('node_ip_arg.launch'), []);
  // The same node with an env ROS_IP instead of the remap: ROS_HOSTNAME wins, PREC001 is right.
  const env = read('node_ip_arg.launch').replace('args="__ip:=$(arg addr) --fps 30"/>', '><env name="ROS_IP" value="$(arg addr)"/></node>');
  assert.ok(lintText('/w/x.launch', env, { os: 'linux' }).findings.some((x) => x.code === 'PREC001'));
});

test('an <env> after an <include> or a <node> does not reach it; it reaches the nodes after it', () => {
  assert.deepEqual(lint('env_after_include.launch'), []);
  const before = read('env_after_include.launch').replace(
    '<node pkg="teleop" type="teleop_node" name="teleop"/>',
    '<node pkg="teleop" type="teleop_node" name="teleop"><env name="ROS_IP" value="10.0.0.5"/></node>',
  );
  assert.deepEqual(
    lintText('/w/x.launch', before, { os: 'linux' }).findings.map((x) => x.code),
    ['PREC001'],
  );
});

test('HOST004: a loopback ROS_IP in a launch that starts nodes on a remote <machine>', () => {
  assert.deepEqual(lint('loopback_machine.launch'), ['HOST004 127.0.0.1']);
  const local = read('loopback_machine.launch').replace('address="arm.local"', 'address="localhost"');
  assert.deepEqual(lintText('/w/x.launch', local, { os: 'linux' }).findings, []);
});

test('ROS 2: <env> inside <node_container>; $(var) resolves from <arg> defaults; $(find-pkg-share) is unknown', () => {
  assert.deepEqual(lint('container.launch.xml'), ['DOM002 300']);
});

test('a .launch file with ROS 2-only substitutions is ROS 2 launch XML', () => {
  assert.equal(parseSource('ros1-launch', read('ros2_substitutions.launch')).kind, 'ros2-launch-xml');
});
