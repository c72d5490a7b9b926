// `rosnet multicast send|receive` between network namespaces, as users run it (the built CLI), and
// against the socket calls ros2cli's `ros2 multicast` makes (Python: TTL-1 sendto 225.0.0.1:49150;
// bind ('', 49150) + IP_ADD_MEMBERSHIP with INADDR_ANY), since no ROS 2 is installed here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createDdsLab, type DdsLab, type Machine } from '../helpers/netns';

const root = join(__dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');

const PY_ROS2_RECEIVE = `
import socket, struct
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_UDP)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('', 49150))
s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, struct.pack('4sl', socket.inet_aton('225.0.0.1'), socket.INADDR_ANY))
s.settimeout(8)
data, addr = s.recvfrom(4096)
print("Received from %s:%d: '%s'" % (addr[0], addr[1], data.decode()))
`;
const PY_ROS2_SEND = `
import socket, struct
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_UDP)
s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, struct.pack('b', 1))
s.sendto(b'Hello World!', ('225.0.0.1', 49150))
`;

interface Finished {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function collect(p: ChildProcess): Promise<Finished> {
  let stdout = '';
  let stderr = '';
  p.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  p.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((r) => p.once('close', (code) => r({ code, stdout, stderr })));
}

/** Starts a receiver on `on`, waits until it listens, runs the sender on `from`, returns both. */
async function exchange(lab: DdsLab, on: Machine, receiveArgv: string[], from: Machine, sendArgv: string[]) {
  const rx = lab.start(on, receiveArgv, {}, { stdio: 'pipe' });
  const done = collect(rx);
  await sleep(700); // the receiver has bound and joined (its first line is printed before it waits)
  const tx = lab.run(from, sendArgv, {}, { timeoutMs: 20_000 });
  return { tx, rx: await done };
}

test(
  'rosnet multicast: send and receive between namespaces, ros2-compatible, and the advice when it fails',
  { timeout: 180_000 },
  async (t) => {
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
    const lab = createDdsLab();
    t.after(() => lab.cleanup());
    const node = process.execPath;
    const rosnet = (...a: string[]) => [node, cli, 'multicast', ...a];

    await t.test('host-b sends, host-a receives: Hello World! from host-b', async () => {
      const { tx, rx } = await exchange(lab, lab.hostA, rosnet('receive', '--timeout', '8000'), lab.hostB, rosnet('send'));
      assert.equal(tx.status, 0, tx.stderr);
      assert.match(tx.stdout, /Sent one UDP multicast datagram to 225\.0\.0\.1:49150/);
      assert.equal(rx.code, 0, rx.stderr);
      assert.match(rx.stdout, new RegExp(`Received from ${lab.hostB.ip.replace(/\./g, '\\.')}:\\d+: 'Hello World!'`));
    });

    await t.test('interoperates with ros2 multicast’s socket calls in both directions', async () => {
      const a = await exchange(lab, lab.hostA, ['python3', '-c', PY_ROS2_RECEIVE], lab.hostB, rosnet('send'));
      assert.equal(a.rx.code, 0, a.rx.stderr);
      assert.match(a.rx.stdout, /'Hello World!'/);
      const b = await exchange(lab, lab.hostA, rosnet('receive', '--timeout', '8000'), lab.hostB, ['python3', '-c', PY_ROS2_SEND]);
      assert.equal(b.tx.status, 0, b.tx.stderr);
      assert.equal(b.rx.code, 0, b.rx.stderr);
      assert.match(b.rx.stdout, /'Hello World!'/);
    });

    await t.test('own group and port', async () => {
      const args = ['--group', '239.255.0.1', '--port', '17900'];
      const { tx, rx } = await exchange(
        lab,
        lab.hostA,
        rosnet('receive', ...args, '--timeout', '8000'),
        lab.hostB,
        rosnet('send', ...args),
      );
      assert.equal(tx.status, 0, tx.stderr);
      assert.equal(rx.code, 0, rx.stderr);
    });

    await t.test('across the router: the send succeeds, the receiver is silent and says why', async () => {
      const { tx, rx } = await exchange(
        lab,
        lab.hostC,
        rosnet('receive', '--timeout', '2500'),
        lab.hostB,
        rosnet('send', '--interface', lab.hostBUplink.ip),
      );
      assert.equal(tx.status, 0, tx.stderr);
      assert.equal(rx.code, 1);
      assert.match(rx.stderr, /Nothing received within 2500 ms/);
      assert.match(rx.stderr, /routers.*drop it/);
      assert.match(rx.stderr, /ROS_STATIC_PEERS/);
    });

    await t.test('no multicast route: send fails ENETUNREACH with the route to add; --interface still works', async () => {
      execFileSync('ip', ['-n', lab.hostA.ns, 'route', 'del', '224.0.0.0/4']);
      try {
        const r = lab.run(lab.hostA, rosnet('send'), {});
        assert.equal(r.status, 1);
        assert.match(r.stderr, /ENETUNREACH/);
        assert.match(r.stderr, /ip route add 224\.0\.0\.0\/4 dev/);
        const { tx, rx } = await exchange(
          lab,
          lab.hostB,
          rosnet('receive', '--timeout', '8000'),
          lab.hostA,
          rosnet('send', '--interface', lab.hostA.ip),
        );
        assert.equal(tx.status, 0, tx.stderr);
        assert.equal(rx.code, 0, rx.stderr);
      } finally {
        execFileSync('ip', ['-n', lab.hostA.ns, 'route', 'add', '224.0.0.0/4', 'dev', lab.hostA.dev]);
      }
    });

    await t.test('received text is shown with control characters escaped', async () => {
      const evil = `import socket\ns=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\ns.sendto(b'hi\\x1b]0;pwned\\x07\\xe2\\x80\\xae!', ('225.0.0.1', 49150))`;
      const { rx } = await exchange(lab, lab.hostA, rosnet('receive', '--timeout', '8000'), lab.hostB, ['python3', '-c', evil]);
      assert.equal(rx.code, 0, rx.stderr);
      assert.ok(!rx.stdout.includes('\x1b') && !rx.stdout.includes('\u202e'), JSON.stringify(rx.stdout));
      assert.match(rx.stdout, /'hi\\x1b\]0;pwned\\x07\\u202e!'/);
    });
  },
);
