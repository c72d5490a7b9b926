// The doctor's ROS 2 network checks with the network replaced by recorded-shape answers: what each
// check concludes from participants, multicast results, server pings and /proc.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runDoctor } from '../../../src/core/doctor/runDoctor';
import type { DsPing, LocalAddress, Ros2LiveDeps } from '../../../src/core/doctor/deps';
import type { DoctorInput, DoctorReport } from '../../../src/core/doctor/types';
import type { Ros2Participant } from '../../../src/core/rtps/monitor';
import { quietRos2Live, testDeps } from './fakeRos';
import * as net from 'node:net';
import { tcpPortOpen } from '../../../src/core/net/tcpPortOpen';

const ETH: LocalAddress = { iface: 'eth0', address: '10.0.0.2', family: 'IPv4', internal: false };
const LO: LocalAddress = { iface: 'lo', address: '127.0.0.1', family: 'IPv4', internal: true };

function input(vars: Record<string, string>): DoctorInput {
  return { source: { kind: 'profile', name: 't' }, rosVersion: 2, variables: new Map(Object.entries(vars)) };
}

function check(r: DoctorReport, id: string) {
  const c = r.checks.find((x) => x.id === id);
  assert.ok(c, `${id} in ${r.checks.map((x) => x.id).join(', ')}`);
  return c;
}

function participant(over: Partial<Ros2Participant> & { sourceAddress: string }): Ros2Participant {
  return {
    guid: `0110${Math.random().toString(16).slice(2, 10)}:00000000:00000000:000001c1`,
    vendorId: '01.10',
    vendor: 'Cyclone DDS',
    enclave: '/',
    addresses: [over.sourceAddress],
    locators: [`udp4 ${over.sourceAddress}:7410`],
    sharedMemory: false,
    leaseSeconds: 10,
    domain: 0,
    domainFrom: 'announced',
    firstSeen: 0,
    lastSeen: 0,
    self: false,
    ...over,
  };
}

function seeing(participants: Ros2Participant[]): Partial<Ros2LiveDeps> {
  return {
    observeDomain: async (domain) => ({ ...(await quietRos2Live.observeDomain(domain, 0)), participants }),
  };
}

async function doctor(vars: Record<string, string>, live: Partial<Ros2LiveDeps>, files?: Record<string, string>, interfaces = [LO, ETH]) {
  return runDoctor(input(vars), testDeps({ interfaces, ros2Live: live, ...(files ? { files } : {}) }), { listenMs: 0, timeoutMs: 300 });
}

test('ROS 2 doctor: participants listed by host, with vendor, process and pid; ours are "this machine"', async () => {
  const r = await doctor(
    { ROS_DOMAIN_ID: '7' },
    seeing([
      participant({ sourceAddress: '10.0.0.7', host: 'robot', pid: 42, process: 'talker' }),
      participant({ sourceAddress: '10.0.0.2', host: 'laptop', pid: 7, process: 'listener' }),
      participant({ sourceAddress: '10.0.0.9', self: true }),
    ]),
  );
  const c = check(r, 'ros2.participants');
  assert.equal(c.verdict, 'ok');
  assert.match(c.evidence[0]!, /2 participant\(s\) on domain 7 from 2 host\(s\)/);
  assert.ok(c.evidence.includes('robot (10.0.0.7): Cyclone DDS talker pid 42'), c.evidence.join('\n'));
  assert.ok(c.evidence.includes('this machine: Cyclone DDS listener pid 7'), c.evidence.join('\n'));
});

test('ROS 2 doctor: LOCALHOST range with participants of other machines on the domain is a warning; multicast is skipped', async () => {
  const r = await doctor(
    { ROS_AUTOMATIC_DISCOVERY_RANGE: 'LOCALHOST' },
    seeing([participant({ sourceAddress: '10.0.0.7', host: 'robot' })]),
  );
  const c = check(r, 'ros2.participants');
  assert.equal(c.verdict, 'warning');
  assert.match(c.evidence.at(-1)!, /robot \(10\.0\.0\.7\).*LOCALHOST/);
  assert.equal(check(r, 'ros2.multicast').verdict, 'skipped');
});

test('ROS 2 doctor: host names from the network are shown escaped', async () => {
  const r = await doctor({}, seeing([participant({ sourceAddress: '10.0.0.7', host: 'evil\x1b[2J', process: 'p\u202eq' })]));
  const text = check(r, 'ros2.participants').evidence.join('\n');
  assert.ok(!text.includes('\x1b') && !text.includes('\u202e'), JSON.stringify(text));
  assert.match(text, /evil\\x1b\[2J/);
});

test('ROS 2 doctor: multicast silence from other machines warns with unicast advice; heard RTPS is ok; static peers make silence fine', async () => {
  const silent = await doctor({}, {});
  const m = check(silent, 'ros2.multicast');
  assert.equal(m.verdict, 'warning');
  assert.match(m.evidence.join('\n'), /Routers, many Wi-Fi access points, VPNs/);
  assert.match(m.fix!.title, /ROS_STATIC_PEERS.*discovery server/);
  const heard = await doctor(
    {},
    {
      multicast: async (d) => ({
        ...(await quietRos2Live.multicast(d, { timeoutMs: 0, listenMs: 0 })),
        remote: [{ address: '10.0.0.7', rtps: 3, total: 3 }],
      }),
    },
  );
  assert.equal(check(heard, 'ros2.multicast').verdict, 'ok');
  assert.match(check(heard, 'ros2.multicast').evidence.join('\n'), /from other machines arrived.*10\.0\.0\.7 \(3\)/);
  const peers = await doctor({ ROS_STATIC_PEERS: '10.0.0.7' }, {});
  assert.equal(check(peers, 'ros2.multicast').verdict, 'ok');
});

test('ROS 2 doctor: a failed join and a missing multicast route carry the kernel’s advice', async () => {
  const r = await doctor(
    { ROS_DOMAIN_ID: '1' },
    {
      multicast: async () => ({
        group: '239.255.0.1',
        port: 7650,
        routed: {
          ok: false,
          code: 'ENETUNREACH',
          advice: {
            problem: 'Sending to 239.255.0.1:7650 failed with ENETUNREACH: no route',
            fix: 'sudo ip route add 224.0.0.0/4 dev <interface>',
          },
        },
        interfaces: [
          {
            iface: 'eth0',
            address: '10.0.0.2',
            outcome: { ok: false, step: 'join', code: 'ENODEV', advice: { problem: 'Cannot join (ENODEV)', fix: 'Add a multicast route' } },
          },
        ],
        remote: [],
        localRtps: 0,
        listenedMs: 0,
      }),
    },
  );
  const m = check(r, 'ros2.multicast');
  assert.equal(m.verdict, 'error');
  assert.match(m.evidence.join('\n'), /eth0 10\.0\.0\.2: Cannot join \(ENODEV\)/);
  assert.match(m.evidence.join('\n'), /ENETUNREACH/);
});

test('ROS 2 doctor: each ROS_DISCOVERY_SERVER entry is pinged: answered ok, refused error with the command, silent error, bad entry error', async () => {
  const answers: Record<string, DsPing> = {
    '10.0.0.5': { kind: 'answered', roundTripMs: 12 },
    '10.0.0.6': { kind: 'refused', roundTripMs: 7 },
    '10.0.0.8': { kind: 'silent' },
  };
  const pinged: string[] = [];
  const ping = Object.assign(
    async (a: string, port: number) => {
      pinged.push(`${a}:${port}`);
      return answers[a]!;
    },
    { answers: true },
  );
  const r = await doctor({ ROS_DISCOVERY_SERVER: '10.0.0.5:11811;;10.0.0.6:11888;10.0.0.8;10.0.0.9:99999' }, { pingDiscoveryServer: ping });
  assert.deepEqual(pinged.sort(), ['10.0.0.5:11811', '10.0.0.6:11888', '10.0.0.8:11811']);
  assert.equal(check(r, 'ros2.discoveryServer:0').verdict, 'ok');
  const refused = check(r, 'ros2.discoveryServer:2');
  assert.equal(refused.verdict, 'error');
  assert.match(refused.evidence[0]!, /refused in 7\.0 ms/);
  assert.equal(refused.fix?.title, 'Start the server there: fast-discovery-server -i 2 -l 10.0.0.6 -p 11888');
  assert.equal(check(r, 'ros2.discoveryServer:3').verdict, 'error');
  assert.match(check(r, 'ros2.discoveryServer:3').evidence[0]!, /unreachable/);
  assert.equal(check(r, 'ros2.discoveryServer:4').verdict, 'error');
  assert.match(check(r, 'ros2.discoveryServer:0').evidence.join('\n'), /ROS_SUPER_CLIENT/);
  assert.equal(check(r, 'ros2.multicast').verdict, 'skipped', 'discovery-server clients do not use multicast');
});

test('ROS 2 doctor: a probe that cannot see answers calls silence a warning, not "up"', async () => {
  const r = await doctor(
    { ROS_DISCOVERY_SERVER: '10.0.0.5', ROS_SUPER_CLIENT: 'TRUE' },
    { pingDiscoveryServer: Object.assign(async () => ({ kind: 'silent' as const }), { answers: false }) },
  );
  const c = check(r, 'ros2.discoveryServer:0');
  assert.equal(c.verdict, 'warning');
  assert.match(c.evidence[0]!, /cannot tell them apart/);
  assert.ok(!c.evidence.join('\n').includes('ROS_SUPER_CLIENT'));
});

test('ROS 2 doctor: ports in use from /proc/net/udp against the capacity; skipped off Linux', async () => {
  const udp = readFileSync(join(__dirname, '..', '..', 'fixtures', 'proc', 'net-udp-domain3.txt'), 'utf8');
  const r = await doctor({ ROS_DOMAIN_ID: '3' }, {}, { '/proc/net/udp': udp, '/proc/sys/net/ipv4/ip_local_port_range': '32768\t60999\n' });
  const c = check(r, 'ros2.ports');
  assert.equal(c.verdict, 'ok');
  assert.match(c.evidence[0]!, /indexes in use here: 0, 1, 2 \(3 of the \d+ that fit/);
  const full = await doctor(
    { ROS_DOMAIN_ID: '3' },
    {},
    { '/proc/net/udp': udp, '/proc/sys/net/ipv4/ip_local_port_range': '8163\t60999\n' },
  );
  assert.equal(check(full, 'ros2.ports').verdict, 'warning', 'capacity 1 (index 1 enters the range), index 0 taken');
  const mac = await runDoctor(
    input({ ROS_DOMAIN_ID: '3' }),
    { ...testDeps({ interfaces: [LO, ETH] }), platform: 'darwin' },
    { listenMs: 0 },
  );
  assert.equal(check(mac, 'ros2.ports').verdict, 'skipped');
  assert.match(check(mac, 'ros2.ports').evidence[0]!, /cannot run on darwin/);
});

test('ROS 2 doctor: mixed vendors on one domain warn; one vendor matching the RMW is ok', async () => {
  const mixed = await doctor(
    { RMW_IMPLEMENTATION: 'rmw_cyclonedds_cpp' },
    seeing([participant({ sourceAddress: '10.0.0.7' }), participant({ sourceAddress: '10.0.0.8', vendorId: '01.0f', vendor: 'Fast DDS' })]),
  );
  assert.equal(check(mixed, 'ros2.vendors').verdict, 'warning');
  assert.match(check(mixed, 'ros2.vendors').evidence[0]!, /Cyclone DDS \(1\), Fast DDS \(1\); this profile: Cyclone DDS/);
  const one = await doctor({ RMW_IMPLEMENTATION: 'rmw_cyclonedds_cpp' }, seeing([participant({ sourceAddress: '10.0.0.7' })]));
  assert.equal(check(one, 'ros2.vendors').verdict, 'ok');
});

test('ROS 2 doctor: a Fast DDS participant of this host whose shared memory is not in this /dev/shm is a warning', async () => {
  const fast = (port: number) =>
    participant({
      sourceAddress: '10.0.0.2',
      vendorId: '01.0f',
      vendor: 'Fast DDS',
      sharedMemory: true,
      locators: ['udp4 10.0.0.2:7410', `shm ${port}`],
      pid: 5,
    });
  const elsewhere = await doctor({}, seeing([fast(7411)]), { '/dev/shm/fastrtps_port7413': '' });
  const c = check(elsewhere, 'ros2.sharedMemory');
  assert.equal(c.verdict, 'warning');
  assert.match(c.fix!.title, /--ipc=host.*FASTDDS_BUILTIN_TRANSPORTS=UDPv4/);
  const shared = await doctor({}, seeing([fast(7413)]), { '/dev/shm/fastrtps_port7413': '' });
  assert.equal(check(shared, 'ros2.sharedMemory').verdict, 'ok');
});

test('ROS 2 doctor: rmw_zenoh_cpp skips the DDS network checks', async () => {
  const r = await doctor({ RMW_IMPLEMENTATION: 'rmw_zenoh_cpp' }, {});
  for (const id of ['ros2.multicast', 'ros2.participants', 'ros2.ports']) assert.equal(check(r, id).verdict, 'skipped');
});

/** A real TCP listener on 127.0.0.1 (port 0), standing in for the router's port: nothing more is checked. */
async function tcpListener(): Promise<{ port: number; close(): Promise<void> }> {
  const server = net.createServer((s) => s.destroy());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as net.AddressInfo).port, close: () => new Promise((r) => server.close(() => r())) };
}

test('ROS 2 doctor, rmw_zenoh: the router port from ZENOH_CONFIG_OVERRIDE open, then closed (real TCP listener)', async () => {
  const l = await tcpListener();
  const vars = {
    RMW_IMPLEMENTATION: 'rmw_zenoh_cpp',
    ZENOH_CONFIG_OVERRIDE: `mode="client";connect/endpoints=["tcp/127.0.0.1:${l.port}"]`,
  };
  const open = check(await doctor(vars, { tcpPortOpen }), 'ros2.zenohRouter');
  assert.equal(open.verdict, 'ok');
  assert.equal(open.title, `Zenoh router port tcp/127.0.0.1:${l.port} open`);
  assert.match(
    open.evidence.join('\n'),
    /ZENOH_CONFIG_OVERRIDE connect\/endpoints[\s\S]*accepted in [\d.]+ ms \(only the port is checked: no Zenoh handshake/,
  );
  await l.close();
  const closed = check(await doctor(vars, { tcpPortOpen }), 'ros2.zenohRouter');
  assert.equal(closed.verdict, 'error');
  assert.match(
    closed.evidence.join('\n'),
    /ECONNREFUSED \(nothing listens there\)[\s\S]*check for the router once \(ZENOH_ROUTER_CHECK_ATTEMPTS unset\)/,
  );
  assert.match(closed.fix!.title, /ros2 run rmw_zenoh_cpp rmw_zenohd/);
  const forever = check(await doctor({ ...vars, ZENOH_ROUTER_CHECK_ATTEMPTS: '0' }, { tcpPortOpen }), 'ros2.zenohRouter');
  assert.match(forever.evidence.join('\n'), /nodes wait at start-up until the router is reachable/);
});

test('ROS 2 doctor, rmw_zenoh: without an override the endpoint is the session config file’s (JSON5), else tcp/localhost:7447', async () => {
  const l = await tcpListener();
  try {
    const file = `{\n  // a user's session config\n  mode: 'peer',\n  connect: { endpoints: ['tcp/127.0.0.1:${l.port}', ], },\n}\n`;
    const vars = { RMW_IMPLEMENTATION: 'rmw_zenoh_cpp', ZENOH_SESSION_CONFIG_URI: '/etc/zenoh/session.json5' };
    const c = check(await doctor(vars, { tcpPortOpen }, { '/etc/zenoh/session.json5': file }), 'ros2.zenohRouter');
    assert.equal(c.verdict, 'ok');
    assert.match(c.evidence[0]!, new RegExp(`/etc/zenoh/session.json5 connect/endpoints: tcp/127.0.0.1:${l.port}`));
    const unreadable = check(await doctor(vars, {}, {}), 'ros2.zenohRouter');
    assert.equal(unreadable.title, 'Zenoh router port tcp/localhost:7447 open');
    assert.match(unreadable.evidence.join('\n'), /cannot be read here/);
    const def = check(await doctor({ RMW_IMPLEMENTATION: 'rmw_zenoh_cpp' }, {}), 'ros2.zenohRouter');
    assert.match(def.evidence[0]!, /default session config: tcp\/localhost:7447/);
  } finally {
    await l.close();
  }
});

test('ROS 2 doctor, rmw_zenoh: non-TCP router endpoints are not tested (and not replaced by the default)', async () => {
  let called = false;
  const c = check(
    await doctor(
      { RMW_IMPLEMENTATION: 'rmw_zenoh_cpp', ZENOH_CONFIG_OVERRIDE: 'connect/endpoints=["udp/10.0.0.9:7447"]' },
      {
        tcpPortOpen: async () => {
          called = true;
          return { open: true, ms: 0 };
        },
      },
    ),
    'ros2.zenohRouter',
  );
  assert.equal(c.verdict, 'skipped');
  assert.equal(called, false);
});
