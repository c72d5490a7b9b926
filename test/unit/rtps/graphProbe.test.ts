import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EntityId } from '../../../src/core/rtps/constants';
import { MessageWriter, ParamListWriter, hexToBytes } from '../../../src/core/rtps/encode';
import { Pid } from '../../../src/core/rtps/constants';
import { createRos2GraphProbe } from '../../../src/core/rtps/graphProbe';
import { parseMessage } from '../../../src/core/rtps/message';
import { fakeSocketFactory, type FakeSocket } from '../../helpers/fakeDgram';
import { announcement, fakePrefix, type FakeParticipant } from '../../helpers/rtpsPackets';

class ManualClock {
  t = 0;
  private timers = new Map<number, { at: number; fn: () => void }>();
  private id = 0;
  now = () => this.t;
  setTimeout = (fn: () => void, ms: number) => {
    this.timers.set(++this.id, { at: this.t + ms, fn });
    return this.id;
  };
  clearTimeout = (h: unknown) => void this.timers.delete(h as number);
  get pending(): number {
    return this.timers.size;
  }
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const next = [...this.timers].sort((a, b) => a[1].at - b[1].at)[0];
      if (!next || next[1].at > end) break;
      this.timers.delete(next[0]);
      this.t = next[1].at;
      next[1].fn();
    }
    this.t = end;
  }
}

/** Decoded submessages of everything a socket sent, in order. */
function sentKinds(s: FakeSocket): string[] {
  return s.sent.flatMap((x) =>
    (parseMessage(x.bytes)?.submessages ?? []).map(
      (m) => `${m.kind}:${m.writerId.toString(16)}${m.kind === 'data' && m.keyOnly ? ':dispose' : ''}`,
    ),
  );
}

describe('graph probe (fake sockets, manual clock)', () => {
  const peer: FakeParticipant = { prefix: fakePrefix('fastdds', 1), vendor: 'fastdds', domain: 5, address: '10.0.0.2', port: 9000 };

  it('announces, answers a new peer with SPDP + our reader, and Fast DDS liveliness ACKNACKs once', async () => {
    const clock = new ManualClock();
    const { factory, sockets } = fakeSocketFactory();
    const probe = createRos2GraphProbe({ domain: 5, interfaces: ['10.0.0.1'], socketFactory: factory, clock });
    await probe.ready;
    clock.advance(0);
    const [u] = sockets;
    assert.deepEqual(sentKinds(u!), ['data:100c2'], 'the first SPDP announcement (multicast)');
    u!.deliver(announcement(peer), '10.0.0.2');
    const toPeer = u!.sent.filter((x) => x.address === '10.0.0.2' && x.port === 9000);
    assert.ok(toPeer.length >= 2, 'unicast SPDP and SEDP DATA(r) to the peer');
    assert.ok(sentKinds(u!).includes('data:4c2'), 'our ros_discovery_info reader announced');
    const ourPrefix = probe.guid.replace(/:/g, '').slice(0, 24);
    const livelinessAck = new MessageWriter(hexToBytes(peer.prefix), [1, 0x0f])
      .infoDst(hexToBytes(ourPrefix))
      .acknack({ readerId: EntityId.P2P_MSG_READER, writerId: EntityId.P2P_MSG_WRITER, base: 0, missing: [], count: 1 })
      .done();
    const before = u!.sent.length;
    for (let i = 0; i < 5; i++) u!.deliver(livelinessAck, '10.0.0.2');
    assert.deepEqual(
      sentKinds({ sent: u!.sent.slice(before) } as FakeSocket),
      ['heartbeat:200c2'],
      'one empty HEARTBEAT for five ACKNACKs',
    );
    await probe.stop();
  });

  it('ACKNACKs a peer SEDP HEARTBEAT for what it lacks, then acknowledges once it has it', async () => {
    const { factory, sockets } = fakeSocketFactory();
    const probe = createRos2GraphProbe({ domain: 5, interfaces: ['10.0.0.1'], socketFactory: factory, clock: new ManualClock() });
    await probe.ready;
    const [u] = sockets;
    u!.deliver(announcement(peer), '10.0.0.2');
    const ourPrefix = hexToBytes(probe.guid.replace(/:/g, '').slice(0, 24));
    const hb = new MessageWriter(hexToBytes(peer.prefix), [1, 0x0f])
      .infoDst(ourPrefix)
      .heartbeat({ readerId: EntityId.SEDP_PUB_READER, writerId: EntityId.SEDP_PUB_WRITER, first: 1, last: 2, count: 1 })
      .done();
    const before = u!.sent.length;
    u!.deliver(hb, '10.0.0.2');
    const ack = parseMessage(u!.sent[before]!.bytes)!.submessages.find((s) => s.kind === 'acknack');
    assert.deepEqual(ack?.kind === 'acknack' && [ack.writerId, ack.base, ack.missing], [EntityId.SEDP_PUB_WRITER, 1, [1, 2]]);
    await probe.stop();
  });

  it('a ros_discovery_info sample that comes before its writer’s SEDP data is asked for again', async () => {
    const { factory, sockets } = fakeSocketFactory();
    const probe = createRos2GraphProbe({ domain: 5, interfaces: ['10.0.0.1'], socketFactory: factory, clock: new ManualClock() });
    await probe.ready;
    const [u] = sockets;
    u!.deliver(announcement(peer), '10.0.0.2');
    const ourPrefix = hexToBytes(probe.guid.replace(/:/g, '').slice(0, 24));
    const INFO_WRITER = 0x00001003;
    const from = () => new MessageWriter(hexToBytes(peer.prefix), [1, 0x0f]);
    // 1. The sample, sent to every matched reader (reader id 0), before we know what writer it is.
    u!.deliver(
      from()
        .data({ readerId: 0, writerId: INFO_WRITER, sn: 1, payload: new Uint8Array([0, 1, 0, 0, 1, 2, 3, 4]) })
        .done(),
      '10.0.0.2',
    );
    // 2. The writer's SEDP publication: topic ros_discovery_info.
    const writerGuid = hexToBytes(`${peer.prefix}${INFO_WRITER.toString(16).padStart(8, '0')}`);
    const pub = new ParamListWriter()
      .raw(Pid.ENDPOINT_GUID, writerGuid)
      .string(Pid.TOPIC_NAME, 'ros_discovery_info')
      .string(Pid.TYPE_NAME, 'rmw_dds_common::msg::dds_::ParticipantEntitiesInfo_')
      .payload();
    u!.deliver(
      from()
        .infoDst(ourPrefix)
        .data({ readerId: EntityId.SEDP_PUB_READER, writerId: EntityId.SEDP_PUB_WRITER, sn: 1, payload: pub })
        .done(),
      '10.0.0.2',
    );
    // 3. Its HEARTBEAT for that sample: we must ask for sequence number 1.
    const before = u!.sent.length;
    u!.deliver(from().infoDst(ourPrefix).heartbeat({ readerId: 0, writerId: INFO_WRITER, first: 1, last: 1, count: 1 }).done(), '10.0.0.2');
    const acks = u!.sent.slice(before).flatMap((x) => parseMessage(x.bytes)!.submessages.filter((m) => m.kind === 'acknack'));
    assert.deepEqual(
      acks.map((a) => a.kind === 'acknack' && [a.writerId, a.base, a.missing]),
      [[INFO_WRITER, 1, [1]]],
    );
    await probe.stop();
  });

  it('a preemptive ACKNACK of our SEDP subscriptions (base 1, nothing listed) gets our reader again; base 2 gets nothing', async () => {
    const { factory, sockets } = fakeSocketFactory();
    const probe = createRos2GraphProbe({ domain: 5, interfaces: ['10.0.0.1'], socketFactory: factory, clock: new ManualClock() });
    await probe.ready;
    const [u] = sockets;
    u!.deliver(announcement(peer), '10.0.0.2');
    const ourPrefix = hexToBytes(probe.guid.replace(/:/g, '').slice(0, 24));
    const ack = (base: number, count: number) =>
      new MessageWriter(hexToBytes(peer.prefix), [1, 0x0f])
        .infoDst(ourPrefix)
        .acknack({ readerId: EntityId.SEDP_SUB_READER, writerId: EntityId.SEDP_SUB_WRITER, base, missing: [], count })
        .done();
    let before = u!.sent.length;
    u!.deliver(ack(1, 1), '10.0.0.2');
    assert.ok(sentKinds({ sent: u!.sent.slice(before) } as FakeSocket).includes('data:4c2'), 'our ros_discovery_info reader sent again');
    before = u!.sent.length;
    u!.deliver(ack(2, 2), '10.0.0.2');
    assert.deepEqual(sentKinds({ sent: u!.sent.slice(before) } as FakeSocket), [], 'acknowledged: nothing more');
    await probe.stop();
  });

  it('stop: no announcement after the dispose, which goes to the group and every peer', async () => {
    const clock = new ManualClock();
    const { factory, sockets } = fakeSocketFactory();
    const probe = createRos2GraphProbe({ domain: 5, interfaces: ['10.0.0.1'], socketFactory: factory, clock });
    await probe.ready;
    clock.advance(1000);
    const [u] = sockets;
    u!.deliver(announcement(peer), '10.0.0.2');
    await probe.stop();
    assert.equal(clock.pending, 0, 'the re-announce timer is gone');
    clock.advance(10_000);
    const kinds = sentKinds(u!);
    const disposeAt = kinds.indexOf('data:100c2:dispose');
    assert.ok(disposeAt > 0);
    assert.deepEqual(kinds.slice(disposeAt), ['data:100c2:dispose', 'data:100c2:dispose']);
    const last = u!.sent.slice(-2).map((x) => `${x.address}:${x.port}`);
    assert.deepEqual(last.sort(), ['10.0.0.2:9000', '239.255.0.1:8650']);
  });
});
