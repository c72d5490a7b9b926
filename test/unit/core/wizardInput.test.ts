// The Create Profile wizard's checks and suggestions (issue 14 §6).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkDomainInput,
  checkHostnameInput,
  checkRosIpInput,
  discoveryStyle,
  suggestAddresses,
} from '../../../src/core/profiles/wizardInput';

const msg = (c: { ok: boolean; message?: string }) => (c.ok ? '' : c.message!);

test('ROS_IP: surrounding whitespace is trimmed, not taken for a host name', () => {
  assert.deepEqual(checkRosIpInput('127.0.0.1 '), { ok: true, value: '127.0.0.1' });
  assert.deepEqual(checkRosIpInput('  fe80::1 '), { ok: true, value: 'fe80::1' });
});

test('ROS_IP: the wildcard address is rejected with the reason; a name points to ROS_HOSTNAME', () => {
  assert.match(msg(checkRosIpInput('0.0.0.0')), /wildcard address/);
  assert.match(msg(checkRosIpInput('::')), /wildcard address/);
  assert.match(msg(checkRosIpInput('hal')), /'hal' is a host name.*ROS_HOSTNAME/);
  assert.match(msg(checkRosIpInput('10.0.0.300')), /not an IPv4 or IPv6 address/);
  assert.match(msg(checkRosIpInput('')), /Enter an IP address/);
});

test('ROS_HOSTNAME: trimmed; scheme, port and wildcard rejected', () => {
  assert.deepEqual(checkHostnameInput(' marvin.local '), { ok: true, value: 'marvin.local' });
  assert.match(msg(checkHostnameInput('http://hal')), /without http/);
  assert.match(msg(checkHostnameInput('hal:11311')), /without a port/);
  assert.match(msg(checkHostnameInput('0.0.0.0')), /wildcard/);
});

test('domain: the message is about what was typed (not the octal example for every input)', () => {
  assert.deepEqual(checkDomainInput(' 42 '), { ok: true, value: 42 });
  assert.match(msg(checkDomainInput('abc')), /^'abc' is not a number/);
  assert.match(msg(checkDomainInput('')), /^Enter a domain ID/);
  assert.match(msg(checkDomainInput('010')), /rcl reads '010' as octal \(domain 8\); write 10/);
  assert.match(msg(checkDomainInput('09')), /'09' as octal \(an error\)/);
  assert.match(msg(checkDomainInput('233')), /above 232/);
  assert.match(msg(checkDomainInput('-1')), /negative/);
  for (const bad of ['abc', '', '-1', '233']) assert.doesNotMatch(msg(checkDomainInput(bad)), /octal/);
});

test("suggestions: the route's source address to the master first, loopback last for a remote master", () => {
  const locals = [
    { iface: 'lo', address: '127.0.0.1', family: 'IPv4' as const, internal: true },
    { iface: 'docker0', address: '172.17.0.1', family: 'IPv4' as const, internal: false },
    { iface: 'eth0', address: '192.168.1.20', family: 'IPv4' as const, internal: false },
    { iface: 'eth0', address: 'fe80::1', family: 'IPv6' as const, internal: false },
  ];
  const s = suggestAddresses(locals, 'hal', '192.168.1.20');
  assert.deepEqual(
    s.map((x) => x.address),
    ['192.168.1.20', '172.17.0.1', 'fe80::1', '127.0.0.1'],
  );
  assert.equal(s[0]!.detail, 'eth0, route to hal');
  // A master on this machine: loopback right after the routed address.
  const local = suggestAddresses(locals, 'localhost', '127.0.0.1');
  assert.equal(local[0]!.address, '127.0.0.1');
  assert.match(local[0]!.detail, /route to localhost/);
  assert.ok(!suggestAddresses([{ iface: 'x', address: '0.0.0.0', family: 'IPv4', internal: false }], undefined, undefined).length);
});

test('discovery variables by distro: ROS_LOCALHOST_ONLY up to Humble, the range from Iron on', () => {
  assert.equal(discoveryStyle('humble'), 'localhost-only');
  assert.equal(discoveryStyle('iron'), 'range');
  assert.equal(discoveryStyle('Jazzy'), 'range');
  assert.equal(discoveryStyle(undefined), 'unknown');
});
