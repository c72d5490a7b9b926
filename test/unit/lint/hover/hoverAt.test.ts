import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { hoverAt, type HoverContext } from '../../../../src/core/lint/hover/hoverAt';
import { prepareLint } from '../../../../src/core/lint/lintEngine';

const ctx: HoverContext = { os: 'linux' };
const withProfile: HoverContext = { os: 'linux', profile: { name: 'sim', variables: new Map([['ROS_DOMAIN_ID', '42']]) } };
const at = (text: string, needle: string, delta = 1) => text.indexOf(needle) + delta;

before(() => prepareLint('shell'));

test('on a ROS_DOMAIN_ID value in a .env file: the port table, spanning exactly the value', () => {
  const text = 'ROS_DOMAIN_ID=7\n';
  const r = hoverAt('/w/.env', text, at(text, '7', 0), ctx);
  assert.ok(r);
  assert.deepEqual(r.span, { start: 14, end: 15 });
  assert.match(r.markdown, /Discovery multicast \| 9150 \|/);
  assert.match(r.markdown, /\| 0 \| 9160 \| 9161 \|/);
});

test('an octal-looking domain value says what rcl reads before the table', () => {
  const text = 'export ROS_DOMAIN_ID=010\n';
  const r = hoverAt('/w/setup_robot.sh', text, at(text, '010'), ctx)!;
  assert.match(r.markdown, /`010` is read by rcl as \*\*8\*\* \('010' is read as octal\)/);
  assert.match(r.markdown, /Discovery multicast \| 9400 \|/);
});

test('on a domain value in a compose file and in a ROS 2 launch file', () => {
  const compose = 'services:\n  talker:\n    image: ros:jazzy\n    environment:\n      ROS_DOMAIN_ID: "12"\n';
  assert.match(hoverAt('/w/compose.yaml', compose, at(compose, '12'), ctx)!.markdown, /Discovery multicast \| 10400 \|/);
  const launch = '<launch>\n  <set_env name="ROS_DOMAIN_ID" value="3"/>\n</launch>\n';
  assert.match(hoverAt('/w/sim.launch.xml', launch, at(launch, '"3"'), ctx)!.markdown, /Discovery multicast \| 8150 \|/);
});

test('on a variable name: meaning, precedence, value in this file and the active profile value', () => {
  const text = 'ROS_DOMAIN_ID=7\nROS_HOSTNAME=marvin\n';
  const r = hoverAt('/w/.env', text, at(text, 'ROS_DOMAIN_ID'), withProfile)!;
  assert.deepEqual(r.span, { start: 0, end: 13 });
  assert.match(r.markdown, /\*\*ROS_DOMAIN_ID\*\* \(ROS 2\)/);
  assert.match(r.markdown, /DDS domain/);
  assert.match(r.markdown, /\*Precedence:\*/);
  assert.match(r.markdown, /\*In this file:\* `7`/);
  assert.match(r.markdown, /\*Active profile 'sim':\* `42`/);
  const h = hoverAt('/w/.env', text, at(text, 'ROS_HOSTNAME'), withProfile)!;
  assert.match(h.markdown, /\*Active profile 'sim':\* does not set it/);
  assert.match(hoverAt('/w/.env', text, at(text, 'ROS_HOSTNAME'), ctx)!.markdown, /\*Active profile:\* none/);
});

test('a shadowed assignment names the line whose value wins', () => {
  const text = 'ROS_IP=10.0.0.1\nROS_IP=10.0.0.2\n';
  const r = hoverAt('/w/.env', text, 2, ctx)!;
  assert.match(r.markdown, /overridden by line 2: `10\.0\.0\.2`/);
});

test('a ROS 1 launch node-level <env> is its own scope; the node arg __master:= is hovered as ROS_MASTER_URI', () => {
  const text =
    '<launch>\n  <env name="ROS_IP" value="10.0.0.1"/>\n  <node pkg="p" type="t" name="n" args="__master:=http://hal:11311">\n    <env name="ROS_IP" value="10.0.0.9"/>\n  </node>\n</launch>\n';
  const outer = hoverAt('/w/robot.launch', text, at(text, 'ROS_IP'), ctx)!;
  assert.match(outer.markdown, /\*In this file:\* `10\.0\.0\.1`/);
  const inner = hoverAt('/w/robot.launch', text, text.lastIndexOf('ROS_IP') + 1, ctx)!;
  assert.match(inner.markdown, /\*In this file \(node:n\):\* `10\.0\.0\.9`/);
  const master = hoverAt('/w/robot.launch', text, at(text, '__master'), ctx)!;
  assert.match(master.markdown, /\*\*ROS_MASTER_URI\*\* \(ROS 1\)/);
});

test('a variable mentioned outside an assignment (launch.py os.environ) lists where the file sets it', () => {
  const text =
    "import os\nfrom launch import LaunchDescription\nfrom launch.actions import SetEnvironmentVariable\n\ndef generate_launch_description():\n    print(os.environ.get('RMW_IMPLEMENTATION'))\n    return LaunchDescription([SetEnvironmentVariable('RMW_IMPLEMENTATION', 'rmw_cyclonedds_cpp')])\n";
  const r = hoverAt('/w/bringup.launch.py', text, at(text, "RMW_IMPLEMENTATION'))"), ctx)!;
  assert.match(r.markdown, /\*\*RMW_IMPLEMENTATION\*\*/);
  assert.match(r.markdown, /\*In this file:\* line 7: `rmw_cyclonedds_cpp`/);
});

test('no hover on unknown words, unsupported files, or non-ROS variables', () => {
  const text = 'FOO=1\nROS_DOMAIN_ID=1\n';
  assert.equal(hoverAt('/w/.env', text, 1, ctx), undefined);
  assert.equal(hoverAt('/w/notes.txt', text, at(text, 'ROS_DOMAIN_ID'), ctx), undefined);
});

test('a broken XML file still gets hovers on variable names, and never throws', () => {
  const text = '<launch>\n  <env name="ROS_MASTER_URI" value="http://hal:11311"\n';
  const r = hoverAt('/w/broken.launch', text, at(text, 'ROS_MASTER_URI'), ctx);
  assert.ok(r);
  assert.match(r.markdown, /\*\*ROS_MASTER_URI\*\*/);
});
