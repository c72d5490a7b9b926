import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ros2StatusPart, summarizeDomain } from '../../../src/core/status/ros2Status';
import type { Ros2DomainView, Ros2Participant } from '../../../src/core/rtps/monitor';
import { parseDiscoveryServers } from '../../../src/core/ros/discoveryServers';

let seq = 0;
function participant(over: Partial<Ros2Participant>): Ros2Participant {
  seq++;
  return {
    guid: `0110aaaa:bbbbcccc:dddd${String(seq).padStart(4, '0')}:000001c1`,
    vendorId: '01.10',
    vendor: 'Cyclone DDS',
    addresses: ['127.0.0.1'],
    locators: [],
    sharedMemory: false,
    sourceAddress: '127.0.0.1',
    leaseSeconds: 10,
    domain: 42,
    domainFrom: 'announced',
    firstSeen: 0,
    lastSeen: 0,
    self: false,
    ...over,
  };
}
const view = (participants: Ros2Participant[]): Ros2DomainView => ({
  domain: 42,
  participants,
  listeners: [],
  problems: [],
  limits: { maxParticipants: 1000, evictedParticipants: 0, droppedFragments: 0, malformedDatagrams: 0 },
  datagrams: 0,
});
const vars = (o: Record<string, string>) => new Map(Object.entries(o));
const local = ['127.0.0.1', '10.0.0.1'];

test('participants are counted per host, this machine first, our own probe left out', () => {
  const s = summarizeDomain(
    view([
      participant({ host: 'robot', sourceAddress: '10.0.0.7', process: 'talker', pid: 12 }),
      participant({ host: 'laptop', sourceAddress: '10.0.0.1' }),
      participant({ host: 'robot', sourceAddress: '10.0.0.7', vendor: 'Fast DDS' }),
      participant({ self: true }),
    ]),
    local,
  );
  assert.equal(s.participants.length, 3);
  assert.deepEqual(
    s.hosts.map((h) => [h.host, h.local, h.participants.length]),
    [
      ['laptop', true, 1],
      ['robot', false, 2],
    ],
  );
  const part = ros2StatusPart(vars({ ROS_DOMAIN_ID: '42' }), 42, {
    domain: view(s.participants as Ros2Participant[]),
    localAddresses: local,
  });
  assert.equal(part.suffix, ' · 3 participants · 2 hosts');
  assert.match(part.lines.join('\n'), /\*\*robot\*\*: Cyclone DDS `talker` pid 12, Fast DDS/);
  assert.match(part.lines.join('\n'), /vendors mixed/);
  assert.equal(part.tone, 'normal');
});

test('no participants is neutral, not red', () => {
  const part = ros2StatusPart(vars({}), 42, { domain: view([]), localAddresses: local });
  assert.equal(part.suffix, ' · no participants');
  assert.equal(part.tone, 'normal');
});

test('LOCALHOST range with participants of other hosts warns; SUBNET with only this machine suggests multicast is blocked', () => {
  const remote = participant({ host: 'robot', sourceAddress: '10.0.0.7' });
  const lo = ros2StatusPart(vars({ ROS_AUTOMATIC_DISCOVERY_RANGE: 'LOCALHOST' }), 42, { domain: view([remote]), localAddresses: local });
  assert.equal(lo.tone, 'warning');
  assert.match(lo.lines.join('\n'), /run on other hosts \(robot\).*LOCALHOST/);
  const sub = ros2StatusPart(vars({}), 42, { domain: view([participant({ sourceAddress: '10.0.0.1' })]), localAddresses: local });
  assert.match(sub.lines.join('\n'), /multicast may not get through/);
  assert.equal(sub.tone, 'normal');
});

test('more participants on this host than the domain has ports for warns', () => {
  const many = Array.from({ length: 5 }, () => participant({}));
  const part = ros2StatusPart(vars({}), 42, { domain: view(many), localAddresses: local, capacity: 4 });
  assert.equal(part.tone, 'warning');
  assert.match(part.lines.join('\n'), /5 participants on this machine.*room for 4/);
  const unsafe = ros2StatusPart(vars({}), 150, { domain: view(many), localAddresses: local, capacity: 0 });
  assert.equal(unsafe.tone, 'warning');
  assert.match(unsafe.lines.join('\n'), /ephemeral port range/);
});

test('discovery servers: up, down, silent; a missing ROS_SUPER_CLIENT is explained', () => {
  const [a, b] = parseDiscoveryServers('10.0.0.5;10.0.0.6:11888').map((p) => (p.ok ? p.entry : undefined));
  const v = vars({ ROS_DISCOVERY_SERVER: '10.0.0.5;10.0.0.6:11888' });
  const down = ros2StatusPart(v, 0, {
    localAddresses: local,
    discoveryServers: [
      { entry: a!, ping: { state: 'down', rttMs: 1, code: 'ECONNREFUSED' } },
      { entry: b!, ping: { state: 'timeout', timeoutMs: 2000 } },
    ],
  });
  assert.equal(down.tone, 'error');
  assert.equal(down.suffix, ' · discovery servers down');
  assert.match(down.lines.join('\n'), /10\.0\.0\.5:11811 is down: ECONNREFUSED/);
  assert.match(down.lines.join('\n'), /10\.0\.0\.6:11888 does not answer within 2000 ms/);
  assert.match(down.lines.join('\n'), /ROS_SUPER_CLIENT=TRUE/);
  const up = ros2StatusPart(vars({ ROS_DISCOVERY_SERVER: '10.0.0.5', ROS_SUPER_CLIENT: 'TRUE' }), 0, {
    localAddresses: local,
    discoveryServers: [{ entry: a!, ping: { state: 'up', rttMs: 3, serverGuid: 'x', serverId: 0, vendor: 'Fast DDS' } }],
  });
  assert.equal(up.tone, 'normal');
  assert.equal(up.suffix, ' · discovery server up');
  assert.doesNotMatch(up.lines.join('\n'), /ROS_SUPER_CLIENT/);
});

test('rmw_zenoh: the router port, labelled as a port check', () => {
  const open = ros2StatusPart(vars({ RMW_IMPLEMENTATION: 'rmw_zenoh_cpp' }), 0, {
    localAddresses: local,
    zenohRouter: { endpoint: 'tcp/localhost:7447', open: true },
  });
  assert.equal(open.suffix, ' · router port open');
  assert.match(open.lines[0]!, /handshake is not checked/);
  const closed = ros2StatusPart(vars({ RMW_IMPLEMENTATION: 'rmw_zenoh_cpp' }), 0, {
    localAddresses: local,
    zenohRouter: { endpoint: 'tcp/localhost:7447', open: false, error: 'ECONNREFUSED' },
  });
  assert.equal(closed.tone, 'warning');
});

test('names from the network reach the tooltip sanitized', () => {
  const evil = participant({ host: 'x\u001b]0;t\u0007', process: 'p`|\u202e', sourceAddress: '10.0.0.9' });
  const part = ros2StatusPart(vars({}), 42, { domain: view([evil]), localAddresses: local });
  for (const l of part.lines) assert.doesNotMatch(l, /[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
});
