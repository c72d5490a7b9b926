// Issue 14 §7: the invalid-profile notification quotes the offending value and lists every problem.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatProblem, invalidProfilesMessage, parseProfiles } from '../../../src/core/profiles/parseProfiles';

const parsed = parseProfiles(
  [
    { name: 'ok', ROS_MASTER_URI: 'http://hal:11311' },
    { name: 'bad', ROS_MASTER_URI: 'localhost:11311', ROS_IP: 'a b', ROS_DOMAIN_ID: 999 },
  ],
  'workspace',
);

test('one invalid profile: its name apart from the values, every problem with its value quoted', () => {
  const msg = invalidProfilesMessage(parsed.problems);
  assert.match(msg, /^ROS Network: invalid profile, not used: 'bad' \(Workspace settings\): /);
  assert.ok(msg.includes('rosNetwork.profiles[1].ROS_MASTER_URI = "localhost:11311": is not a valid master URI'), msg);
  assert.ok(msg.includes('rosNetwork.profiles[1].ROS_IP = "a b": must be a literal IPv4/IPv6 address'), msg);
  assert.ok(msg.includes('rosNetwork.profiles[1].ROS_DOMAIN_ID = 999: must be at most 232'), msg);
  assert.match(msg, /The other profiles stay usable\.$/);
});

test('several invalid profiles: each by name (or position), long values cut, the rest counted', () => {
  const many = parseProfiles(
    [
      { name: 'a', ROS_IP: 'x'.repeat(200) },
      { ROS_IP: '10.0.0.1' },
      ...Array.from({ length: 6 }, (_, i) => ({ name: `n${i}`, ROS_DOMAIN_ID: 500 + i })),
    ],
    'user',
  ).problems;
  const msg = invalidProfilesMessage(many);
  assert.match(msg, /^ROS Network: 8 invalid profiles, not used: 'a' \(User settings\): rosNetwork\.profiles\[0\]\.ROS_IP = "x{56}…": /);
  assert.match(msg, / — #2 \(User settings\): rosNetwork\.profiles\[1\]\.name is missing/);
  assert.match(msg, /— and 2 more problems \(Show Log\)\. The other profiles stay usable\.$/);
});

test('the log line quotes the value too and names the profile apart', () => {
  assert.equal(
    formatProblem(parsed.problems[0]!),
    `rosNetwork.profiles[1].ROS_MASTER_URI = "localhost:11311": ${parsed.problems[0]!.message} (profile 'bad') [Workspace settings]`,
  );
});
