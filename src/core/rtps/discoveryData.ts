/**
 * SPDP participant data and SEDP endpoint data from DATA samples of the builtin writers, including
 * both vendors' dispose forms: Cyclone sends a key-only DATA (K flag) whose payload carries the GUID;
 * Fast DDS sends a DATA without payload, the GUID only in the inline KEY_HASH next to STATUS_INFO.
 */
import { ByteReader, decodeText, hex } from './byteReader';
import { EntityId, Pid, StatusInfo } from './constants';
import type { DataSubmessage } from './message';
import {
  findAll,
  findParam,
  parsePlPayload,
  readCdrString,
  readDuration,
  readGuid,
  readLocator,
  readOctetSeq,
  readPropertyList,
  readU32,
  type Locator,
  type ParameterList,
} from './parameterList';

export interface ParticipantData {
  /** 32 hex digits: 12-byte prefix + entity id 000001c1. */
  readonly guid: string;
  readonly guidPrefix: string;
  /** From PID_VENDORID, else the RTPS header's. */
  readonly vendorId: string;
  /** PID_DOMAIN_ID; Fast DDS omits it (the caller infers it from the port). */
  readonly domainId: number | undefined;
  readonly leaseSeconds: number;
  /** PID_USER_DATA as text (ROS 2: "enclave=/;"). */
  readonly userData: string | undefined;
  readonly enclave: string | undefined;
  readonly metatrafficUnicast: readonly Locator[];
  readonly metatrafficMulticast: readonly Locator[];
  readonly defaultUnicast: readonly Locator[];
  readonly defaultMulticast: readonly Locator[];
  readonly builtinEndpoints: number;
  readonly host: string | undefined;
  /** Fast DDS appends a host id to the host name ("vm:1716…"); the two are split. */
  readonly hostId: string | undefined;
  readonly pid: number | undefined;
  /** Process name (Cyclone only: Fast DDS's `fastdds.physical_data.process` is the pid). */
  readonly process: string | undefined;
  /** Fast DDS `fastdds.physical_data.user`. */
  readonly user: string | undefined;
  readonly entityName: string | undefined;
  readonly properties: ReadonlyMap<string, string>;
}

export type DiscoverySample<T> = { readonly kind: 'alive'; readonly data: T } | { readonly kind: 'disposed'; readonly guid: string };

/** DDS spec default when a participant sends no lease. */
const DEFAULT_LEASE_SECONDS = 100;

function statusFlags(d: DataSubmessage): number {
  const v = d.inlineQos ? findParam(d.inlineQos, Pid.STATUS_INFO) : undefined;
  if (!v || v.length < 4) return 0;
  return new ByteReader(v, 0, 4, false).u32be();
}

/** Key of a dispose: inline KEY_HASH, else the GUID in a key-only payload. */
function disposedGuid(d: DataSubmessage, guidPid: number): string | undefined {
  const kh = d.inlineQos ? readGuid(findParam(d.inlineQos, Pid.KEY_HASH)) : undefined;
  if (kh) return kh;
  const pl = d.payload ? parsePlPayload(d.payload) : undefined;
  return pl ? readGuid(findParam(pl, guidPid)) : undefined;
}

/** Cyclone's key-only DATA or Fast DDS's STATUS_INFO disposed/unregistered. */
export function isDispose(d: DataSubmessage): boolean {
  return d.keyOnly || (statusFlags(d) & (StatusInfo.DISPOSED | StatusInfo.UNREGISTERED)) !== 0;
}

function text(pl: ParameterList, pid: number): string | undefined {
  return readCdrString(findParam(pl, pid), pl.le);
}

function locators(pl: ParameterList, pid: number): Locator[] {
  const out: Locator[] = [];
  for (const v of findAll(pl, pid)) {
    const l = readLocator(v, pl.le);
    if (l) out.push(l);
  }
  return out;
}

/** `enclave=/;` → "/" (ROS 2 participant USER_DATA is `key=value;` pairs). */
export function userDataField(userData: string | undefined, key: string): string | undefined {
  if (userData === undefined) return undefined;
  for (const part of userData.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq) === key) return part.slice(eq + 1);
  }
  return undefined;
}

/** A DATA from the SPDP writer; undefined when it is not usable participant data. */
export function decodeParticipant(d: DataSubmessage, headerVendor: string): DiscoverySample<ParticipantData> | undefined {
  if (isDispose(d)) {
    const guid = disposedGuid(d, Pid.PARTICIPANT_GUID) ?? `${d.sourcePrefix}${EntityId.PARTICIPANT.toString(16).padStart(8, '0')}`;
    return { kind: 'disposed', guid };
  }
  const pl = d.payload ? parsePlPayload(d.payload) : undefined;
  if (!pl) return undefined;
  const guid = readGuid(findParam(pl, Pid.PARTICIPANT_GUID));
  if (!guid) return undefined;
  const vid = findParam(pl, Pid.VENDORID);
  const vendorId = vid && vid.length >= 2 ? `${hex(vid.subarray(0, 1))}.${hex(vid.subarray(1, 2))}` : headerVendor;
  const userBytes = readOctetSeq(findParam(pl, Pid.USER_DATA), pl.le);
  const userData = userBytes ? decodeText(userBytes) : undefined;
  const props = readPropertyList(findParam(pl, Pid.PROPERTY_LIST), pl.le);
  const pidText = props.get('__Pid') ?? props.get('fastdds.physical_data.process');
  const pid = pidText !== undefined && /^\d{1,10}$/.test(pidText) ? Number(pidText) : undefined;
  const fastHost = props.get('fastdds.physical_data.host');
  const hostMatch = fastHost !== undefined ? /^(.*):(\d+)$/.exec(fastHost) : null;
  const lease = readDuration(findParam(pl, Pid.PARTICIPANT_LEASE_DURATION), pl.le);
  return {
    kind: 'alive',
    data: {
      guid,
      guidPrefix: guid.slice(0, 24),
      vendorId,
      domainId: readU32(findParam(pl, Pid.DOMAIN_ID), pl.le),
      leaseSeconds: lease !== undefined && lease > 0 ? lease : DEFAULT_LEASE_SECONDS,
      userData,
      enclave: userDataField(userData, 'enclave'),
      metatrafficUnicast: locators(pl, Pid.METATRAFFIC_UNICAST_LOCATOR),
      metatrafficMulticast: locators(pl, Pid.METATRAFFIC_MULTICAST_LOCATOR),
      defaultUnicast: locators(pl, Pid.DEFAULT_UNICAST_LOCATOR),
      defaultMulticast: locators(pl, Pid.DEFAULT_MULTICAST_LOCATOR),
      builtinEndpoints: readU32(findParam(pl, Pid.BUILTIN_ENDPOINT_SET), pl.le) ?? 0,
      host: props.get('__Hostname') ?? (hostMatch ? hostMatch[1] : fastHost),
      hostId: hostMatch ? hostMatch[2] : undefined,
      pid,
      process: props.get('__ProcessName'),
      user: props.get('fastdds.physical_data.user'),
      entityName: text(pl, Pid.ENTITY_NAME),
      properties: props,
    },
  };
}

export type Reliability = 'best-effort' | 'reliable';
export type Durability = 'volatile' | 'transient-local' | 'transient' | 'persistent';

export interface EndpointData {
  /** 32 hex digits. */
  readonly guid: string;
  /** The owning participant's GUID (prefix + 000001c1). */
  readonly participantGuid: string;
  readonly topic: string;
  readonly type: string;
  /** Absent PID: the spec defaults (best effort for readers, reliable for writers). */
  readonly reliability: Reliability | undefined;
  readonly durability: Durability;
  readonly userData: string | undefined;
  /** PID_UNICAST_LOCATOR: where the endpoint listens (empty: the participant's default locators). */
  readonly unicastLocators: readonly Locator[];
  /** Iron+: `typehash=RIHS01_…;` in the endpoint USER_DATA. */
  readonly typeHash: string | undefined;
}

const DURABILITY: readonly Durability[] = ['volatile', 'transient-local', 'transient', 'persistent'];

/** A DATA from an SEDP writer (publications or subscriptions). */
export function decodeEndpoint(d: DataSubmessage): DiscoverySample<EndpointData> | undefined {
  if (isDispose(d)) {
    const guid = disposedGuid(d, Pid.ENDPOINT_GUID);
    return guid ? { kind: 'disposed', guid } : undefined;
  }
  const pl = d.payload ? parsePlPayload(d.payload) : undefined;
  if (!pl) return undefined;
  const guid = readGuid(findParam(pl, Pid.ENDPOINT_GUID)) ?? (d.inlineQos ? readGuid(findParam(d.inlineQos, Pid.KEY_HASH)) : undefined);
  const topic = text(pl, Pid.TOPIC_NAME);
  const type = text(pl, Pid.TYPE_NAME);
  if (!guid || topic === undefined || type === undefined) return undefined;
  const rel = readU32(findParam(pl, Pid.RELIABILITY), pl.le);
  const dur = readU32(findParam(pl, Pid.DURABILITY), pl.le);
  const userBytes = readOctetSeq(findParam(pl, Pid.USER_DATA), pl.le);
  const userData = userBytes ? decodeText(userBytes) : undefined;
  return {
    kind: 'alive',
    data: {
      guid,
      participantGuid: readGuid(findParam(pl, Pid.PARTICIPANT_GUID)) ?? `${guid.slice(0, 24)}000001c1`,
      topic,
      type,
      reliability: rel === 2 ? 'reliable' : rel === 1 ? 'best-effort' : undefined,
      durability: (dur !== undefined ? DURABILITY[dur] : undefined) ?? 'volatile',
      userData,
      unicastLocators: locators(pl, Pid.UNICAST_LOCATOR),
      typeHash: userDataField(userData, 'typehash'),
    },
  };
}
