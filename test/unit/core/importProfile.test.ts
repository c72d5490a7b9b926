import { test } from 'node:test';
import assert from 'node:assert/strict';
import { profileFromDotenv, profileFromEnvironment } from '../../../src/core/profiles/importProfile';
import { parseProfiles } from '../../../src/core/profiles/parseProfiles';

test('import from the environment keeps ROS network variables and skips setup.bash ones', () => {
  const r = profileFromEnvironment('here', {
    ROS_MASTER_URI: 'http://hal:11311',
    ROS_IP: '10.0.0.2',
    ROS_DISTRO: 'noetic',
    ROS_PACKAGE_PATH: '/opt/ros/noetic/share',
    PATH: '/usr/bin',
    ROS_NAMESPACE: '/robot1',
  });
  assert.deepEqual(r.profile, { name: 'here', ROS_IP: '10.0.0.2', ROS_MASTER_URI: 'http://hal:11311', env: { ROS_NAMESPACE: '/robot1' } });
  assert.deepEqual(parseProfiles([r.profile], 'user').problems, []);
});

test('invalid values are skipped with the reason, the rest imported', () => {
  const r = profileFromEnvironment('x', { ROS_MASTER_URI: 'hal:11311', ROS_DOMAIN_ID: '7' });
  assert.deepEqual(r.imported, ['ROS_DOMAIN_ID']);
  assert.equal(r.skipped[0]!.name, 'ROS_MASTER_URI');
  assert.match(r.skipped[0]!.reason, /http/);
  assert.equal(r.profile.ROS_DOMAIN_ID, 7);
});

test('import from a .env file understands export, quotes and comments', () => {
  const r = profileFromDotenv(
    'robot',
    [
      '# robot network',
      'export ROS_MASTER_URI="http://robot.local:11311"  # the robot',
      "ROS_HOSTNAME='laptop.local'",
      'ROS_STATIC_PEERS="10.0.0.1;10.0.0.2"',
      '',
    ].join('\n'),
  );
  assert.equal(r.profile.ROS_MASTER_URI, 'http://robot.local:11311');
  assert.equal(r.profile.ROS_HOSTNAME, 'laptop.local');
  assert.equal(r.profile.ROS_STATIC_PEERS, '10.0.0.1;10.0.0.2');
});
