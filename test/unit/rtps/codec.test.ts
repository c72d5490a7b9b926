import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EntityId, Pid } from '../../../src/core/rtps/constants';
import { decodeEndpoint, decodeParticipant } from '../../../src/core/rtps/discoveryData';
import { MessageWriter, ParamListWriter, hexToBytes } from '../../../src/core/rtps/encode';
import { decodeParticipantEntitiesInfo } from '../../../src/core/rtps/entitiesInfo';
import { FragmentAssembler } from '../../../src/core/rtps/fragments';
import { parseMessage, type DataFragSubmessage, type DataSubmessage } from '../../../src/core/rtps/message';
import { demangleTopic, demangleType } from '../../../src/core/rtps/rosNames';
import { announcement, disposal, fakePrefix, type FakeParticipant } from '../../helpers/rtpsPackets';

const cyclone: FakeParticipant = {
  prefix: fakePrefix('cyclone', 7),
  vendor: 'cyclone',
  domain: 42,
  host: 'hal',
  pid: 4242,
  process: 'talker',
};
const fast: FakeParticipant = { prefix: fakePrefix('fastdds', 9), vendor: 'fastdds', domain: 42, host: 'marvin', pid: 777 };

function onlyData(bytes: Uint8Array): DataSubmessage {
  const m = parseMessage(bytes);
  assert.ok(m && !m.truncated);
  const d = m.submessages.find((s) => s.kind === 'data');
  assert.ok(d && d.kind === 'data');
  return d;
}

describe('SPDP participant data', () => {
  it('decodes Cyclone host/pid/process and the announced domain', () => {
    const s = decodeParticipant(onlyData(announcement(cyclone)), '01.10');
    assert.equal(s?.kind, 'alive');
    const d = s.kind === 'alive' ? s.data : undefined;
    assert.equal(d?.guid, `${cyclone.prefix}000001c1`);
    assert.deepEqual(
      [d?.vendorId, d?.host, d?.pid, d?.process, d?.domainId, d?.enclave, d?.leaseSeconds],
      ['01.10', 'hal', 4242, 'talker', 42, '/', 10],
    );
    assert.deepEqual(d?.metatrafficUnicast, [{ kind: 1, port: 17910, address: '127.0.0.1' }]);
  });

  it('decodes Fast DDS physical data: host without its id, the process property as pid, no domain', () => {
    const s = decodeParticipant(onlyData(announcement(fast)), '01.0f');
    const d = s?.kind === 'alive' ? s.data : undefined;
    assert.deepEqual(
      [d?.vendorId, d?.host, d?.hostId, d?.pid, d?.process, d?.domainId, d?.user],
      ['01.0f', 'marvin', '17164142299256324096', 777, undefined, undefined, 'root'],
    );
  });

  it('reads both dispose forms: Cyclone key-only DATA, Fast DDS payload-less DATA with KEY_HASH', () => {
    for (const p of [cyclone, fast]) {
      const d = onlyData(disposal(p));
      assert.deepEqual(decodeParticipant(d, '01.10'), { kind: 'disposed', guid: `${p.prefix}000001c1` }, p.vendor);
    }
  });

  it('a key-only DATA without STATUS_INFO is still a dispose (the GUID from the key payload)', () => {
    const key = new ParamListWriter().raw(Pid.PARTICIPANT_GUID, hexToBytes(`${cyclone.prefix}000001c1`)).payload();
    const bytes = new MessageWriter(hexToBytes(cyclone.prefix), [1, 0x10])
      .data({ readerId: 0, writerId: EntityId.SPDP_WRITER, sn: 3, payload: key, keyOnly: true })
      .done();
    assert.deepEqual(decodeParticipant(onlyData(bytes), '01.10'), { kind: 'disposed', guid: `${cyclone.prefix}000001c1` });
  });
});

describe('SEDP endpoint data', () => {
  it('decodes topic, type, QoS and the Iron+ type hash', () => {
    const guid = `${cyclone.prefix}00000102`;
    const pl = new ParamListWriter()
      .raw(Pid.ENDPOINT_GUID, hexToBytes(guid))
      .string(Pid.TOPIC_NAME, 'rt/chatter')
      .string(Pid.TYPE_NAME, 'std_msgs::msg::dds_::String_')
      .raw(Pid.RELIABILITY, new Uint8Array([2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))
      .u32(Pid.DURABILITY, 1)
      .octets(Pid.USER_DATA, new TextEncoder().encode('typehash=RIHS01_df66;'));
    const bytes = new MessageWriter(hexToBytes(cyclone.prefix), [1, 0x10])
      .data({ readerId: 0, writerId: EntityId.SEDP_PUB_WRITER, sn: 1, payload: pl.payload() })
      .done();
    const s = decodeEndpoint(onlyData(bytes));
    assert.deepEqual(s?.kind === 'alive' && s.data, {
      guid,
      participantGuid: `${cyclone.prefix}000001c1`,
      topic: 'rt/chatter',
      type: 'std_msgs::msg::dds_::String_',
      reliability: 'reliable',
      durability: 'transient-local',
      userData: 'typehash=RIHS01_df66;',
      unicastLocators: [],
      typeHash: 'RIHS01_df66',
    });
  });
});

describe('submessages', () => {
  it('HEARTBEAT and ACKNACK round-trip with their sequence number sets', () => {
    const bytes = new MessageWriter(hexToBytes(fast.prefix), [1, 0x0f])
      .infoDst(hexToBytes(cyclone.prefix))
      .heartbeat({ readerId: 0, writerId: EntityId.SEDP_PUB_WRITER, first: 1, last: 5, count: 3 })
      .acknack({ readerId: EntityId.SEDP_PUB_READER, writerId: EntityId.SEDP_PUB_WRITER, base: 2, missing: [2, 4, 40], count: 1 })
      .done();
    const m = parseMessage(bytes);
    assert.equal(m?.truncated, false);
    const [hb, an] = m!.submessages;
    assert.deepEqual(hb?.kind === 'heartbeat' && [hb.firstSN, hb.lastSN, hb.count, hb.destPrefix], [1, 5, 3, cyclone.prefix]);
    assert.deepEqual(an?.kind === 'acknack' && [an.base, an.missing], [2, [2, 4, 40]]);
  });

  it('a submessage whose length runs past the datagram ends decoding, keeping what came before', () => {
    const bytes = announcement(cyclone);
    const cut = bytes.slice(0, bytes.length - 10);
    const m = parseMessage(cut);
    assert.equal(m?.truncated, true);
    assert.deepEqual(m?.submessages, []);
    assert.equal(parseMessage(new Uint8Array([1, 2, 3])), undefined);
  });
});

describe('DATA_FRAG reassembly', () => {
  const sample = new Uint8Array(3000).map((_, i) => i & 0xff);
  const frag = (start: number, count: number, sn = 1): DataFragSubmessage => {
    const m = parseMessage(
      new MessageWriter(hexToBytes(cyclone.prefix), [1, 0x10])
        .dataFrag({ readerId: 0, writerId: EntityId.SEDP_PUB_WRITER, sn, sample, fragmentSize: 1024, start, count })
        .done(),
    );
    const s = m!.submessages[0]!;
    assert.equal(s.kind, 'dataFrag');
    return s as DataFragSubmessage;
  };

  it('completes a sample from fragments in any order, duplicates ignored', () => {
    const a = new FragmentAssembler();
    assert.equal(a.add('p', frag(3, 1)), undefined);
    assert.equal(a.add('p', frag(3, 1)), undefined);
    assert.equal(a.add('p', frag(1, 1)), undefined);
    assert.deepEqual(a.add('p', frag(2, 1))?.payload, sample);
    assert.equal(a.inFlight, 0);
  });

  it('caps samples in flight (oldest evicted) and rejects samples over the byte cap', () => {
    const a = new FragmentAssembler({ maxInFlight: 2, maxSampleBytes: 2048 });
    assert.equal(a.add('p', frag(1, 1, 1)), undefined);
    assert.equal(a.rejected, 1);
    const b = new FragmentAssembler({ maxInFlight: 2 });
    for (const sn of [1, 2, 3]) b.add('p', frag(1, 1, sn));
    assert.deepEqual([b.inFlight, b.evicted], [2, 1]);
    assert.equal(b.add('p', frag(2, 2, 1)), undefined, 'sample 1 was evicted: its later fragments do not complete it');
  });
});

/** ParticipantEntitiesInfo as rmw_dds_common serializes it (CDR LE), Gid of either size. */
function entitiesInfo(gidSize: 16 | 24, nodes: { ns: string; name: string; readers: number; writers: number }[]): Uint8Array {
  const b: number[] = [0, 1, 0, 0];
  const u32 = (v: number) => {
    while ((b.length - 4) % 4) b.push(0);
    b.push(v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >>> 24);
  };
  const gid = (n: number) => b.push(...Array.from({ length: gidSize }, (_, i) => (i < 16 ? (n + i) & 0xff : 0)));
  const str = (s: string) => {
    u32(s.length + 1);
    b.push(...new TextEncoder().encode(s), 0);
  };
  gid(1);
  u32(nodes.length);
  for (const n of nodes) {
    str(n.ns);
    str(n.name);
    u32(n.readers);
    for (let i = 0; i < n.readers; i++) gid(10 + i);
    u32(n.writers);
    for (let i = 0; i < n.writers; i++) gid(20 + i);
  }
  return new Uint8Array(b);
}

describe('ParticipantEntitiesInfo', () => {
  for (const size of [16, 24] as const) {
    it(`decodes a ${size}-byte Gid (${size === 24 ? 'Humble' : 'Iron and later'})`, () => {
      const v = decodeParticipantEntitiesInfo(
        entitiesInfo(size, [
          { ns: '/', name: 'talker', readers: 1, writers: 2 },
          { ns: '/robot', name: 'listener_x', readers: 0, writers: 0 },
        ]),
      );
      assert.equal(v?.gidSize, size);
      assert.equal(v?.gid, '0102030405060708090a0b0c0d0e0f10');
      assert.deepEqual(
        v?.nodes.map((n) => [n.namespace, n.name, n.readers.length, n.writers.length]),
        [
          ['/', 'talker', 1, 2],
          ['/robot', 'listener_x', 0, 0],
        ],
      );
    });
  }

  it('rejects a node count larger than the payload could hold', () => {
    const p = entitiesInfo(16, []);
    p.set([0xff, 0xff, 0xff, 0x7f], 20);
    assert.equal(decodeParticipantEntitiesInfo(p), undefined);
  });
});

describe('ROS name demangling', () => {
  it('topics, service request/reply topics and types', () => {
    assert.deepEqual(demangleTopic('rt/chatter'), { kind: 'topic', name: '/chatter' });
    assert.deepEqual(demangleTopic('rq/ns/add_two_intsRequest'), { kind: 'request', name: '/ns/add_two_ints' });
    assert.deepEqual(demangleTopic('rr/add_two_intsReply'), { kind: 'reply', name: '/add_two_ints' });
    assert.equal(demangleTopic('ros_discovery_info'), undefined);
    assert.equal(demangleType('std_msgs::msg::dds_::String_'), 'std_msgs/msg/String');
    assert.equal(demangleType('example_interfaces::srv::dds_::AddTwoInts_Request_'), 'example_interfaces/srv/AddTwoInts');
    assert.equal(demangleType('KeyedSeq'), 'KeyedSeq');
  });
});
