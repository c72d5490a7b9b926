import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { runDoctor } from '../../../src/core/doctor/runDoctor';
import { udpRouteSource, ipRouteGet, listenXmlRpc, type LocalAddress } from '../../../src/core/doctor/deps';
import type { DoctorInput, DoctorReport } from '../../../src/core/doctor/types';
import { fakeMaster, fakeNode, LO, testDeps, xmlRpcServer } from './fakeRos';

function input(vars: Record<string, string>, rosVersion: 1 | 2 = 1): DoctorInput {
  return { source: { kind: 'profile', name: 't' }, rosVersion, variables: new Map(Object.entries(vars)) };
}

function check(r: DoctorReport, id: string) {
  const c = r.checks.find((x) => x.id === id);
  assert.ok(c, `${id} in ${r.checks.map((x) => x.id).join(', ')}`);
  return c;
}

const ETH: LocalAddress = { iface: 'eth0', address: '10.0.0.2', family: 'IPv4', internal: false };

test('local master and node on loopback, ROS_IP=127.0.0.1: every check ok or skipped', async () => {
  const node = await fakeNode(77);
  const master = await fakeMaster({ '/talker': node.uri });
  try {
    const r = await runDoctor(
      input({ ROS_MASTER_URI: `http://127.0.0.1:${master.port}`, ROS_IP: '127.0.0.1' }),
      testDeps({ interfaces: [LO], hostname: 'testhost', hosts: { testhost: ['127.0.1.1'] } }),
    );
    assert.equal(r.verdict, 'ok', JSON.stringify(r.checks, null, 1));
    assert.match(check(r, 'master.answers').evidence[0]!, /1 node registered/);
    assert.match(check(r, 'nodes.ping:/talker').evidence[0]!, /pid 77/);
    assert.equal(check(r, 'master.selfUri').verdict, 'ok');
    assert.equal(check(r, 'local.route').verdict, 'skipped');
    assert.equal(check(r, 'reverse.advertised').verdict, 'ok');
    assert.equal(r.summary.error + r.summary.warning, 0);
  } finally {
    await Promise.all([node.close(), master.close()]);
  }
});

test('nodes: an unresolvable advertised name, a dead port and a silent node are errors with the fix; bounded by the timeout', async () => {
  const silent = net.createServer(() => undefined);
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  const silentPort = (silent.address() as net.AddressInfo).port;
  const dead = await fakeNode();
  const deadUri = dead.uri;
  await dead.close();
  const master = await fakeMaster({
    '/marvin_talker': 'http://marvin:40000/',
    '/dead': deadUri,
    '/silent': `http://127.0.0.1:${silentPort}/`,
  });
  try {
    const r = await runDoctor(
      input({ ROS_MASTER_URI: master.uri.replace(/\/$/, ''), ROS_IP: '127.0.0.1' }),
      testDeps({ interfaces: [LO] }),
      { timeoutMs: 300 },
    );
    const m = check(r, 'nodes.ping:/marvin_talker');
    assert.equal(m.verdict, 'error');
    assert.match(m.evidence.join('\n'), /'marvin' does not resolve on this machine/);
    assert.match(m.evidence.join('\n'), /rostopic echo stays empty/);
    assert.match(m.fix!.title, /ROS_IP.*\/etc\/hosts/);
    assert.match(check(r, 'nodes.ping:/dead').evidence[0]!, /refused/);
    assert.match(check(r, 'nodes.ping:/silent').evidence[0]!, /timeout/);
    assert.equal(r.verdict, 'error');
  } finally {
    silent.close();
    await master.close();
  }
});

test('a hostile master reply (not a system state) is an error, not a crash', async () => {
  const bad = await xmlRpcServer((m) => (m === 'getSystemState' ? [1, 'x', 'not a state'] : [1, '', 0]));
  try {
    const r = await runDoctor(input({ ROS_MASTER_URI: bad.uri.replace(/\/$/, ''), ROS_IP: '127.0.0.1' }), testDeps({ interfaces: [LO] }));
    assert.equal(check(r, 'master.answers').verdict, 'error');
    assert.equal(check(r, 'nodes.ping').verdict, 'skipped');
  } finally {
    await bad.close();
  }
});

test('remote master (a loopback server behind an injected address): ROS_IP checks and the route-source fix', async () => {
  const node = await fakeNode();
  const master = await fakeMaster({ '/n': node.uri }, 'http://hal:11311/');
  const deps = (extra: Parameters<typeof testDeps>[0] = {}) =>
    testDeps({
      hosts: { hal: ['10.0.0.1'], marvin: ['10.0.0.2'] },
      interfaces: [LO, ETH],
      hostname: 'marvin',
      remap: { '10.0.0.1:11311': `127.0.0.1:${master.port}` },
      route: '10.0.0.2',
      ...extra,
    });
  try {
    const good = await runDoctor(input({ ROS_MASTER_URI: 'http://hal:11311', ROS_IP: '10.0.0.2' }), deps());
    assert.equal(check(good, 'local.rosIp').verdict, 'ok');
    assert.equal(check(good, 'local.route').verdict, 'ok');
    assert.equal(check(good, 'master.selfUri').verdict, 'ok');

    const wrong = await runDoctor(input({ ROS_MASTER_URI: 'http://hal:11311', ROS_IP: '10.0.0.99' }), deps());
    const ip = check(wrong, 'local.rosIp');
    assert.equal(ip.verdict, 'error');
    assert.match(ip.evidence[0]!, /ROS_IP \[10\.0\.0\.99\] does not appear to be an IP address of a local network interface/);
    assert.deepEqual(ip.fix?.action, { kind: 'set-ros-ip', address: '10.0.0.2' });
    assert.equal(check(wrong, 'local.route').verdict, 'warning');
    assert.equal(check(wrong, 'reverse.advertised').verdict, 'error', 'binding an address that is not ours fails');

    const loop = await runDoctor(input({ ROS_MASTER_URI: 'http://hal:11311', ROS_IP: '127.0.0.1' }), deps());
    assert.equal(check(loop, 'syntax.topology').verdict, 'error');
    assert.equal(check(loop, 'local.rosIp').verdict, 'error');

    const unset = await runDoctor(input({ ROS_MASTER_URI: 'http://hal:11311' }), deps());
    const h = check(unset, 'local.hostname');
    assert.equal(h.verdict, 'warning');
    assert.match(h.evidence.join('\n'), /register as http:\/\/marvin:<port>/);
    assert.deepEqual(h.fix?.action, { kind: 'set-ros-ip', address: '10.0.0.2' });

    const hn = await runDoctor(input({ ROS_MASTER_URI: 'http://hal:11311', ROS_HOSTNAME: 'nowhere' }), deps());
    assert.match(check(hn, 'local.rosHostname').evidence[0]!, /ROS_HOSTNAME \[nowhere\] cannot be resolved/);
    const foreign = await runDoctor(input({ ROS_MASTER_URI: 'http://hal:11311', ROS_HOSTNAME: 'hal' }), deps());
    assert.equal(check(foreign, 'local.rosHostname').verdict, 'warning');

    // roswtf's "Local network configuration is invalid": the hostname resolves to someone else's address.
    const badHosts = await runDoctor(
      input({ ROS_MASTER_URI: 'http://hal:11311', ROS_IP: '10.0.0.2' }),
      deps({ hosts: { hal: ['10.0.0.1'], marvin: ['10.0.0.50'] } }),
    );
    assert.match(check(badHosts, 'local.hostname').evidence[0]!, /^Local network configuration is invalid/);
  } finally {
    await Promise.all([node.close(), master.close()]);
  }
});

test('static checks need nothing running: a localhost master next to a LAN ROS_IP, an unresolvable master, a malformed URI', async () => {
  const deps = testDeps({ interfaces: [LO, ETH] });
  const r = await runDoctor(input({ ROS_MASTER_URI: 'http://localhost:1', ROS_IP: '10.0.0.2' }), deps, { timeoutMs: 500 });
  assert.equal(check(r, 'syntax.topology').verdict, 'warning');
  assert.equal(check(r, 'master.answers').verdict, 'error');
  assert.match(check(r, 'master.answers').evidence.join('\n'), /refused/);

  const dns = await runDoctor(input({ ROS_MASTER_URI: 'http://nowhere:11311', ROS_IP: '10.0.0.2' }), deps);
  assert.match(check(dns, 'master.resolve').evidence[0]!, /Cannot resolve hostname in ROS_MASTER_URI/);
  assert.equal(check(dns, 'master.answers').verdict, 'skipped');

  const bad = await runDoctor(input({ ROS_MASTER_URI: 'localhost:11311' }), deps);
  const syntax = check(bad, 'syntax.variables');
  assert.equal(syntax.verdict, 'error');
  assert.match(syntax.evidence.join('\n'), /ROS_MASTER_URI: .*\[URI00\d\]/);
  assert.equal(check(bad, 'master.resolve').verdict, 'skipped');
});

test('ROS 2: domain range against the ephemeral range read from /proc, discovery consistency, RMW installed', async () => {
  const files = {
    '/proc/sys/net/ipv4/ip_local_port_range': '32768\t60999\n',
    '/opt/ros/jazzy/share/rmw_cyclonedds_cpp/package.xml': '<package/>',
  };
  const deps = { ...testDeps({ files, hosts: { robot: ['10.0.0.7'] } }), platform: 'linux' as const };
  const ok = await runDoctor(
    input(
      {
        ROS_DOMAIN_ID: '42',
        ROS_AUTOMATIC_DISCOVERY_RANGE: 'SUBNET',
        RMW_IMPLEMENTATION: 'rmw_cyclonedds_cpp',
        ROS_DISTRO: 'jazzy',
        ROS_STATIC_PEERS: 'robot',
      },
      2,
    ),
    deps,
  );
  assert.equal(ok.verdict, 'ok', JSON.stringify(ok.checks, null, 1));
  assert.equal(check(ok, 'master.resolve').verdict, 'skipped');
  assert.match(check(ok, 'ros2.discovery').evidence.join('\n'), /robot → 10\.0\.0\.7/);

  const bad = await runDoctor(
    input(
      {
        ROS_DOMAIN_ID: '150',
        ROS_AUTOMATIC_DISCOVERY_RANGE: 'OFF',
        ROS_STATIC_PEERS: 'ghost',
        RMW_IMPLEMENTATION: 'rmw_zenoh_cpp',
        ROS_DISTRO: 'jazzy',
      },
      2,
    ),
    deps,
  );
  const d = check(bad, 'ros2.domain');
  assert.equal(d.verdict, 'warning');
  assert.match(d.evidence[0]!, /ephemeral range 32768–60999 \(\/proc/);
  assert.match(d.fix!.title, /Use domain 101/);
  assert.equal(check(bad, 'ros2.discovery').verdict, 'warning');
  assert.match(check(bad, 'ros2.discovery').evidence.join('\n'), /ignored with ROS_AUTOMATIC_DISCOVERY_RANGE=OFF/);
  assert.equal(check(bad, 'ros2.rmw').verdict, 'error');

  const narrow = await runDoctor(input({ ROS_DOMAIN_ID: '42' }, 2), { ...deps, readText: async () => '10000 40000' });
  assert.equal(check(narrow, 'ros2.domain').verdict, 'warning', 'domain 42 (17900+) collides with a 10000–40000 ephemeral range');
  const junk = await runDoctor(input({ ROS_DOMAIN_ID: 'abc' }, 2), deps);
  assert.equal(check(junk, 'ros2.domain').verdict, 'error');
  assert.equal(check(junk, 'ros2.rmw').verdict, 'skipped');
});

test('route source: the UDP-connect trick and ip route get agree on loopback; the throwaway endpoint answers getPid', async () => {
  assert.equal(await udpRouteSource('127.0.0.1', 1000), '127.0.0.1');
  if (process.platform === 'linux') assert.equal((await ipRouteGet('127.0.0.1', 2000)).src, '127.0.0.1');
  const l = await listenXmlRpc('127.0.0.1');
  try {
    const { callXmlRpc } = await import('../../../src/core/probe/xmlrpcCall');
    assert.deepEqual(await callXmlRpc(`http://127.0.0.1:${l.port}/`, 'getPid', ['/x']), [1, '', process.pid]);
  } finally {
    await l.close();
  }
  await assert.rejects(listenXmlRpc('10.255.255.254'), { code: 'EADDRNOTAVAIL' });
});

test('node pings run with bounded concurrency', async () => {
  let inFlight = 0;
  let peak = 0;
  const slow = await xmlRpcServer(() => [1, '', 1]);
  const nodes: Record<string, string> = {};
  for (let i = 0; i < 20; i++) nodes[`/n${i}`] = slow.uri;
  const master = await fakeMaster(nodes);
  try {
    const base = testDeps({ interfaces: [LO] });
    const deps = {
      ...base,
      rpc: async (...a: Parameters<typeof base.rpc>) => {
        // Only the node pings (the reverse check's own getPid runs alongside them).
        if (a[1] !== 'getPid' || a[0] !== slow.uri) return base.rpc(...a);
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((r) => setTimeout(r, 20));
        try {
          return await base.rpc(...a);
        } finally {
          inFlight--;
        }
      },
    };
    const r = await runDoctor(input({ ROS_MASTER_URI: master.uri.replace(/\/$/, ''), ROS_IP: '127.0.0.1' }), deps, { nodeConcurrency: 3 });
    assert.equal(r.checks.filter((c) => c.id.startsWith('nodes.ping:') && c.verdict === 'ok').length, 20);
    assert.ok(peak <= 3 && peak > 0, `peak ${peak}`);
  } finally {
    await Promise.all([slow.close(), master.close()]);
  }
});
