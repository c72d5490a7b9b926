// A user who sets ROS_IP in a terminal or a launch <env> is never silently ignored (issue 14 §1):
// the doctor run in that terminal and the hover on the launch <env> say which address wins.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inputFromEnvironment } from '../../../src/core/doctor/doctorInput';
import { advertisedCheck } from '../../../src/core/doctor/addressChecks';
import { hoverAt } from '../../../src/core/lint/hover/hoverAt';

test('doctor in a terminal where the profile pinned ROS_HOSTNAME and the user exported ROS_IP: warns, names the pin', () => {
  const input = inputFromEnvironment({
    ROS_MASTER_URI: 'http://127.0.0.1:11311',
    ROS_HOSTNAME: '127.0.0.1',
    ROS_IP: '192.0.2.2',
    ROSNET_PROFILE: 'local',
    ROSNET_PINNED: 'ROS_HOSTNAME',
  });
  const c = advertisedCheck({ input });
  assert.equal(c.verdict, 'warning');
  assert.match(
    c.evidence[0]!,
    /pinned by the ROS Network profile 'local'.*wins over ROS_IP=192\.0\.2\.2: nodes started here advertise 127\.0\.0\.1/,
  );
  assert.match(c.fix!.title, /export ROS_HOSTNAME=192\.0\.2\.2/);
});

test('doctor: ROS_IP alone is what nodes advertise', () => {
  const c = advertisedCheck({ input: inputFromEnvironment({ ROS_MASTER_URI: 'http://hal:11311', ROS_IP: '192.0.2.2' }) });
  assert.equal(c.verdict, 'ok');
  assert.deepEqual(c.evidence, ['Nodes advertise ROS_IP=192.0.2.2.']);
});

const launch =
  '<launch>\n  <node pkg="rospy_tutorials" type="talker.py" name="t">\n    <env name="ROS_IP" value="192.0.2.2"/>\n  </node>\n</launch>\n';
const at = launch.indexOf('192.0.2.2') + 2;
const profile = (terminal: Record<string, string>, pinned: Record<string, string> = {}) => ({
  os: 'linux' as const,
  profile: {
    name: 'local',
    variables: new Map([['ROS_IP', '127.0.0.1']]),
    terminal: new Map(Object.entries(terminal)),
    pinned: new Map(Object.entries(pinned)),
  },
});

test('hover on a launch <env name="ROS_IP">: the pinned ROS_HOSTNAME of the terminal wins, and why', () => {
  const h = hoverAt(
    '/w/a.launch',
    launch,
    at,
    profile({ ROS_IP: '127.0.0.1', ROS_HOSTNAME: '127.0.0.1' }, { ROS_HOSTNAME: '~/.bashrc:3 sets ROS_HOSTNAME' }),
  );
  assert.match(
    h!.markdown,
    /\*What wins:\* started from a VS Code terminal of 'local', nodes advertise `127\.0\.0\.1`, not `192\.0\.2\.2`/,
  );
  assert.match(h!.markdown, /pinned: ~\/\.bashrc:3 sets ROS_HOSTNAME/);
});

test('hover on a launch <env name="ROS_IP">: without a ROS_HOSTNAME in the terminal, this value wins', () => {
  const h = hoverAt('/w/a.launch', launch, at, profile({ ROS_IP: '127.0.0.1' }));
  assert.match(h!.markdown, /\*What wins:\* this value, when started from a VS Code terminal of 'local'/);
});
