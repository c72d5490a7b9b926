// rmw_zenoh's variables: inputs that must fire each rule and near-misses that must not.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText, prepareLint } from '../../../src/core/lint/lintEngine';
import type { LintContext } from '../../../src/core/lint/types';
import { hoverAt } from '../../../src/core/lint/hover/hoverAt';

const ctx: LintContext = { os: 'linux' };
before(() => prepareLint('shell'));
const findings = (file: string, text: string) => lintText(file, text, ctx).findings;
const codes = (file: string, text: string) => findings(file, text).map((f) => f.code);

const FIRE: Record<string, Array<[string, string]>> = {
  ZEN001: [
    ['.env', 'ZENOH_ROUTER_CHECK_ATTEMPTS=yes\n'],
    ['.env', 'ZENOH_ROUTER_CHECK_ATTEMPTS=2.5\n'],
    ['.env', 'ZENOH_ROUTER_CHECK_ATTEMPTS=0\n'],
    ['.env', 'ZENOH_ROUTER_CHECK_ATTEMPTS=3x\n'],
  ],
  ZEN002: [
    ['.env', 'ZENOH_CONFIG_OVERRIDE=mode=peer\n'],
    ['.env', `ZENOH_CONFIG_OVERRIDE='connect/endpoints=["tcp/10.0.0.1:7447"];scouting/multicast/enabled'\n`],
    ['.env', `ZENOH_CONFIG_OVERRIDE='connect/endpoints=["tcp/10.0.0.1:7447"'\n`],
    ['.env', `ZENOH_CONFIG_OVERRIDE='connect endpoints=[]'\n`],
    ['.env', `ZENOH_CONFIG_OVERRIDE='metadata/name="a;b"'\n`],
    ['.env', `ZENOH_CONFIG_OVERRIDE='mode='\n`],
    ['.env', `ZENOH_CONFIG_OVERRIDE='listen/endpoints=["tcp/[::]:7447",]x'\n`],
  ],
  ZEN003: [
    ['.env', 'ZENOH_SESSION_CONFIG_URI=config/session.json5\n'],
    ['.env', 'ZENOH_ROUTER_CONFIG_URI=./router.json5\n'],
    ['.env', 'ZENOH_SESSION_CONFIG_URI=file:///etc/zenoh/session.json5\n'],
    ['.env', 'ZENOH_SESSION_CONFIG_URI=~/zenoh/session.json5\n'],
  ],
  PREC006: [
    ['.env', 'RMW_IMPLEMENTATION=rmw_zenoh_cpp\nROS_STATIC_PEERS=10.0.0.2\n'],
    ['.env', 'ROS_AUTOMATIC_DISCOVERY_RANGE=SUBNET\nRMW_IMPLEMENTATION=rmw_zenoh_cpp\n'],
    ['.env', 'RMW_IMPLEMENTATION=rmw_cyclonedds_cpp\nZENOH_ROUTER_CHECK_ATTEMPTS=3\n'],
  ],
};

const NEAR_MISS: Record<string, Array<[string, string]>> = {
  ZEN001: [
    ['.env', 'ZENOH_ROUTER_CHECK_ATTEMPTS=1\n'],
    ['.env', 'ZENOH_ROUTER_CHECK_ATTEMPTS=-1\n'],
    ['.env', 'ZENOH_ROUTER_CHECK_ATTEMPTS=10\n'],
    ['.env', 'ZENOH_ROUTER_CHECK_ATTEMPTS=\n'],
  ],
  ZEN002: [
    ['.env', 'ZENOH_CONFIG_OVERRIDE=mode="peer"\n'],
    ['.env', `ZENOH_CONFIG_OVERRIDE='connect/endpoints=["tcp/10.0.0.1:7447","tcp/[::1]:7447"];scouting/multicast/enabled=false'\n`],
    ['.env', `ZENOH_CONFIG_OVERRIDE='transport/link/tx/queue/size={data: 16, "control": 1};listen/timeout_ms=0x10;'\n`],
    ['.env', `ZENOH_CONFIG_OVERRIDE='mode="client";'\n`],
    ['.env', `ZENOH_CONFIG_OVERRIDE='connect/endpoints=[ "tcp/10.0.0.1:7447", ];timestamping/enabled={ router: true }'\n`],
  ],
  ZEN003: [
    ['.env', 'ZENOH_SESSION_CONFIG_URI=/etc/zenoh/session.json5\n'],
    ['.env', 'ZENOH_SESSION_CONFIG_URI=C:\\zenoh\\session.json5\n'],
    ['.env', 'ZENOH_ROUTER_CONFIG_URI=\n'],
  ],
  PREC006: [
    ['.env', 'RMW_IMPLEMENTATION=rmw_cyclonedds_cpp\nROS_STATIC_PEERS=10.0.0.2\n'],
    ['.env', 'RMW_IMPLEMENTATION=rmw_zenoh_cpp\nZENOH_ROUTER_CHECK_ATTEMPTS=3\n'],
    ['.env', 'ZENOH_ROUTER_CHECK_ATTEMPTS=3\n'],
  ],
};

for (const [code, cases] of Object.entries(FIRE))
  test(`${code} fires`, () => {
    for (const [file, text] of cases)
      assert.ok(codes(file, text).includes(code), `${code} on ${JSON.stringify(text)}: ${codes(file, text)}`);
  });

for (const [code, cases] of Object.entries(NEAR_MISS))
  test(`${code} stays quiet on near misses`, () => {
    for (const [file, text] of cases) assert.ok(!codes(file, text).includes(code), `${code} on ${JSON.stringify(text)}`);
  });

test('ZEN001 severities: non-integer is an error, 0 (wait forever) is info', () => {
  assert.equal(findings('.env', 'ZENOH_ROUTER_CHECK_ATTEMPTS=x\n').find((f) => f.code === 'ZEN001')?.severity, 'error');
  assert.equal(findings('.env', 'ZENOH_ROUTER_CHECK_ATTEMPTS=0\n').find((f) => f.code === 'ZEN001')?.severity, 'info');
});

test('ZEN002 names the entry and, for a bare word, the quoted form', () => {
  const f = findings('.env', 'ZENOH_CONFIG_OVERRIDE=mode=peer\n').find((x) => x.code === 'ZEN002')!;
  assert.match(f.message, /'mode=peer'.*mode="peer"/);
});

test('ZEN001 says what rmw_zenoh (strtoll) makes of a value that is not an integer', () => {
  const msg = (v: string) => findings('.env', `ZENOH_ROUTER_CHECK_ATTEMPTS=${v}\n`).find((f) => f.code === 'ZEN001')!.message;
  assert.match(msg('yes'), /reads 'yes' as 0: wait for a router forever/);
  assert.match(msg('2.5'), /reads '2.5' as 2: 2 checks/);
  assert.match(msg('-1s'), /as -1: no router check/);
  const fix = findings('.env', 'ZENOH_ROUTER_CHECK_ATTEMPTS=2.5\n').find((f) => f.code === 'ZEN001')!.fixes;
  assert.equal(fix?.[0]?.edits[0]?.newText, '2');
});

test('ZEN002: a quoted ";" is reported as cut (rmw_zenoh splits at every ";")', () => {
  const ms = findings('.env', `ZENOH_CONFIG_OVERRIDE='metadata/name="a;b"'\n`)
    .filter((f) => f.code === 'ZEN002')
    .map((f) => f.message);
  assert.ok(
    ms.some((m) => /also inside quotes/.test(m)),
    ms.join('\n'),
  );
});

test('hovers explain the four rmw_zenoh variables', () => {
  for (const [name, what] of [
    ['ZENOH_ROUTER_CHECK_ATTEMPTS', /`0`: wait forever; below 0: no check/],
    ['ZENOH_CONFIG_OVERRIDE', /JSON5/],
    ['ZENOH_SESSION_CONFIG_URI', /absolute path/],
    ['ZENOH_ROUTER_CONFIG_URI', /absolute path/],
  ] as const) {
    const text = `${name}=x\n`;
    const h = hoverAt('/w/.env', text, 2, { os: 'linux' });
    assert.ok(h, name);
    assert.match(h.markdown, what, name);
  }
});
