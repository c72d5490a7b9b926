// `docker run` in scripts and devcontainer runArgs get the compose rules (issue 12 §6): before, a
// script's containers and runArgs' network flags were never read.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText, prepareLint } from '../../../src/core/lint/lintEngine';
import { applyFixes } from '../../../src/core/lint/fixes/applyFixes';
import type { LintContext } from '../../../src/core/lint/types';

const ctx: LintContext = { os: 'linux' };
const FIX = join(__dirname, '..', '..', 'fixtures', 'lint');
const lint = (file: string, text: string) => lintText(file, text, ctx).findings;
const codes = (text: string) => lint('/w/run.sh', text).map((f) => f.code);

before(() => prepareLint('shell'));

test('HARMONI-style host-network commands lint clean', () => {
  const f = join(FIX, 'shell', 'harmoni_containers.sh');
  assert.deepEqual(
    lint(f, readFileSync(f, 'utf8')).map((x) => `${x.code} ${x.message}`),
    [],
  );
});

test('the same commands on a user-defined network, for a ROS 1 image: DC001 with a --network host fix', () => {
  const text =
    'docker run -d --network ros_net \\\n  -e "ROS_MASTER_URI=$ROS_MASTER_URI" -e ROS_IP \\\n  ros:noetic-perception roslaunch perception run.launch\n';
  const f = lint('/w/run.sh', text);
  assert.deepEqual(
    f.map((x) => [x.code, x.severity]),
    [['DC001', 'warning']],
  );
  assert.equal(text.slice(f[0]!.span.start, f[0]!.span.end), 'ros_net');
  assert.match(applyFixes(text, [f[0]!.fixes![0]!]), /--network host \\/);
  // Default bridge network (no --network), a literal master elsewhere: DC001 too.
  assert.deepEqual(codes('docker run -e ROS_MASTER_URI=http://192.168.1.20:11311 -e ROS_HOSTNAME=cam ros:noetic rosrun a b\n'), ['DC001']);
  // The master is another container of this script on the same network: only the info.
  const inside = lint(
    '/w/run.sh',
    'docker run -d --name master --network ros_net ros:noetic roscore\ndocker run -d --network ros_net -e ROS_MASTER_URI=http://master:11311 -e ROS_HOSTNAME=cam ros:noetic rosrun a b\n',
  );
  assert.deepEqual(
    inside.map((x) => [x.code, x.severity]),
    [['DC001', 'info']],
  );
});

test('a ROS 2 Fast DDS container with --network host and no --ipc host: DC003, fixed by adding --ipc host', () => {
  const text = 'docker run --rm --network host ros:jazzy ros2 run demo_nodes_cpp talker\n';
  const [f] = lint('/w/run.sh', text);
  assert.equal(f!.code, 'DC003');
  assert.equal(f!.severity, 'warning');
  assert.equal(applyFixes(text, [f!.fixes![0]!]), 'docker run --rm --network host --ipc host ros:jazzy ros2 run demo_nodes_cpp talker\n');
  assert.deepEqual(codes('docker run --rm --net=host --ipc=host ros:jazzy ros2 run demo_nodes_cpp talker\n'), []);
  assert.deepEqual(codes('podman run --network host -e RMW_IMPLEMENTATION=rmw_cyclonedds_cpp ros:jazzy ros2 topic list\n'), []);
  assert.deepEqual(codes('docker create --network=host -e FASTDDS_BUILTIN_TRANSPORTS=UDPv4 ros:humble ros2 topic list\n'), []);
  // An image of unknown origin that may set its own RMW: said, at info level.
  assert.deepEqual(
    lint('/w/run.sh', 'docker run --network host -e ROS_DOMAIN_ID=3 acme/robot:latest\n').map((x) => [x.code, x.severity]),
    [['DC003', 'info']],
  );
});

test('-e values get the value rules, and host mode with -p gets DC002', () => {
  assert.deepEqual(codes('docker run --env ROS_MASTER_URI=localhost:11311 -e ROS_DOMAIN_ID=300 ros:humble ros2 topic list\n'), [
    'PREC002',
    'URI001',
    'DOM002',
  ]);
  const text = 'docker run -d --network=host -p 11311:11311 ros:noetic roscore\n';
  const f = lint('/w/run.sh', text).find((x) => x.code === 'DC002')!;
  assert.equal(applyFixes(text, [f.fixes![0]!]), 'docker run -d --network=host ros:noetic roscore\n');
  // docker compose run takes network and image from the compose file: only its -e values are read.
  assert.deepEqual(codes('docker compose run --rm -e ROS_DOMAIN_ID=08 nav ros2 launch x y.launch.py\n'), ['DOM001']);
  // Words that only mention docker are not containers.
  assert.deepEqual(codes('echo "docker run --network host ros:jazzy"\nwhich docker\n'), []);
});

test('devcontainer runArgs are docker run options: DC003 and the -e values', () => {
  const f = join(FIX, 'containers', 'devcontainer.json');
  const text = readFileSync(f, 'utf8');
  const found = lint(f, text);
  assert.deepEqual(
    found.map((x) => x.code),
    ['DC003'],
  );
  const fixed = applyFixes(text, [found[0]!.fixes![0]!]);
  assert.match(fixed, /"--network=host", "--ipc=host", "--pid=host"/);
  assert.doesNotThrow(() => JSON.parse(fixed.replace(/^\s*\/\/.*$/gm, '')));
  assert.deepEqual(
    lint(
      '/w/.devcontainer/devcontainer.json',
      '{ "image": "ros:noetic", "runArgs": ["-e", "ROS_MASTER_URI=http://hal:11311", "-e", "ROS_IP=hal"] }',
    ).map((x) => x.code),
    // On the default bridge with a master elsewhere (DC001), and a name in ROS_IP.
    ['DC001', 'HOST001'],
  );
});
