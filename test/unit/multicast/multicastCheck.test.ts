import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkMulticast } from '../../../src/core/multicast/multicastCheck';
import type { LocalAddress } from '../../../src/core/net/addresses';
import { FakeNet } from './fakeUdp';

const IFACES: LocalAddress[] = [
  { iface: 'lo', address: '127.0.0.1', family: 'IPv4', internal: true },
  { iface: 'eth0', address: '10.0.0.2', family: 'IPv4', internal: false },
  { iface: 'wlan0', address: '192.168.1.5', family: 'IPv4', internal: false },
  { iface: 'eth0', address: 'fe80::1', family: 'IPv6', internal: false },
];
const RTPS = Buffer.concat([Buffer.from('RTPS'), Buffer.alloc(16)]);

test('multicast check: every IPv4 interface joins and hears its own datagram on the domain SPDP group', async () => {
  const net = new FakeNet();
  const r = await checkMulticast({ domain: 42, interfaces: IFACES, createSocket: net.factory, timeoutMs: 500 });
  assert.equal(r.group, '239.255.0.1');
  assert.equal(r.port, 17900);
  assert.deepEqual(
    r.interfaces.map((i) => [i.iface, i.address, i.outcome.ok]),
    [
      ['eth0', '10.0.0.2', true],
      ['wlan0', '192.168.1.5', true],
    ],
  );
  assert.deepEqual(r.routed, { ok: true });
  // Every datagram goes to the domain's group with TTL-1 sockets and none looks like RTPS.
  assert.ok(net.sent.every((s) => s.to === '239.255.0.1' && s.port === 17900 && !s.data.startsWith('RTPS')));
  assert.ok(
    net.sockets.every((s) => s.closed),
    'all sockets closed',
  );
});

test('multicast check: ENODEV on join, ENETUNREACH on the routed send and a silent loopback get their own advice', async () => {
  const net = new FakeNet({ joinErrors: { '192.168.1.5': 'ENODEV' }, sendErrors: { routed: 'ENETUNREACH' }, dropLoopback: ['10.0.0.2'] });
  const r = await checkMulticast({ domain: 0, interfaces: IFACES, createSocket: net.factory, timeoutMs: 200 });
  const by = new Map(r.interfaces.map((i) => [i.iface, i.outcome]));
  const wlan = by.get('wlan0')!;
  assert.ok(!wlan.ok && wlan.step === 'join' && wlan.code === 'ENODEV');
  assert.match(wlan.advice.problem, /no route for multicast/);
  const eth = by.get('eth0')!;
  assert.ok(!eth.ok && eth.step === 'loopback');
  assert.match(eth.advice.fix, /firewall/);
  assert.ok(!r.routed.ok && r.routed.code === 'ENETUNREACH');
  assert.match(r.routed.advice.fix, /ip route add 224\.0\.0\.0\/4/);
});

test('multicast check: RTPS from another machine counts as heard; from our own address as local', async () => {
  const net = new FakeNet({
    foreign: [
      { from: '10.0.0.7', data: RTPS },
      { from: '10.0.0.7', data: RTPS },
      { from: '10.0.0.2', data: RTPS },
      { from: '10.0.0.9', data: Buffer.from('noise') },
    ],
  });
  const r = await checkMulticast({ domain: 1, interfaces: IFACES, createSocket: net.factory, timeoutMs: 100, listenMs: 150 });
  assert.deepEqual(r.remote, [
    { address: '10.0.0.7', rtps: 2, total: 2 },
    { address: '10.0.0.9', rtps: 0, total: 1 },
  ]);
  assert.equal(r.localRtps, 1);
  assert.ok(r.listenedMs >= 140, `listened ${r.listenedMs} ms`);
});

test('multicast check: a bind error stops the check with its advice', async () => {
  const net = new FakeNet({ bindError: 'EADDRINUSE' });
  const r = await checkMulticast({ domain: 3, interfaces: IFACES, createSocket: net.factory, timeoutMs: 100 });
  assert.equal(r.bindError?.code, 'EADDRINUSE');
  assert.match(r.bindError!.advice.problem, /8150/);
  assert.deepEqual(r.interfaces, []);
});
