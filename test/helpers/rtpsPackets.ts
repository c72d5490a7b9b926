// SPDP announcements shaped like Cyclone DDS 0.10's and Fast DDS 2.9's (PIDs, properties and dispose
// forms as captured from the real ones here), for unit tests and benchmarks that need many fake
// participants. Tests against the real vendors live in test/net/.
import { EntityId, Pid, StatusInfo } from '../../src/core/rtps/constants';
import { MessageWriter, ParamListWriter, hexToBytes } from '../../src/core/rtps/encode';

export interface FakeParticipant {
  /** 24 hex digits. */
  readonly prefix: string;
  readonly vendor: 'cyclone' | 'fastdds';
  readonly domain: number;
  readonly host?: string;
  readonly pid?: number;
  readonly process?: string;
  readonly leaseSeconds?: number;
  readonly address?: string;
  readonly port?: number;
  readonly userData?: string;
}

const VENDOR = { cyclone: [0x01, 0x10], fastdds: [0x01, 0x0f] } as const;

/** Distinct prefixes: vendor bytes + a counter (as both vendors start theirs). */
export function fakePrefix(vendor: FakeParticipant['vendor'], n: number): string {
  return `${vendor === 'cyclone' ? '0110' : '010f'}${n.toString(16).padStart(20, '0')}`;
}

export function participantPayload(p: FakeParticipant): Uint8Array {
  const pl = new ParamListWriter();
  pl.raw(Pid.PROTOCOL_VERSION, new Uint8Array([2, 3, 0, 0]));
  pl.raw(Pid.VENDORID, new Uint8Array([...VENDOR[p.vendor], 0, 0]));
  pl.raw(Pid.PARTICIPANT_GUID, hexToBytes(`${p.prefix}000001c1`));
  if (p.vendor === 'cyclone') pl.u32(Pid.DOMAIN_ID, p.domain);
  pl.octets(Pid.USER_DATA, new TextEncoder().encode(p.userData ?? 'enclave=/;'));
  pl.locator(Pid.METATRAFFIC_UNICAST_LOCATOR, { address: p.address ?? '127.0.0.1', port: p.port ?? 7410 + 250 * p.domain });
  pl.locator(Pid.DEFAULT_UNICAST_LOCATOR, { address: p.address ?? '127.0.0.1', port: (p.port ?? 7410 + 250 * p.domain) + 1 });
  pl.duration(Pid.PARTICIPANT_LEASE_DURATION, p.leaseSeconds ?? (p.vendor === 'cyclone' ? 10 : 20));
  pl.u32(Pid.BUILTIN_ENDPOINT_SET, 0x3f);
  const props =
    p.vendor === 'cyclone'
      ? new Map([
          ['__Hostname', p.host ?? 'vm'],
          ['__Pid', String(p.pid ?? 1234)],
          ['__ProcessName', p.process ?? 'talker'],
        ])
      : new Map([
          ['PARTICIPANT_TYPE', 'SIMPLE'],
          ['fastdds.physical_data.host', `${p.host ?? 'vm'}:17164142299256324096`],
          ['fastdds.physical_data.user', 'root'],
          ['fastdds.physical_data.process', String(p.pid ?? 1234)],
        ]);
  pl.properties(Pid.PROPERTY_LIST, props);
  return pl.payload();
}

export function announcement(p: FakeParticipant, sn = 1, at = Date.now() / 1000): Uint8Array {
  return new MessageWriter(hexToBytes(p.prefix), VENDOR[p.vendor])
    .infoTs(at)
    .data({ readerId: EntityId.SPDP_READER, writerId: EntityId.SPDP_WRITER, sn, payload: participantPayload(p) })
    .done();
}

/** Cyclone: key-only DATA whose payload is the GUID; Fast DDS: no payload, KEY_HASH + STATUS_INFO. */
export function disposal(p: FakeParticipant, sn = 2): Uint8Array {
  const w = new MessageWriter(hexToBytes(p.prefix), VENDOR[p.vendor]).infoTs(Date.now() / 1000);
  const guid = hexToBytes(`${p.prefix}000001c1`);
  if (p.vendor === 'cyclone') {
    const key = new ParamListWriter().raw(Pid.PARTICIPANT_GUID, guid).payload();
    const qos = new ParamListWriter().u32be(Pid.STATUS_INFO, StatusInfo.DISPOSED | StatusInfo.UNREGISTERED).list();
    return w.data({ readerId: EntityId.UNKNOWN, writerId: EntityId.SPDP_WRITER, sn, inlineQos: qos, payload: key, keyOnly: true }).done();
  }
  const qos = new ParamListWriter()
    .raw(Pid.KEY_HASH, guid)
    .u32be(Pid.STATUS_INFO, StatusInfo.DISPOSED | StatusInfo.UNREGISTERED)
    .list();
  return w.data({ readerId: EntityId.SPDP_READER, writerId: EntityId.SPDP_WRITER, sn, inlineQos: qos }).done();
}
