import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assessDomain,
  DEFAULT_EPHEMERAL,
  maxParticipants,
  nearestSafeDomain,
  parseDomainIdLikeRcl,
  domainPorts,
} from '../../../src/core/ros/domain';
import { parseMasterUri, isLoopbackHost } from '../../../src/core/ros/masterUri';

test('port formula matches the ROS 2 documentation', () => {
  const d = domainPorts(0);
  assert.deepEqual(
    [d.discoveryMulticast, d.userMulticast, d.participant(0).discoveryUnicast, d.participant(0).userUnicast],
    [7400, 7401, 7410, 7411],
  );
  assert.equal(domainPorts(1).participant(120).discoveryUnicast, 7900, 'participant 120 spills into the next domain');
});

test('safe domains: Linux 0–101 and 215–232, macOS/Windows 0–166', () => {
  const linux = [...Array(233).keys()].filter((d) => assessDomain(d, DEFAULT_EPHEMERAL.linux).safe);
  assert.deepEqual(linux, [...[...Array(102).keys()], ...[...Array(18).keys()].map((i) => 215 + i)]);
  const mac = [...Array(233).keys()].filter((d) => assessDomain(d, DEFAULT_EPHEMERAL.darwin).safe);
  assert.deepEqual(mac, [...Array(167).keys()]);
  assert.equal(maxParticipants(101, DEFAULT_EPHEMERAL.linux), 54);
  assert.equal(maxParticipants(232, DEFAULT_EPHEMERAL.linux), 63);
  assert.equal(maxParticipants(166, DEFAULT_EPHEMERAL.darwin), 120);
  assert.equal(nearestSafeDomain(150, DEFAULT_EPHEMERAL.linux), 101);
  assert.equal(nearestSafeDomain(200, DEFAULT_EPHEMERAL.linux), 215);
});

test('ROS_DOMAIN_ID is read the way rcl strtoul(…, 0) reads it', () => {
  assert.deepEqual(parseDomainIdLikeRcl('7'), { kind: 'decimal', value: 7 });
  assert.equal((parseDomainIdLikeRcl('010') as { value: number }).value, 8);
  assert.equal((parseDomainIdLikeRcl('0x10') as { value: number }).value, 16);
  assert.equal(parseDomainIdLikeRcl('08').kind, 'error');
  assert.equal((parseDomainIdLikeRcl('5abc') as { value: number }).value, 5);
  assert.equal(parseDomainIdLikeRcl('abc').kind, 'error');
  assert.equal((parseDomainIdLikeRcl('-1') as { value: number }).value, 0);
  assert.deepEqual(parseDomainIdLikeRcl(''), { kind: 'unset' });
});

test('master URIs: roswtf verdicts', () => {
  assert.deepEqual(parseMasterUri('http://hal:11311'), { ok: true, uri: { scheme: 'http', host: 'hal', port: 11311, ipv6: false } });
  assert.deepEqual(parseMasterUri('http://[::1]:11311/'), { ok: true, uri: { scheme: 'http', host: '::1', port: 11311, ipv6: true } });
  const bad: Array<[string, string]> = [
    ['hal:11311', 'scheme'],
    ['https://hal:11311', 'scheme'],
    ['http://hal', 'port-missing'],
    ['http://hal:abc', 'port-invalid'],
    ['http://hal:0', 'port-invalid'],
    ['http://::1:11311', 'address-invalid'],
    ['http://:11311', 'host-missing'],
    ['http://hal :11311', 'whitespace'],
    ['', 'empty'],
  ];
  for (const [v, kind] of bad) {
    const r = parseMasterUri(v);
    assert.equal(r.ok, false, v);
    if (!r.ok) assert.equal(r.problem.kind, kind, v);
  }
  assert.ok(isLoopbackHost('localhost') && isLoopbackHost('127.0.1.1') && isLoopbackHost('::1') && !isLoopbackHost('hal'));
});

test('maxParticipants answers the same from its cache as computed afresh, for every domain and several ranges', () => {
  const ranges = [
    DEFAULT_EPHEMERAL.linux,
    DEFAULT_EPHEMERAL.darwin,
    DEFAULT_EPHEMERAL.win32,
    { lo: 7400, hi: 7500 },
    { lo: 60000, hi: 65535 },
    { lo: 0, hi: 0 },
  ];
  // Brute force of the definition: participants until a port leaves 65535 or falls in the range.
  const brute = (d: number, r: { lo: number; hi: number }) => {
    const p = domainPorts(d);
    const inR = (x: number) => x >= r.lo && x <= r.hi;
    if (p.userMulticast > 65535 || inR(p.discoveryMulticast) || inR(p.userMulticast)) return 0;
    let n = 0;
    while (
      n < 120 &&
      p.participant(n).userUnicast <= 65535 &&
      !inR(p.participant(n).discoveryUnicast) &&
      !inR(p.participant(n).userUnicast)
    )
      n++;
    return n;
  };
  for (let pass = 0; pass < 2; pass++)
    for (const r of ranges)
      for (let d = 0; d <= 300; d++) assert.equal(maxParticipants(d, r), brute(d, r), `domain ${d}, range ${r.lo}-${r.hi}, pass ${pass}`);
  // Non-integer inputs bypass the cache key (they cannot collide with an integer's).
  assert.equal(maxParticipants(1.5, DEFAULT_EPHEMERAL.linux), brute(1.5, DEFAULT_EPHEMERAL.linux));
});

test('parseMasterUri gives the same verdict on a repeat (cached) as the first time', () => {
  for (const u of ['http://hal:11311', 'http://hal', 'ftp://x:1', 'http://[::1]:11311', ' ', 'http://a:b:c']) {
    const first = JSON.stringify(parseMasterUri(u));
    for (let i = 0; i < 3; i++) assert.equal(JSON.stringify(parseMasterUri(u)), first, u);
  }
  // More distinct values than the cache holds: every verdict is still right.
  for (let i = 0; i < 600; i++) {
    const r = parseMasterUri(`http://host${i}:${1000 + i}`);
    assert.ok(r.ok && r.uri.host === `host${i}` && r.uri.port === 1000 + i);
  }
});
