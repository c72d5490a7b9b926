import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderStatus } from '../../../src/core/status/statusView';
import { parseProfiles } from '../../../src/core/profiles/parseProfiles';

const links = { switchProfile: 'rosNetwork.switchProfile', showLog: 'rosNetwork.showLog' };
const [ros1, ros2] = parseProfiles(
  [
    { name: 'hal', ROS_MASTER_URI: 'http://hal:11311', ROS_IP: '10.0.0.2' },
    { name: 'sim', ROS_DOMAIN_ID: 42 },
  ],
  'user',
).profiles;

test('no profile reads "ROS: no profile"', () => {
  const v = renderStatus({ kind: 'none' }, links);
  assert.match(v.text, /ROS: no profile/);
  assert.match(v.tooltip, /command:rosNetwork\.switchProfile/);
});

test('a ROS 1 profile shows its name and its values in the tooltip', () => {
  const v = renderStatus({ kind: 'active', profile: ros1! }, links);
  assert.equal(v.text, '$(broadcast) ROS: hal');
  assert.match(v.tooltip, /ROS_MASTER_URI/);
  assert.match(v.tooltip, /10\\\.0\\\.0\\\.2/);
});

test('a ROS 2 profile shows its domain and the ports', () => {
  const v = renderStatus({ kind: 'active', profile: ros2! }, links);
  assert.match(v.text, /sim · domain 42/);
  assert.match(v.tooltip, /multicast 17900\/17901/);
});

test('untrusted and missing profiles warn', () => {
  assert.equal(renderStatus({ kind: 'untrusted', profile: ros1! }, links).tone, 'warning');
  assert.match(renderStatus({ kind: 'untrusted', profile: ros1! }, links).tooltip, /workbench\.trust\.manage/);
  assert.match(renderStatus({ kind: 'missing', name: 'gone', restricted: false }, links).text, /gone\?/);
  assert.match(renderStatus({ kind: 'missing', name: 'ws', restricted: true }, links).text, /ws \(restricted\)/);
});

test('reachability replaces the plain text and sets the tone', () => {
  const v = renderStatus({ kind: 'active', profile: ros1! }, links, { icon: '$(error)', suffix: ' unreachable', tone: 'error', tooltipLines: ['connection refused'] });
  assert.equal(v.text, '$(error) hal unreachable');
  assert.equal(v.tone, 'error');
  assert.match(v.tooltip, /connection refused/);
});

test('markdown in profile names cannot inject links', () => {
  const [evil] = parseProfiles([{ name: '[x](command:workbench.action.quit)', ROS_DOMAIN_ID: 1 }], 'user').profiles;
  const v = renderStatus({ kind: 'active', profile: evil! }, links);
  assert.doesNotMatch(v.tooltip, /\[x\]\(command:workbench/);
});
