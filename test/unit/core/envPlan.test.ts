import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseProfiles } from '../../../src/core/profiles/parseProfiles';
import { diffEnv, planProfileEnv, planToEnv } from '../../../src/core/env/envPlan';

function profile(raw: object) {
  const r = parseProfiles([raw], 'user');
  assert.deepEqual(r.problems, []);
  return r.profiles[0]!;
}

test('a ROS_IP profile pins ROS_HOSTNAME to the same address, since ROS_HOSTNAME would win', () => {
  const env = planToEnv(planProfileEnv(profile({ name: 'a', ROS_MASTER_URI: 'http://hal:11311', ROS_IP: '10.0.0.2' })));
  assert.equal(env.get('ROS_IP'), '10.0.0.2');
  assert.equal(env.get('ROS_HOSTNAME'), '10.0.0.2');
});

test('a ROS_HOSTNAME profile blanks an inherited ROS_IP', () => {
  const plan = planProfileEnv(profile({ name: 'a', ROS_MASTER_URI: 'http://hal:11311', ROS_HOSTNAME: 'marvin' }));
  const ip = plan.entries.find((e) => e.name === 'ROS_IP')!;
  assert.equal(ip.kind, 'blanked');
  assert.equal(ip.value, '');
});

test('discovery settings blank ROS_LOCALHOST_ONLY, which would override them', () => {
  const env = planToEnv(planProfileEnv(profile({ name: 'a', ROS_DOMAIN_ID: 3, ROS_AUTOMATIC_DISCOVERY_RANGE: 'SUBNET' })));
  assert.equal(env.get('ROS_LOCALHOST_ONLY'), '');
  assert.equal(env.get('ROS_DOMAIN_ID'), '3');
});

test('a ROS 2 profile without a domain blanks an inherited domain (default 0)', () => {
  const env = planToEnv(planProfileEnv(profile({ name: 'a', rosVersion: 2, RMW_IMPLEMENTATION: 'rmw_cyclonedds_cpp' })));
  assert.equal(env.get('ROS_DOMAIN_ID'), '');
});

test('explicit values are never overridden by the conflict rules', () => {
  const env = planToEnv(planProfileEnv(profile({ name: 'a', ROS_IP: '10.0.0.2', ROS_HOSTNAME: 'marvin', unset: ['ROS_IP'] })));
  assert.equal(env.get('ROS_IP'), '10.0.0.2');
  assert.equal(env.get('ROS_HOSTNAME'), 'marvin');
});

test('diffEnv writes only what changed', () => {
  const cur = new Map([
    ['A', '1'],
    ['B', '2'],
    ['C', '3'],
  ]);
  const next = new Map([
    ['A', '1'],
    ['B', '20'],
    ['D', '4'],
  ]);
  assert.deepEqual(diffEnv(cur, next), {
    replace: [
      ['B', '20'],
      ['D', '4'],
    ],
    remove: ['C'],
  });
  assert.deepEqual(diffEnv(next, new Map(next)), { replace: [], remove: [] });
});
