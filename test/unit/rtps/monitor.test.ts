import assert from 'node:assert/strict';
import * as dgram from 'node:dgram';
import { after, describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRos2Monitor, sameDatagram, volatileRanges, type Ros2DomainView, type Ros2Monitor } from '../../../src/core/rtps/monitor';
import { fakeSocketFactory } from '../../helpers/fakeDgram';
import { announcement, disposal, fakePrefix, type FakeParticipant } from '../../helpers/rtpsPackets';

// Real sockets on loopback: fake announcements go to the monitor's loopback participant port.
// A domain of its own (ports 7400+250·d…) per run, away from the domains other tests use.
const DOMAIN = 150 + (process.pid % 60);

class ManualClock {
  t = 1_000_000;
  private timers = new Map<number, { at: number; fn: () => void }>();
  private id = 0;
  now = () => this.t;
  setTimeout = (fn: () => void, ms: number) => {
    this.timers.set(++this.id, { at: this.t + ms, fn });
    return this.id;
  };
  clearTimeout = (h: unknown) => void this.timers.delete(h as number);
  /** Timer callbacks run: each is a wake-up of the process. */
  fired = 0;
  advance(ms: number): void {
    this.t += ms;
    for (const [id, x] of [...this.timers]) {
      if (x.at > this.t) continue;
      this.timers.delete(id);
      this.fired++;
      x.fn();
    }
  }
}

const sender = dgram.createSocket('udp4');
after(() => sender.close());

async function start(
  o: { clock?: ManualClock; maxParticipants?: number } = {},
): Promise<{ m: Ros2Monitor; port: number; next: () => Promise<Ros2DomainView> }> {
  const m = createRos2Monitor({ domain: DOMAIN, interfaces: [], loopback: true, clock: o.clock, maxParticipants: o.maxParticipants });
  await m.ready;
  const uni = m.snapshot().listeners.find((l) => l.kind === 'unicast');
  assert.ok(uni, `no loopback socket: ${m.snapshot().problems.join('; ')}`);
  const queue: Ros2DomainView[] = [];
  const waiting: ((v: Ros2DomainView) => void)[] = [];
  m.onDidChange((v) => (waiting.length ? waiting.shift()!(v) : queue.push(v)));
  const next = () => (queue.length ? Promise.resolve(queue.shift()!) : new Promise<Ros2DomainView>((r) => waiting.push(r)));
  return { m, port: uni.port, next };
}

const send = (b: Uint8Array, port: number) => new Promise<void>((r) => sender.send(b, port, '127.0.0.1', () => r()));

describe('passive monitor (loopback sockets)', () => {
  it('lists participants of both vendors with host, pid, vendor, and removes each on its own dispose form', async () => {
    const { m, port, next } = await start();
    const cy: FakeParticipant = {
      prefix: fakePrefix('cyclone', 1),
      vendor: 'cyclone',
      domain: DOMAIN,
      host: 'hal',
      pid: 11,
      process: 'talker',
    };
    const fd: FakeParticipant = { prefix: fakePrefix('fastdds', 2), vendor: 'fastdds', domain: DOMAIN, host: 'marvin', pid: 22 };
    await send(announcement(cy), port);
    await next();
    await send(announcement(fd), port);
    const v = await next();
    assert.deepEqual(
      v.participants.map((p) => [p.vendor, p.host, p.pid, p.enclave, p.domainFrom]),
      [
        ['Cyclone DDS', 'hal', 11, '/', 'announced'],
        ['Fast DDS', 'marvin', 22, '/', 'port'],
      ],
    );
    await send(disposal(fd), port);
    assert.deepEqual(
      (await next()).participants.map((p) => p.vendor),
      ['Cyclone DDS'],
    );
    await send(disposal(cy), port);
    assert.deepEqual((await next()).participants, []);
    m.dispose();
  });

  it('a re-announcement refreshes the lease without an event; silence past the lease expires it', async () => {
    const clock = new ManualClock();
    const { m, port, next } = await start({ clock });
    const p: FakeParticipant = { prefix: fakePrefix('cyclone', 3), vendor: 'cyclone', domain: DOMAIN, leaseSeconds: 2 };
    await send(announcement(p), port);
    await next();
    clock.advance(1500);
    const before = m.snapshot().datagrams;
    await send(announcement(p, 2), port);
    while (m.snapshot().datagrams === before) await new Promise((r) => setImmediate(r));
    clock.advance(1500); // 3 s after the first, 1.5 s after the refresh: still alive
    assert.equal(m.snapshot().participants.length, 1);
    clock.advance(600);
    assert.deepEqual((await next()).participants, []);
    m.dispose();
  });

  it('a re-sent datagram with only a new timestamp refreshes it; changed bytes under the same prefix are decoded; a dispose still removes it', async () => {
    const clock = new ManualClock();
    const { m, port, next } = await start({ clock });
    const p: FakeParticipant = { prefix: fakePrefix('fastdds', 4), vendor: 'fastdds', domain: DOMAIN, host: 'one', leaseSeconds: 2 };
    const delivered = async (b: Uint8Array) => {
      const before = m.snapshot().datagrams;
      await send(b, port);
      while (m.snapshot().datagrams === before) await new Promise((r) => setImmediate(r));
    };
    await send(announcement(p, 1, 1000), port);
    const first = (await next()).participants[0]!;
    for (const at of [1001, 1002, 1003]) {
      clock.advance(1500);
      await delivered(announcement(p, 1, at + 0.25));
    }
    // Three refreshes 1.5 s apart kept a 2 s lease alive; lastSeen is the last one's.
    assert.deepEqual(
      m.snapshot().participants.map((x) => [x.guid, x.lastSeen - first.lastSeen]),
      [[first.guid, 4500]],
    );
    await send(announcement({ ...p, host: 'two' }, 1, 1004), port);
    assert.equal((await next()).participants[0]!.host, 'two');
    await send(disposal(p), port);
    assert.deepEqual((await next()).participants, []);
    // Forgotten with its datagram: the same bytes again are a new sighting, not a refresh of nothing.
    await send(announcement({ ...p, host: 'two' }, 1, 1004), port);
    assert.equal((await next()).participants[0]!.host, 'two');
    m.dispose();
  });

  it('renewed leases wake nothing: the lease timer fires only when a participant really expires', { timeout: 10_000 }, async () => {
    const clock = new ManualClock();
    const { m, port, next } = await start({ clock });
    const ps: FakeParticipant[] = [5, 6, 7].map((n) => ({
      prefix: fakePrefix('cyclone', n),
      vendor: 'cyclone',
      domain: DOMAIN,
      leaseSeconds: 2,
    }));
    const delivered = async (b: Uint8Array) => {
      const before = m.snapshot().datagrams;
      await send(b, port);
      while (m.snapshot().datagrams === before) await new Promise((r) => setImmediate(r));
    };
    for (const p of ps) {
      await send(announcement(p, 1, 1000), port);
      await next();
      clock.advance(300);
    }
    // Each re-announces every 1.5 s, staggered, for 15 s: no lease runs out, so no timer runs.
    for (let round = 0; round < 10; round++)
      for (const p of ps) {
        await delivered(announcement(p, 1, 1000));
        clock.advance(500);
      }
    assert.equal(clock.fired, 0);
    assert.equal(m.snapshot().participants.length, 3);
    // Silence: one wake-up per expiry.
    clock.advance(2000);
    assert.deepEqual((await next()).participants.length < 3, true);
    while (m.snapshot().participants.length > 0) await next();
    assert.ok(clock.fired <= 3, `${clock.fired} wake-ups for 3 expiries`);
    m.dispose();
  });

  it('caps the table: the least recently seen participant is evicted and counted', async () => {
    const { m, port, next } = await start({ maxParticipants: 3 });
    for (let i = 0; i < 5; i++) {
      await send(announcement({ prefix: fakePrefix('fastdds', 100 + i), vendor: 'fastdds', domain: DOMAIN }), port);
      await next();
    }
    const v = m.snapshot();
    assert.equal(v.participants.length, 3);
    assert.equal(v.limits.evictedParticipants, 2);
    m.dispose();
  });

  it('ignores a participant announcing another domain', async () => {
    const { m, port } = await start();
    await send(announcement({ prefix: fakePrefix('cyclone', 9), vendor: 'cyclone', domain: DOMAIN + 1 }), port);
    while (m.snapshot().datagrams === 0) await new Promise((r) => setImmediate(r));
    assert.equal(m.snapshot().participants.length, 0);
    m.dispose();
  });
});

describe('re-sent announcements are recognised by their bytes', () => {
  const pairs = readFileSync(join(__dirname, '..', '..', 'fixtures', 'rtps', 'resends.hex'), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => Buffer.from(l, 'hex'));
  const vendors = [
    ['Cyclone DDS', pairs[0]!, pairs[1]!],
    ['Fast DDS', pairs[2]!, pairs[3]!],
  ] as const;

  it('a real re-send of both vendors matches its predecessor (Fast DDS differs only inside its vendor submessage)', () => {
    for (const [vendor, first, again] of vendors) {
      const skip = volatileRanges(first);
      assert.ok(skip, vendor);
      assert.equal(sameDatagram(again, first, skip), true, vendor);
    }
    assert.equal(pairs[2]!.equals(pairs[3]!), false, 'the Fast DDS pair really differs');
  });

  it('any change outside those bodies is not a re-send: payload, submessage headers, length', () => {
    for (const [vendor, first] of vendors) {
      const skip = volatileRanges(first)!;
      const covered = (i: number) => skip.some((s, k) => k % 2 === 0 && i >= s && i < skip[k + 1]!);
      for (let i = 0; i < first.length; i++) {
        if (covered(i)) continue;
        const b = Buffer.from(first);
        b[i] = b[i]! ^ 0x01;
        assert.equal(sameDatagram(b, first, skip), false, `${vendor}: byte ${i} flipped`);
      }
      assert.equal(sameDatagram(first.subarray(0, first.length - 4), first, skip), false, `${vendor}: shorter`);
    }
  });

  it('a datagram whose submessages run past its end is not remembered', () => {
    const b = Buffer.from(pairs[2]!);
    b.writeUInt16LE(0xfff0, 22); // the first submessage's length, far past the end
    assert.equal(volatileRanges(b), undefined);
  });
});

describe('passive monitor sends nothing', () => {
  it('no send() on any of its sockets while it receives announcements and disposals', async () => {
    const { factory, sockets } = fakeSocketFactory();
    const m = createRos2Monitor({ domain: DOMAIN, interfaces: ['10.0.0.1', '127.0.0.1'], loopback: true, socketFactory: factory });
    await m.ready;
    assert.equal(sockets.length, 2, 'the multicast socket and the loopback participant port');
    const p: FakeParticipant = { prefix: fakePrefix('fastdds', 5), vendor: 'fastdds', domain: DOMAIN };
    for (const s of sockets) {
      s.deliver(announcement(p));
      s.deliver(disposal(p));
    }
    assert.equal(m.snapshot().datagrams, 4);
    assert.deepEqual(
      sockets.map((s) => s.sent.length),
      [0, 0],
    );
    m.dispose();
  });
});
