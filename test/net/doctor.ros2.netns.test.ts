// `rosnet doctor` for ROS 2 profiles with real DDS participants and a real Fast DDS discovery
// server, in the netns lab: multicast between host-a and host-b, silence across the router (with
// the advice) while unicast to a discovery server behind it works, a server up / down /
// unreachable, this host's participant ports, and Fast DDS shared memory in another /dev/shm.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildDdsParticipants, onMachine, startDdsNode, type DdsNode, type Launcher } from '../helpers/ddsParticipants';
import { createDdsLab, type DdsLab, type Machine } from '../helpers/netns';
import type { Check, DoctorReport } from '../../src/core/doctor/types';

const root = join(__dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');

function doctor(lab: DdsLab, m: Machine, env: Record<string, string>): DoctorReport {
  const r = lab.run(m, [process.execPath, cli, 'doctor', '--json', '--timeout', '1500'], env, { timeoutMs: 60_000 });
  assert.ok(r.stdout.startsWith('{'), `doctor printed JSON (exit ${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as DoctorReport;
}

function check(r: DoctorReport, id: string): Check {
  const c = r.checks.find((x) => x.id === id);
  assert.ok(c, `${id} in ${r.checks.map((x) => x.id).join(', ')}`);
  return c;
}

const text = (c: Check) => [...c.evidence, c.fix?.title ?? ''].join('\n');

test('rosnet doctor (ROS 2) in the DDS lab', { timeout: 600_000 }, async (t) => {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  buildDdsParticipants();
  const lab = createDdsLab();
  const nodes: DdsNode[] = [];
  const procs: ChildProcess[] = [];
  t.after(async () => {
    await Promise.all(nodes.map((n) => n.kill9()));
    for (const p of procs) if (p.exitCode === null) process.kill(-p.pid!, 'SIGKILL');
    lab.cleanup();
  });
  const start = async (...a: Parameters<typeof startDdsNode>) => {
    const n = await startDdsNode(...a);
    nodes.push(n);
    return n;
  };
  const server = async (m: Machine, address: string, port: number) => {
    const p = lab.start(m, ['fast-discovery-server', '-i', '0', '-l', address, '-p', String(port)], {});
    procs.push(p);
    await sleep(1500); // it binds within a few hundred ms
    return p;
  };

  await t.test('multicast ok between host-a and host-b; the talker on host-b is listed with its host and pid', async () => {
    const talker = await start(
      { vendor: 'cyclonedds', domain: 21, node: 'talker', interface: lab.hostB.dev, leaseMs: 2000 },
      onMachine(lab, lab.hostB),
    );
    const r = doctor(lab, lab.hostA, { ROS_DOMAIN_ID: '21' });
    const mc = check(r, 'ros2.multicast');
    assert.equal(mc.verdict, 'ok', text(mc));
    assert.match(text(mc), new RegExp(`from other machines arrived.*${lab.hostB.ip.replace(/\./g, '\\.')}`));
    const p = check(r, 'ros2.participants');
    assert.equal(p.verdict, 'ok', text(p));
    assert.match(text(p), new RegExp(`host-b \\(${lab.hostB.ip.replace(/\./g, '\\.')}\\): Cyclone DDS cyclone_node pid ${talker.pid}`));
    await talker.stop();
  });

  await t.test(
    'across the router: multicast silence with the unicast advice; a discovery server behind the router answers (unicast works)',
    async () => {
      const talker = await start(
        { vendor: 'fastdds', domain: 22, node: 'talker', interface: lab.hostBUplink.ip, udpOnly: true, leaseMs: 2000 },
        onMachine(lab, lab.hostB),
      );
      const silent = doctor(lab, lab.hostC, { ROS_DOMAIN_ID: '22' });
      const mc = check(silent, 'ros2.multicast');
      assert.equal(mc.verdict, 'warning', text(mc));
      assert.match(text(mc), /No DDS discovery multicast from any other machine/);
      assert.match(text(mc), /Routers, many Wi-Fi access points, VPNs/);
      assert.match(text(mc), /ROS_STATIC_PEERS.*discovery server/);
      assert.match(check(silent, 'ros2.participants').evidence[0]!, /No participants on domain 22/);
      await talker.stop();
      await server(lab.hostB, lab.hostBUplink.ip, 11811);
      const viaServer = doctor(lab, lab.hostC, { ROS_DOMAIN_ID: '22', ROS_DISCOVERY_SERVER: `${lab.hostBUplink.ip}:11811` });
      const ds = check(viaServer, 'ros2.discoveryServer:0');
      assert.equal(ds.verdict, 'ok', text(ds));
      assert.match(ds.evidence[0]!, /answered in [\d.]+ ms/);
    },
  );

  await t.test('discovery server down (refused) and unreachable (timeout)', async () => {
    const r = doctor(lab, lab.hostC, {
      ROS_DISCOVERY_SERVER: `${lab.hostBUplink.ip}:11899;${lab.hostC.ip.replace(/\.1$/, '.77')}:11811`,
      ROS_SUPER_CLIENT: 'TRUE',
    });
    const down = check(r, 'ros2.discoveryServer:0');
    assert.equal(down.verdict, 'error', text(down));
    assert.match(down.evidence[0]!, /connection refused in [\d.]+ ms/);
    assert.equal(down.fix?.title, `Start the server there: fast-discovery-server -i 0 -l ${lab.hostBUplink.ip} -p 11899`);
    const gone = check(r, 'ros2.discoveryServer:1');
    assert.equal(gone.verdict, 'error', text(gone));
    assert.match(gone.evidence[0]!, /no answer within 1500 ms: the host is unreachable/);
  });

  await t.test('ports in use: the participant indexes real participants hold on host-a', async () => {
    const here = [
      await start({ vendor: 'fastdds', domain: 23, node: 'a', udpOnly: true }, onMachine(lab, lab.hostA)),
      await start({ vendor: 'fastdds', domain: 23, node: 'b', udpOnly: true }, onMachine(lab, lab.hostA)),
      await start(
        { vendor: 'cyclonedds', domain: 23, node: 'c', interface: lab.hostA.dev, participantIndex: 'auto' },
        onMachine(lab, lab.hostA),
      ),
    ];
    const r = doctor(lab, lab.hostA, { ROS_DOMAIN_ID: '23' });
    const c = check(r, 'ros2.ports');
    assert.equal(c.verdict, 'ok', text(c));
    assert.match(c.evidence[0]!, /Participant indexes in use here: 0, 1, 2 \(3 of the \d+ that fit/);
    for (const n of here) await n.stop();
  });

  await t.test('Fast DDS with its own /dev/shm on the same host: the shared-memory warning', async () => {
    // A container without --ipc=host: same network, private /dev/shm (a mount namespace with a tmpfs).
    const privateShm: Launcher = (argv, env) =>
      lab.start(lab.hostA, ['unshare', '--mount', 'sh', '-c', 'mount -t tmpfs none /dev/shm && exec "$@"', 'sh', ...argv], env, {
        stdio: 'pipe',
      });
    const boxed = await start({ vendor: 'fastdds', domain: 24, node: 'boxed', leaseMs: 2000 }, privateShm);
    const r = doctor(lab, lab.hostA, { ROS_DOMAIN_ID: '24' });
    const c = check(r, 'ros2.sharedMemory');
    assert.equal(c.verdict, 'warning', text(c));
    assert.match(text(c), /--ipc=host/);
    await boxed.stop();
    const shared = await start({ vendor: 'fastdds', domain: 25, node: 'shared', leaseMs: 2000 }, onMachine(lab, lab.hostA));
    const ok = doctor(lab, lab.hostA, { ROS_DOMAIN_ID: '25' });
    assert.equal(check(ok, 'ros2.sharedMemory').verdict, 'ok', text(check(ok, 'ros2.sharedMemory')));
    await shared.stop();
  });
});
