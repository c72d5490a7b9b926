import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderStatus } from '../../../src/core/status/statusView';
import { reachView, roundTripBucket } from '../../../src/core/status/reachView';
import { nextMasterState, type MasterState } from '../../../src/core/status/masterStatus';
import type { ProbeResult } from '../../../src/core/probe/masterProbe';
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
  const v = renderStatus({ kind: 'active', profile: ros1! }, links, {
    icon: '$(error)',
    suffix: ' unreachable',
    tone: 'error',
    tooltipLines: ['connection refused'],
  });
  assert.equal(v.text, '$(error) hal unreachable');
  assert.equal(v.tone, 'error');
  assert.match(v.tooltip, /connection refused/);
});

test('markdown in profile names cannot inject links', () => {
  const [evil] = parseProfiles([{ name: '[x](command:workbench.action.quit)', ROS_DOMAIN_ID: 1 }], 'user').profiles;
  const v = renderStatus({ kind: 'active', profile: evil! }, links);
  assert.doesNotMatch(v.tooltip, /\[x\]\(command:workbench/);
});

test('the reachability part is identical from poll to poll while nothing changes (no re-render per poll)', () => {
  const up = (roundTripMs: number, nodes: number) =>
    ({
      ok: true,
      uri: 'http://hal:11311',
      roundTripMs,
      nodes: [],
      topics: [],
      services: [],
      counts: { nodes, topics: 3, services: 2, publishers: 4, subscribers: 1 },
    }) as ProbeResult;
  let s: MasterState = { kind: 'checking', uri: 'http://hal:11311' };
  const views: string[] = [];
  for (const [r, t] of [
    [up(1.21, 5), 1_000],
    [up(1.87, 5), 4_000],
    [up(1.02, 5), 7_000],
    [up(1.4, 6), 10_000],
  ] as const) {
    s = nextMasterState(s, r, t).state;
    views.push(JSON.stringify(reachView(s, '10.0.0.2')));
  }
  assert.equal(views[1], views[0], 'another check and round-trip jitter change nothing shown');
  assert.equal(views[2], views[0]);
  assert.notEqual(views[3], views[0], 'a node more is shown');
  assert.match(views[0]!, /Round trip under 2 ms/);
});

test('round trips are shown as coarse bounds', () => {
  assert.deepEqual([0.3, 1.5, 4.9, 5, 37, 180, 999, 1500, 2100].map(roundTripBucket), [
    'under 1 ms',
    'under 2 ms',
    'under 5 ms',
    'under 10 ms',
    'under 50 ms',
    'under 200 ms',
    'under 1000 ms',
    'over 1 s',
    'over 2 s',
  ]);
});
