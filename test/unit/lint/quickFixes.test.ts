// Quick fixes wherever the message names the fix (issue 12 §6): applied, the finding is gone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText } from '../../../src/core/lint/lintEngine';
import { applyFixes } from '../../../src/core/lint/fixes/applyFixes';
import type { Fix } from '../../../src/core/lint/types';

const ctx = { os: 'linux' as const };
const fixesOf = (file: string, text: string, code: string): readonly Fix[] =>
  lintText(file, text, ctx).findings.find((f) => f.code === code)?.fixes ?? [];

test('DOM002: the nearest safe domain (offered, not preferred: every peer must move with it)', () => {
  const text = 'ROS_DOMAIN_ID=300\n';
  const [fix] = fixesOf('/w/.env', text, 'DOM002');
  assert.equal(fix?.title, 'Use the nearest safe domain 232');
  assert.notEqual(fix?.isPreferred, true);
  assert.deepEqual(lintText('/w/.env', applyFixes(text, [fix!]), ctx).findings, []);
});

test('DC001 inside the compose network: set ROS_HOSTNAME=<service> (list and map environments)', () => {
  const list =
    'services:\n  master:\n    image: ros:noetic\n    command: roscore\n  camera:\n    image: ros:noetic\n    environment:\n      - ROS_MASTER_URI=http://master:11311\n';
  const [fix] = fixesOf('/w/compose.yaml', list, 'DC001');
  assert.equal(fix?.title, 'Set ROS_HOSTNAME=camera');
  assert.match(applyFixes(list, [fix!]), /^ {6}- ROS_HOSTNAME=camera\n {6}- ROS_MASTER_URI=http:\/\/master:11311$/m);
  const map = list.replace('      - ROS_MASTER_URI=http://master:11311', '      ROS_MASTER_URI: http://master:11311');
  const [mapFix] = fixesOf('/w/compose.yaml', map, 'DC001');
  assert.match(applyFixes(map, [mapFix!]), /^ {6}ROS_HOSTNAME: camera\n {6}ROS_MASTER_URI: http:\/\/master:11311$/m);
  // Once it is set, the finding has no fix left to offer.
  assert.deepEqual(fixesOf('/w/compose.yaml', applyFixes(map, [mapFix!]), 'DC001'), []);
});

test('DC001 with the master outside: network_mode: host, dropping the networks it cannot have', () => {
  const text =
    'services:\n  driver:\n    image: ros:noetic\n    networks: [lan]\n    environment:\n      ROS_MASTER_URI: http://192.168.1.2:11311\n      ROS_IP: 192.168.1.20\n';
  const fix = fixesOf('/w/compose.yaml', text, 'DC001').find((f) => f.isPreferred)!;
  const fixed = applyFixes(text, [fix]);
  assert.doesNotMatch(fixed, /networks/);
  assert.deepEqual(lintText('/w/compose.yaml', fixed, ctx).findings, []);
});
