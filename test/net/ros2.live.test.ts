// ROS 2 live against real Cyclone DDS 0.10 and Fast DDS 2.9 participants in the DDS lab (network
// namespaces; needs root): the passive monitor, the graph probe, `rosnet discover --json`, loopback-only
// participants, the Discovery Server ping, and captures proving the passive monitor sends nothing (on the
// LAN interface, and on lo where it binds a participant port).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Ros2Participant } from '../../src/core/rtps/monitor';
import { buildDdsParticipants, onMachine, startDdsNode, type DdsNode, type DdsNodeOptions } from '../helpers/ddsParticipants';
import { createDdsLab, type DdsLab } from '../helpers/netns';
import { latest, startMonitor, type MonitorProcess } from '../helpers/ros2Monitor';

const root = join(__dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');
/** Where the recorded datagrams go when ROSNET_RECORD_RTPS is set (the fuzz corpus is made from them). */
const RECORD = process.env.ROSNET_RECORD_RTPS;

/** One captured UDP datagram, as tshark prints it live. */
interface Datagram {
  src: string;
  srcPort: number;
  dstPort: number;
}

/**
 * tshark on one of host-a's interfaces, printing each UDP datagram's addresses as it sees it (`-l`), resolved
 * once it says "Capturing on". Streaming rather than reading a pcap file afterwards lets a test wait for the
 * capture to have seen the traffic it expects before it concludes anything from what it did not see (a file
 * read after SIGINT came back empty once in CI under load).
 */
interface Capture {
  readonly datagrams: Datagram[];
  waitFor(pred: (d: Datagram) => boolean, ms: number, what: string): Promise<void>;
  stop(): Promise<Datagram[]>;
}

async function startCapture(lab: DdsLab, dev: string): Promise<Capture> {
  const argv = ['tshark', '-l', '-i', dev, '-f', 'udp', '-T', 'fields', '-e', 'ip.src', '-e', 'udp.srcport', '-e', 'udp.dstport'];
  const tshark = lab.start(lab.hostA, argv, {}, { stdio: 'pipe' });
  const datagrams: Datagram[] = [];
  const waiters = new Set<() => void>();
  let rest = '';
  tshark.stdout!.setEncoding('utf8').on('data', (d: string) => {
    const lines = (rest + d).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      const [src, srcPort, dstPort] = line.trim().split('\t');
      if (src) datagrams.push({ src, srcPort: Number(srcPort), dstPort: Number(dstPort) });
    }
    for (const w of waiters) w();
  });
  const exited = new Promise<void>((r) => tshark.stdout!.once('close', () => r()));
  await new Promise<void>((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`tshark did not start capturing within 30 s: ${err}`)), 30_000);
    tshark.stderr!.setEncoding('utf8').on('data', (d: string) => {
      err += d;
      if (/Capturing on/.test(err)) {
        clearTimeout(timer);
        resolve();
      }
    });
    tshark.once('exit', (code) => reject(new Error(`tshark exited (${code}) before capturing: ${err}`)));
  });
  return {
    datagrams,
    waitFor: (pred, ms, what) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!datagrams.some(pred)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`the capture did not see ${what} within ${ms} ms (${datagrams.length} datagrams)`));
        }, ms);
        waiters.add(check);
        check();
      }),
    stop: async () => {
      process.kill(-tshark.pid!, 'SIGINT');
      await exited;
      return datagrams;
    },
  };
}

const hexGuid = (p: Ros2Participant) => p.guid.replace(/:/g, '');
const has = (ps: readonly Ros2Participant[] | undefined, n: DdsNode) => (ps ?? []).some((p) => hexGuid(p) === n.guid);

test('ROS 2 live with real DDS participants', { timeout: 600_000 }, async (t) => {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  buildDdsParticipants();
  const lab: DdsLab = createDdsLab();
  const nodes: DdsNode[] = [];
  const monitors: MonitorProcess[] = [];
  t.after(async () => {
    await Promise.all(nodes.map((n) => n.kill9()));
    await Promise.all(monitors.map((m) => m.stop()));
    lab.cleanup();
  });
  const talker = async (o: DdsNodeOptions, on = lab.hostB) => {
    const n = await startDdsNode(
      { interface: o.vendor === 'fastdds' ? on.ip : on.dev, udpOnly: o.vendor === 'fastdds' || undefined, ...o },
      onMachine(lab, on),
    );
    nodes.push(n);
    return n;
  };
  const monitor = async (args: string[], on = lab.hostA) => {
    const m = await startMonitor([...args, ...(RECORD ? ['--record', RECORD] : [])], lab, on);
    monitors.push(m);
    return m;
  };

  await t.test(
    'passive: both vendors listed with host, pid, vendor; each dispose form removes at once; the monitor sends nothing',
    async () => {
      const domain = 21;
      const capture = await startCapture(lab, lab.hostA.dev);
      const m = await monitor(['--domain', String(domain), '--interface', lab.hostA.ip]);
      // A long lease: a removal within seconds can only be the dispose, not the lease running out.
      const cy = await talker({ vendor: 'cyclonedds', domain, node: 'talker_c', pubs: ['/chatter'], leaseMs: 60_000 });
      const fd = await talker({ vendor: 'fastdds', domain, node: 'talker_f', pubs: ['/chatter'], leaseMs: 60_000 });
      const both = await m.waitFor((e) => has(e.participants, cy) && has(e.participants, fd), 20_000, 'both talkers');
      const byVendor = new Map((both.participants ?? []).map((p) => [p.vendor, p]));
      for (const [vendor, n] of [
        ['Cyclone DDS', cy],
        ['Fast DDS', fd],
      ] as const) {
        const p = byVendor.get(vendor);
        assert.ok(p, vendor);
        assert.equal(hexGuid(p), n.guid);
        assert.equal(p.host, 'host-b', vendor);
        assert.equal(p.pid, n.pid, vendor);
        assert.equal(p.enclave, '/', vendor);
        assert.ok(p.addresses.includes(lab.hostB.ip), `${vendor} addresses ${p.addresses.join(' ')}`);
        assert.equal(p.leaseSeconds, 60);
      }
      assert.equal(byVendor.get('Cyclone DDS')?.process, 'cyclone_node');
      assert.equal(byVendor.get('Cyclone DDS')?.domainFrom, 'announced');
      assert.equal(byVendor.get('Fast DDS')?.domainFrom, 'port');
      for (const n of [cy, fd]) {
        const stopped = Date.now();
        assert.equal(await n.stop(), 0);
        const gone = await m.waitFor(
          (e) => e.event === 'change' && (e.t ?? 0) >= stopped && !has(e.participants, n),
          10_000,
          `${n.vendor} removed`,
        );
        t.diagnostic(`${n.vendor}: removed ${(gone.t ?? 0) - stopped} ms after SIGTERM (lease 60 s)`);
      }
      const stats = await m.stop();
      assert.ok((stats.find((e) => e.event === 'stats')?.datagrams ?? 0) > 0, 'the monitor received the announcements');
      await capture.waitFor((d) => d.src === lab.hostB.ip, 15_000, 'host-b announce');
      const seen = await capture.stop();
      assert.deepEqual(
        seen.filter((d) => d.src === lab.hostA.ip),
        [],
        'host-a (the passive monitor) sent no UDP datagram',
      );
    },
  );

  await t.test('passive: kill -9 is noticed when the lease runs out', async () => {
    const domain = 22;
    const m = await monitor(['--domain', String(domain), '--interface', lab.hostA.ip]);
    for (const vendor of ['cyclonedds', 'fastdds'] as const) {
      const n = await talker({ vendor, domain, node: 'doomed', pubs: ['/chatter'], leaseMs: 3000 });
      const seen = await m.waitFor((e) => has(e.participants, n), 20_000, `${vendor} seen`);
      assert.equal(seen.participants!.find((p) => hexGuid(p) === n.guid)!.leaseSeconds, 3);
      const killed = Date.now();
      await n.kill9();
      const gone = await m.waitFor(
        (e) => e.event === 'change' && (e.t ?? 0) > killed && !has(e.participants, n),
        15_000,
        `${vendor} expired`,
      );
      const after = (gone.t ?? 0) - killed;
      t.diagnostic(`${vendor}: expired ${after} ms after kill -9 (lease 3 s)`);
      assert.ok(after > 500, `no dispose can have been sent: removed after ${after} ms`);
    }
  });

  await t.test('graph: nodes, topics, types and counts of both vendors, Gid of 24 and 16 bytes; rosnet discover --json', async () => {
    const domain = 23;
    const cy = await talker({
      vendor: 'cyclonedds',
      domain,
      node: 'talker_c',
      namespace: '/',
      gid: 24,
      pubs: ['/chatter'],
      subs: ['/cmd_vel'],
    });
    const fd = await talker({
      vendor: 'fastdds',
      domain,
      node: 'listener_f',
      namespace: '/robot',
      gid: 16,
      pubs: ['/status'],
      subs: ['/chatter'],
    });
    const argv = [
      process.execPath,
      cli,
      'discover',
      '--domain',
      String(domain),
      '--interface',
      lab.hostA.ip,
      '--timeout',
      '3000',
      '--graph',
      '--json',
    ];
    const r = lab.run(lab.hostA, argv, {}, { timeoutMs: 30_000 });
    assert.equal(r.status, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.schema, 'rosnet.discover/1');
    assert.equal(doc.domain, domain);
    assert.deepEqual(doc.participants.map((p: { guid: string }) => p.guid.replace(/:/g, '')).sort(), [cy.guid, fd.guid].sort());
    for (const p of doc.participants) assert.deepEqual([p.host, p.enclave, p.addresses], ['host-b', '/', [lab.hostB.ip]]);
    assert.deepEqual(
      doc.nodes.map((n: { namespace: string; name: string; participant: string }) => [
        n.namespace,
        n.name,
        n.participant.replace(/:/g, ''),
      ]),
      [
        ['/robot', 'listener_f', fd.guid],
        ['/', 'talker_c', cy.guid],
      ],
    );
    assert.deepEqual(doc.topics, [
      { name: '/chatter', type: 'std_msgs/msg/String', publishers: 1, subscribers: 1 },
      { name: '/cmd_vel', type: 'std_msgs/msg/String', publishers: 0, subscribers: 1 },
      { name: '/status', type: 'std_msgs/msg/String', publishers: 1, subscribers: 0 },
    ]);
    assert.deepEqual(doc.services, []);

    // The probe as a library: the distro hint from the Gid sizes, our dispose on stop.
    const watcher = await monitor(['--domain', String(domain), '--interface', lab.hostA.ip]);
    const probe = await monitor(['--domain', String(domain), '--interface', lab.hostA.ip, '--graph']);
    await probe.waitFor((e) => e.event === 'change' && (e.nodes ?? 0) >= 2, 15_000, 'two nodes');
    const self = await watcher.waitFor((e) => (e.participants ?? []).some((p) => p.self), 15_000, 'the probe seen by the monitor');
    assert.ok(self.participants!.find((p) => p.self)!.addresses.includes(lab.hostA.ip));
    const out = await probe.stop();
    const g = out.find((e) => e.event === 'graph')!.graph!;
    assert.deepEqual(g.participants.map((p) => [p.vendor, p.distroHint]).sort(), [
      ['Cyclone DDS', 'humble'],
      ['Fast DDS', 'iron-or-later'],
    ]);
    const stopped = Date.now();
    await watcher.waitFor(
      (e) => e.event === 'change' && (e.t ?? 0) >= stopped - 1000 && !(e.participants ?? []).some((p) => p.self),
      5000,
      'probe disposed',
    );
    await watcher.stop();
    await cy.stop();
    await fd.stop();
  });

  await t.test(
    'loopback only: both vendors on lo are seen by the monitor and the probe; the passive monitor sends nothing on lo',
    async () => {
      const domain = 24;
      const capture = await startCapture(lab, 'lo');
      const m = await monitor(['--domain', String(domain), '--interface', '127.0.0.1', '--loopback']);
      const ready = await m.waitFor((e) => e.event === 'ready', 15_000, 'monitor ready');
      const own = ((ready as { listeners?: { kind: string; port: number }[] }).listeners ?? []).find((l) => l.kind === 'unicast');
      assert.ok(own, `the monitor bound a loopback participant port: ${JSON.stringify(ready)}`);
      const cy = await talker({ vendor: 'cyclonedds', domain, node: 'sim_c', interface: 'lo', pubs: ['/clock'] }, lab.hostA);
      const fd = await talker({ vendor: 'fastdds', domain, node: 'sim_f', interface: '127.0.0.1', pubs: ['/odom'] }, lab.hostA);
      await m.waitFor((e) => has(e.participants, cy) && has(e.participants, fd), 20_000, 'both loopback talkers');
      assert.deepEqual(
        latest(m)
          .map((p) => p.addresses.join())
          .sort(),
        ['127.0.0.1', '127.0.0.1'],
      );
      const probe = await monitor(['--domain', String(domain), '--interface', '127.0.0.1', '--loopback', '--graph']);
      await probe.waitFor((e) => e.event === 'change' && (e.nodes ?? 0) >= 2, 15_000, 'two loopback nodes');
      const g = (await probe.stop()).find((e) => e.event === 'graph')!.graph!;
      assert.deepEqual(g.nodes.map((n) => n.fullName).sort(), ['/sim_c', '/sim_f']);
      assert.deepEqual(g.topics.map((x) => x.name).sort(), ['/clock', '/odom']);
      await m.stop();
      await cy.stop();
      await fd.stop();
      await capture.waitFor((d) => d.dstPort === own.port, 15_000, 'the participants announce to the monitor’s port');
      const seen = await capture.stop();
      // The monitor's loopback port is bound exclusively: a datagram from it can only be the monitor's.
      assert.deepEqual(
        seen.filter((d) => d.srcPort === own.port),
        [],
        'the passive monitor sent nothing from its loopback port',
      );
    },
  );

  await t.test('discovery server: up answers, closed port refused, silent address times out', async () => {
    const server = lab.start(lab.hostB, ['fast-discovery-server', '-i', '2', '-l', lab.hostB.ip, '-p', '11811'], {}, { stdio: 'pipe' });
    try {
      await sleep(1500);
      const ping = async (target: string) =>
        (await (await monitor(['--ping', target, '--timeout', '1500'])).waitFor((e) => e.event === 'ping')).result!;
      const up = await ping(`${lab.hostB.ip}:11811`);
      assert.equal(up.state, 'up', JSON.stringify(up));
      assert.equal(up.serverId, 2);
      assert.equal((await ping(`${lab.hostB.ip}:11812`)).state, 'down');
      // An address on host-a's link that nobody has: ARP gets no answer, nothing comes back.
      assert.equal((await ping(`${lab.hostA.ip.replace(/\.\d+$/, '.99')}:11811`)).state, 'timeout');
    } finally {
      process.kill(-server.pid!, 'SIGTERM');
    }
  });
});
