import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as dgram from 'node:dgram';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { domainPortUse, parseProcNetUdp, readBoundUdpSockets } from '../../../src/core/ros/portsInUse';

const FIXTURE = join(__dirname, '..', '..', 'fixtures', 'proc');

test('ports in use: four real participants on domain 3 (recorded in a namespace) map to indexes 0–2', () => {
  // Cyclone without an index, Cyclone with ParticipantIndex auto (0), two Fast DDS (1, 2; one on an allow-listed interface).
  const sockets = parseProcNetUdp(readFileSync(join(FIXTURE, 'net-udp-domain3.txt'), 'utf8'));
  assert.equal(sockets.length, 19);
  assert.ok(sockets.some((s) => s.address === '239.255.0.1' && s.port === 8150));
  assert.ok(sockets.some((s) => s.address === '10.235.1.1' && s.port === 8162));
  const use = domainPortUse(3, sockets, 54);
  assert.deepEqual(
    use.taken.map((t) => [t.participant, t.discoveryUnicast, t.userUnicast, t.addresses.join(',')]),
    [
      [0, 8160, 8161, '0.0.0.0'],
      [1, 8162, 8163, '10.235.1.1'],
      [2, 8164, 8165, '0.0.0.0'],
    ],
  );
  assert.equal(use.multicastSockets, 5);
  assert.equal(use.nextFree, 3);
  assert.equal(use.capacity, 54);
});

test('ports in use: no free index when every index that fits is taken', () => {
  const sockets = [0, 1].map((i) => ({ address: '0.0.0.0', port: 7410 + 2 * i, inode: i }));
  const use = domainPortUse(0, sockets, 2);
  assert.equal(use.nextFree, undefined);
  assert.equal(use.taken.length, 2);
  // Another domain's ports are not ours.
  assert.deepEqual(domainPortUse(1, sockets, 2).taken, []);
});

test('ports in use: IPv6 lines and malformed lines', () => {
  const text = [
    '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops',
    '  12: 00000000000000000000000001000000:1CF2 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 4711 2 0000000000000000 0',
    '  13: 0000000000000000FFFF00000100000A:1CF3 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 4712 2 0000000000000000 0',
    '  14: garbage',
    '',
  ].join('\n');
  assert.deepEqual(parseProcNetUdp(text), [
    { address: '::1', port: 7410, inode: 4711 },
    { address: '::ffff:a00:1', port: 7411, inode: 4712 },
  ]);
});

test(
  'ports in use: this host’s real /proc lists a socket bound here (Linux)',
  { skip: process.platform !== 'linux' && 'Linux only' },
  async () => {
    for (const [type, addr] of [
      ['udp4', '127.0.0.1'],
      ['udp6', '::1'],
    ] as const) {
      const s = dgram.createSocket(type);
      await new Promise<void>((r) => s.bind(0, addr, r));
      try {
        const r = await readBoundUdpSockets('linux', async (p) => readFileSync(p, 'utf8'));
        assert.ok(r.ok);
        assert.ok(
          r.sockets.some((x) => x.port === s.address().port && x.address === addr),
          `${addr}:${s.address().port} listed`,
        );
      } finally {
        s.close();
      }
    }
  },
);

test('ports in use: other OSes say it cannot run', async () => {
  const r = await readBoundUdpSockets('darwin', async () => 'x');
  assert.deepEqual(r, { ok: false, reason: 'needs /proc/net/udp (Linux); it cannot run on darwin.' });
  const none = await readBoundUdpSockets('linux', async () => undefined);
  assert.equal(none.ok, false);
});
