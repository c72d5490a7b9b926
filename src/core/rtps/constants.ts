/** RTPS 2.x wire constants (OMG DDSI-RTPS 2.5 §9) used by the codec, the monitor and the probe. */

export const RTPS_MAGIC = 0x52545053; // "RTPS"
export const HEADER_SIZE = 20;

export const SubmessageId = {
  PAD: 0x01,
  ACKNACK: 0x06,
  HEARTBEAT: 0x07,
  GAP: 0x08,
  INFO_TS: 0x09,
  INFO_SRC: 0x0c,
  INFO_DST: 0x0e,
  NACK_FRAG: 0x12,
  HEARTBEAT_FRAG: 0x13,
  DATA: 0x15,
  DATA_FRAG: 0x16,
} as const;

export const Pid = {
  PAD: 0x0000,
  SENTINEL: 0x0001,
  PARTICIPANT_LEASE_DURATION: 0x0002,
  TOPIC_NAME: 0x0005,
  TYPE_NAME: 0x0007,
  DOMAIN_ID: 0x000f,
  PROTOCOL_VERSION: 0x0015,
  VENDORID: 0x0016,
  RELIABILITY: 0x001a,
  DURABILITY: 0x001d,
  USER_DATA: 0x002c,
  UNICAST_LOCATOR: 0x002f,
  DEFAULT_UNICAST_LOCATOR: 0x0031,
  METATRAFFIC_UNICAST_LOCATOR: 0x0032,
  METATRAFFIC_MULTICAST_LOCATOR: 0x0033,
  EXPECTS_INLINE_QOS: 0x0043,
  DEFAULT_MULTICAST_LOCATOR: 0x0048,
  PARTICIPANT_GUID: 0x0050,
  GROUP_GUID: 0x0052,
  BUILTIN_ENDPOINT_SET: 0x0058,
  PROPERTY_LIST: 0x0059,
  ENDPOINT_GUID: 0x005a,
  ENTITY_NAME: 0x0062,
  KEY_HASH: 0x0070,
  STATUS_INFO: 0x0071,
  BUILTIN_ENDPOINT_QOS: 0x0077,
  /** eProsima vendor-specific: the sample identity Fast DDS's discovery server requires. */
  FASTDDS_SAMPLE_IDENTITY: 0x800f,
} as const;

/** Entity ids are big-endian octet arrays on the wire; here as 32-bit numbers. */
export const EntityId = {
  UNKNOWN: 0x00000000,
  PARTICIPANT: 0x000001c1,
  SPDP_WRITER: 0x000100c2,
  SPDP_READER: 0x000100c7,
  SEDP_PUB_WRITER: 0x000003c2,
  SEDP_PUB_READER: 0x000003c7,
  SEDP_SUB_WRITER: 0x000004c2,
  SEDP_SUB_READER: 0x000004c7,
  P2P_MSG_WRITER: 0x000200c2,
  P2P_MSG_READER: 0x000200c7,
} as const;

/** Entity kinds (low octet of an entity id). */
export const EntityKind = {
  WRITER_WITH_KEY: 0x02,
  WRITER_NO_KEY: 0x03,
  READER_NO_KEY: 0x04,
  READER_WITH_KEY: 0x07,
} as const;

/** PID_BUILTIN_ENDPOINT_SET bits. */
export const BuiltinEndpoint = {
  PARTICIPANT_ANNOUNCER: 1 << 0,
  PARTICIPANT_DETECTOR: 1 << 1,
  PUBLICATIONS_ANNOUNCER: 1 << 2,
  PUBLICATIONS_DETECTOR: 1 << 3,
  SUBSCRIPTIONS_ANNOUNCER: 1 << 4,
  SUBSCRIPTIONS_DETECTOR: 1 << 5,
  PARTICIPANT_MESSAGE_WRITER: 1 << 10,
  PARTICIPANT_MESSAGE_READER: 1 << 11,
} as const;

export const Encapsulation = {
  CDR_BE: 0x0000,
  CDR_LE: 0x0001,
  PL_CDR_BE: 0x0002,
  PL_CDR_LE: 0x0003,
  CDR2_BE: 0x0006,
  CDR2_LE: 0x0007,
  D_CDR2_BE: 0x0008,
  D_CDR2_LE: 0x0009,
  PL_CDR2_BE: 0x000a,
  PL_CDR2_LE: 0x000b,
} as const;

export const LocatorKind = { UDPv4: 1, UDPv6: 2, SHM: 0x10 } as const;

/** STATUS_INFO flags (big-endian uint32 on the wire). */
export const StatusInfo = { DISPOSED: 1, UNREGISTERED: 2 } as const;

export const SPDP_MULTICAST_GROUP = '239.255.0.1';

/** Vendor ids from the OMG registry (those ROS users meet, plus the rest for names). */
const VENDORS: Record<string, string> = {
  '01.01': 'RTI Connext',
  '01.02': 'OpenSplice',
  '01.03': 'OpenDDS',
  '01.06': 'InterCOM DDS',
  '01.08': 'CoreDX',
  '01.0a': 'InterCOM',
  '01.0c': 'Vortex Lite',
  '01.0d': 'OpenSplice',
  '01.0f': 'Fast DDS',
  '01.10': 'Cyclone DDS',
  '01.11': 'GurumDDS',
  '01.12': 'RustDDS',
  '01.13': 'Zhenrong DDS',
  '01.14': 'Dust DDS',
};

export function vendorIdString(major: number, minor: number): string {
  return `${major.toString(16).padStart(2, '0')}.${minor.toString(16).padStart(2, '0')}`;
}

/** "Cyclone DDS", "Fast DDS", … or "vendor 01.2a" for an unknown id. */
export function vendorName(id: string): string {
  return VENDORS[id] ?? `vendor ${id}`;
}

export const VENDOR_FASTDDS: readonly [number, number] = [0x01, 0x0f];
