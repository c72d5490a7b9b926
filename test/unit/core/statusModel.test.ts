import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  linkedCommands,
  roundTripBucket,
  sameModel,
  statusModel,
  tooltipMarkdown,
  type StatusInput,
} from '../../../src/core/status/statusModel';
import { identityOf } from '../../../src/core/profiles/networkIdentity';
import { nextMasterState, type MasterState } from '../../../src/core/status/masterStatus';
import type { ProbeResult } from '../../../src/core/probe/masterProbe';
import { parseProfiles } from '../../../src/core/profiles/parseProfiles';
import type { ActiveResolution } from '../../../src/core/profiles/resolveActive';

const ids = {
  switchProfile: 'rosNetwork.switchProfile',
  showLog: 'rosNetwork.showLog',
  refreshStatus: 'rosNetwork.refreshStatus',
  showGraph: 'rosNetwork.showGraph',
  runDoctor: 'rosNetwork.runDoctor',
  manageTrust: 'workbench.trust.manage',
  copyMasterUri: 'rosNetwork.copyMasterUri',
  reviewVariables: 'rosNetwork.reviewProfileVariables',
};
const [ros1, ros2, ros1Default] = parseProfiles(
  [
    { name: 'hal', ROS_MASTER_URI: 'http://hal:11311', ROS_IP: '10.0.0.2' },
    { name: 'sim', ROS_DOMAIN_ID: 42 },
    { name: 'local', rosVersion: 1 },
  ],
  'user',
).profiles;

const render = (r: ActiveResolution, master?: MasterState) => {
  const input: StatusInput = { identity: identityOf(r), ...(master ? { master } : {}), clock: () => '12:00:00' };
  const m = statusModel(input, ids);
  return { ...m, md: tooltipMarkdown(m) };
};

test('no profile reads "ROS: no profile" and links Switch Profile', () => {
  const v = render({ kind: 'none' });
  assert.match(v.text, /ROS: no profile/);
  assert.match(v.md, /\[Switch Profile\]\(command:rosNetwork\.switchProfile\)/);
});

test('the identity carries the derived facts: master URI (ROS default when unset), advertised address, domain', () => {
  assert.equal(identityOf({ kind: 'active', profile: ros1! }).masterUri, 'http://hal:11311');
  assert.equal(identityOf({ kind: 'active', profile: ros1! }).advertised, '10.0.0.2');
  assert.equal(identityOf({ kind: 'active', profile: ros1Default! }).masterUri, 'http://localhost:11311');
  assert.equal(identityOf({ kind: 'active', profile: ros2! }).domain, 42);
  assert.equal(identityOf({ kind: 'active', profile: ros2! }).masterUri, undefined);
  assert.notEqual(identityOf({ kind: 'active', profile: ros1! }).key, identityOf({ kind: 'active', profile: ros1Default! }).key);
  assert.equal(identityOf({ kind: 'active', profile: ros1! }).key, identityOf({ kind: 'active', profile: ros1! }).key);
});

test('a ROS 1 profile shows its name and its values in the tooltip', () => {
  const v = render({ kind: 'active', profile: ros1! });
  assert.equal(v.text, '$(broadcast) ROS: hal');
  assert.match(v.md, /ROS_MASTER_URI/);
  assert.match(v.md, /\| `ROS_IP` \| `10\.0\.0\.2` \|/);
});

test('a ROS 2 profile shows its domain and the ports', () => {
  const v = render({ kind: 'active', profile: ros2! });
  assert.match(v.text, /sim · domain 42/);
  assert.match(v.md, /multicast 17900\/17901/);
});

test('untrusted and missing profiles warn; Restricted Mode links the trust editor', () => {
  const u = render({ kind: 'untrusted', profile: ros1! });
  assert.equal(u.tone, 'warning');
  assert.ok(linkedCommands(u).includes('workbench.trust.manage'));
  assert.match(render({ kind: 'missing', name: 'gone', restricted: false }).text, /gone\?/);
  assert.match(render({ kind: 'missing', name: 'ws', restricted: true }).text, /ws \(restricted\)/);
});

const up = (roundTripMs: number, nodes: number) =>
  ({
    ok: true,
    uri: 'http://hal:11311',
    roundTripMs,
    nodes: [],
    topics: [],
    services: [],
    counts: { nodes, topics: 3, services: 2, publishers: 1, subscribers: 1 },
  }) as ProbeResult;

test('reachability sets text and tone; an unreachable master links the doctor', () => {
  const down = nextMasterState(
    { kind: 'checking', uri: 'http://hal:11311' },
    {
      ok: false,
      uri: 'http://hal:11311',
      kind: 'refused',
      message: 'connection refused',
      hint: 'is roscore running on hal?',
      elapsedMs: 1,
    },
    0,
  ).state;
  const v = render({ kind: 'active', profile: ros1! }, down);
  assert.equal(v.text, '$(error) hal unreachable');
  assert.equal(v.tone, 'error');
  assert.match(v.md, /connection refused/);
  assert.ok(linkedCommands(v).includes('rosNetwork.runDoctor'));
  const u = render({ kind: 'active', profile: ros1! }, nextMasterState({ kind: 'checking', uri: 'http://hal:11311' }, up(1, 1), 0).state);
  assert.equal(u.text, '$(check) hal · 1 node');
  assert.match(u.md, /1 node · 3 topics · 2 services · 1 publisher · 1 subscriber/);
  assert.ok(!linkedCommands(u).includes('rosNetwork.runDoctor'));
});

test('the trusted commands are exactly the linked ones, and every link in the Markdown is one of them', () => {
  for (const r of [
    { kind: 'none' },
    { kind: 'untrusted', profile: ros1! },
    { kind: 'active', profile: ros2! },
    { kind: 'active', profile: ros1! },
  ] as ActiveResolution[]) {
    const v = render(r);
    const inMd = [...v.md.matchAll(/\]\(command:([\w.]+)/g)].map((m) => m[1]);
    assert.deepEqual([...new Set(inMd)].sort(), [...linkedCommands(v)].sort());
  }
});

test('link arguments are encoded as JSON in the command URI', () => {
  const md = tooltipMarkdown({ text: 'x', tone: 'normal', tooltip: [{ links: [{ label: 'Go', command: 'a.b', args: [{ line: 3 }] }] }] });
  assert.equal(md, `[Go](command:a.b?${encodeURIComponent('[{"line":3}]')})`);
});

test('markdown in profile names cannot inject links', () => {
  const [evil] = parseProfiles([{ name: '[x](command:workbench.action.quit)', ROS_DOMAIN_ID: 1 }], 'user').profiles;
  const v = render({ kind: 'active', profile: evil! });
  assert.doesNotMatch(v.md, /\[x\]\(command:workbench/);
  assert.ok(!linkedCommands(v).includes('workbench.action.quit'));
});

test('the model is identical from poll to poll while nothing changes (no re-render per poll)', () => {
  let s: MasterState = { kind: 'checking', uri: 'http://hal:11311' };
  const models: ReturnType<typeof render>[] = [];
  for (const [r, t] of [
    [up(1.21, 5), 1_000],
    [up(1.87, 5), 4_000],
    [up(1.02, 5), 7_000],
    [up(1.4, 6), 10_000],
  ] as const) {
    s = nextMasterState(s, r, t).state;
    models.push(render({ kind: 'active', profile: ros1! }, s));
  }
  assert.ok(sameModel(models[0], models[1]!), 'another check and round-trip jitter change nothing shown');
  assert.ok(sameModel(models[0], models[2]!));
  assert.ok(!sameModel(models[0], models[3]!), 'a node more is shown');
  assert.match(models[0]!.md, /Round trip under 2 ms/);
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

test('control characters and bidi overrides in names and values never reach the status bar or its tooltip raw', () => {
  const [evil] = parseProfiles(
    [{ name: 'lab\u001b]0;pwned\u0007\u202e', ROS_MASTER_URI: 'http://hal:11311', ROS_IP: '10.0.0.2', env: { NOTE: 'a\u0085b|c\nd' } }],
    'user',
  ).profiles;
  assert.ok(evil, 'the schema accepts the name');
  const v = render({ kind: 'active', profile: evil });
  for (const s of [v.text, v.md]) assert.doesNotMatch(s, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  assert.match(v.text, /lab\\x1b\]0;pwned\\x07\\u202e/);
  assert.doesNotMatch(v.md, /\| a.b\|c/, 'a pipe in a value cannot end its table cell');
});

test('a master that answers but a ROS_IP that is not this machine: warning, with the reason and the doctor link (issue 14 §3)', () => {
  const master = nextMasterState({ kind: 'checking', uri: 'http://hal:11311' }, up(1, 1), 0).state;
  const local = [
    {
      code: 'HOST003' as const,
      short: 'ROS_IP is not an address of this machine',
      detail:
        'ROS_IP may be incorrect: ROS_IP [10.255.255.1] does not appear to be an IP address of a local network interface (one of 127.0.0.1).',
    },
  ];
  const input: StatusInput = { identity: identityOf({ kind: 'active', profile: ros1! }), master, local, clock: () => '12:00:00' };
  const m = statusModel(input, ids);
  assert.equal(m.text, '$(warning) hal · ROS_IP is not an address of this machine');
  assert.equal(m.tone, 'warning');
  const md = tooltipMarkdown(m);
  assert.match(
    md,
    /ROS\\_IP \\\[10\.255\.255\.1\\\] does not appear.*\(HOST003\) \[Fix with the Network Doctor\]\(command:rosNetwork\.runDoctor\)/,
  );
  assert.ok(linkedCommands(m).includes('rosNetwork.runDoctor'));
  // Without the fact the same state is green.
  assert.equal(statusModel({ ...input, local: [] }, ids).tone, 'normal');
});

test('a shell start-up file conflict is mentioned once in the tooltip, with a link to the line', () => {
  const input: StatusInput = {
    identity: identityOf({ kind: 'active', profile: ros1! }),
    startupConflict: {
      name: 'ROS_MASTER_URI',
      value: 'http://wrong:11311',
      where: { label: '~/.bashrc:3', path: '/home/ada/.bashrc', line: 3 },
      more: 1,
    },
  };
  const md = tooltipMarkdown(statusModel(input, ids));
  assert.equal(md.match(/\.bashrc:3/g)?.length, 2, 'the text and its link');
  assert.match(md, /\[\\~\/\.bashrc:3\]\(file:\/\/\/home\/ada\/\.bashrc#L3\)/);
  assert.match(md, /and 1 more line/);
});

test('the master URI is never a link to a browser tab: a code span and a "Copy master URI" command link (issue 14 §7)', () => {
  const states: MasterState[] = [
    { kind: 'checking', uri: 'http://hal:11311' },
    nextMasterState({ kind: 'checking', uri: 'http://hal:11311' }, up(1, 1), 0).state,
    nextMasterState(
      { kind: 'checking', uri: 'http://hal:11311' },
      { ok: false, uri: 'http://hal:11311', kind: 'refused', message: 'refused', hint: 'start roscore', elapsedMs: 1 },
      0,
    ).state,
  ];
  for (const s of states) {
    const v = render({ kind: 'active', profile: ros1! }, s);
    // Every http URI in the Markdown sits inside a code span (Markdown linkifies bare URIs).
    const bare = v.md.replace(/`[^`]*`/g, '').match(/https?:\/\//g);
    assert.equal(bare, null, `${s.kind}: ${v.md}`);
    assert.match(v.md, /[Mm]aster `http:\/\/hal:11311`/);
    const copy = `[Copy master URI](command:rosNetwork.copyMasterUri?${encodeURIComponent('["http://hal:11311"]')})`;
    assert.ok(v.md.includes(copy), v.md);
    assert.ok(linkedCommands(v).includes('rosNetwork.copyMasterUri'));
  }
});

test('deny-by-default variables of a workspace profile: the tooltip says terminals get the profile without them, with the review link', () => {
  const [ws] = parseProfiles(
    [{ name: 'lab', ROS_MASTER_URI: 'http://hal:11311', env: { PATH: '/tmp/evil:/usr/bin', LD_PRELOAD: '/tmp/evil.so', TZ: 'UTC' } }],
    'workspace',
  ).profiles;
  const m = statusModel({ identity: identityOf({ kind: 'active', profile: ws! }), denied: 'withheld' }, ids);
  const md = tooltipMarkdown(m);
  assert.match(md, /Terminals get this profile \*\*without\*\* `PATH`, `LD_PRELOAD`/);
  assert.match(md, /\[Review and Allow…\]\(command:rosNetwork\.reviewProfileVariables\)/);
  assert.ok(linkedCommands(m).includes('rosNetwork.reviewProfileVariables'));
  // Every variable in the table, the extra and the withheld ones marked.
  assert.match(md, /\| `PATH` \| `\/tmp\/evil:\/usr\/bin` \$\(shield\) _not applied_ \|/);
  assert.match(md, /\| `LD_PRELOAD` \| `\/tmp\/evil\.so` \$\(shield\) _not applied_ \|/);
  assert.match(md, /\| `TZ` \| `UTC` _\(extra\)_ \|/);
  assert.match(md, /\| `ROS_MASTER_URI` \| `http:\/\/hal:11311` \|/);

  const allowed = tooltipMarkdown(statusModel({ identity: identityOf({ kind: 'active', profile: ws! }), denied: 'allowed' }, ids));
  assert.match(allowed, /Terminals also get `PATH`, `LD_PRELOAD` from this workspace's profile \(you allowed them/);
  assert.match(allowed, /\| `PATH` \| `\/tmp\/evil:\/usr\/bin` \$\(warning\) _can run code_ \|/);
  assert.doesNotMatch(allowed, /without/);
});

test('deny-by-default variables of a user profile are applied and named; a profile without any shows no such section', () => {
  const [user] = parseProfiles([{ name: 'mine', ROS_DOMAIN_ID: 3, env: { PYTHONPATH: '/opt/lib' } }], 'user').profiles;
  const md = tooltipMarkdown(statusModel({ identity: identityOf({ kind: 'active', profile: user! }) }, ids));
  assert.match(md, /Terminals also get `PYTHONPATH` \(can run code\) from your user settings/);
  assert.doesNotMatch(md, /Review/);
  assert.doesNotMatch(render({ kind: 'active', profile: ros1! }).md, /can run code|without|_\(extra\)_/);
});
