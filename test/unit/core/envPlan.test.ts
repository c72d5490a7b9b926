import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseProfiles } from '../../../src/core/profiles/parseProfiles';
import { describePlan, diffEnv, planProfileEnv, planToEnv } from '../../../src/core/env/envPlan';

function profile(raw: object) {
  const r = parseProfiles([raw], 'user');
  assert.deepEqual(r.problems, []);
  return r.profiles[0]!;
}

test('a ROS_IP profile pins ROS_HOSTNAME when ~/.bashrc or the inherited environment sets one, and says how to override', () => {
  const p = profile({ name: 'a', ROS_MASTER_URI: 'http://hal:11311', ROS_IP: '10.0.0.2' });
  for (const evidence of [{ startup: ['~/.bashrc:3'] }, { inherited: 'old-host', startup: [] }]) {
    const plan = planProfileEnv(p, evidence);
    const env = planToEnv(plan);
    assert.equal(env.get('ROS_IP'), '10.0.0.2');
    assert.equal(env.get('ROS_HOSTNAME'), '10.0.0.2');
    assert.match(
      describePlan(plan),
      /pins ROS_HOSTNAME=10\.0\.0\.2 \((~\/\.bashrc:3 sets ROS_HOSTNAME|VS Code was started with ROS_HOSTNAME=old-host)/,
    );
    assert.match(describePlan(plan), /export ROS_HOSTNAME there \(export ROS_IP alone is ignored/);
  }
});

test('a ROS_IP profile leaves ROS_HOSTNAME unset without evidence, so export ROS_IP in a terminal works', () => {
  const p = profile({ name: 'a', ROS_MASTER_URI: 'http://hal:11311', ROS_IP: '10.0.0.2' });
  const plan = planProfileEnv(p, { startup: [] });
  assert.equal(planToEnv(plan).has('ROS_HOSTNAME'), false);
  assert.match(describePlan(plan), /leaves ROS_HOSTNAME unset, so an export ROS_IP=… in this terminal takes effect/);
  // Copy Profile As… (no evidence): no pin either.
  assert.equal(planToEnv(planProfileEnv(p)).has('ROS_HOSTNAME'), false);
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
