/**
 * CDR of rmw_dds_common/msg/ParticipantEntitiesInfo (the `ros_discovery_info` topic that names
 * ROS 2 nodes). Gid is char[24] on Humble and char[16] on Iron and later (rmw_dds_common#68): both
 * layouts are tried and the one that consumes the payload exactly wins.
 */
import { ByteReader, decodeText, hex } from './byteReader';

export interface NodeEntities {
  readonly namespace: string;
  readonly name: string;
  /** Reader/writer GUIDs (32 hex digits; a 24-byte Gid's zero tail dropped). */
  readonly readers: readonly string[];
  readonly writers: readonly string[];
}

export interface ParticipantEntitiesInfo {
  /** The participant's GUID (32 hex digits). */
  readonly gid: string;
  /** 24 (Humble) or 16 (Iron+). */
  readonly gidSize: 16 | 24;
  readonly nodes: readonly NodeEntities[];
}

/** ROS names are at most 255 characters; anything far longer is not this type. */
const MAX_NAME = 4096;

function tryDecode(payload: Uint8Array, gidSize: 16 | 24): ParticipantEntitiesInfo | undefined {
  const scheme = (payload[0]! << 8) | payload[1]!;
  // CDR_BE/LE, XCDR2 plain BE/LE: same layout for this type (no 8-byte members).
  if (scheme !== 0 && scheme !== 1 && scheme !== 6 && scheme !== 7) return undefined;
  const r = new ByteReader(payload, 4, payload.length, (scheme & 1) === 1);
  const origin = 4;
  const gid = (): string => hex(r.slice(gidSize).subarray(0, 16));
  const str = (): string => {
    r.align(4, origin);
    const n = r.u32();
    if (n > MAX_NAME) r.ok = false;
    return decodeText(r.slice(n));
  };
  const gids = (): string[] => {
    r.align(4, origin);
    const n = r.u32();
    if (n > r.remaining / gidSize) {
      r.ok = false;
      return [];
    }
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(gid());
    return out;
  };
  const participant = gid();
  r.align(4, origin);
  const count = r.u32();
  // A node takes at least 16 bytes (two empty strings with their NUL-free lengths, two counts).
  if (count > r.remaining / 16) return undefined;
  const nodes: NodeEntities[] = [];
  for (let i = 0; i < count && r.ok; i++) {
    const namespace = str();
    const name = str();
    const readers = gids();
    const writers = gids();
    nodes.push({ namespace, name, readers, writers });
  }
  if (!r.ok || r.remaining > 3) return undefined;
  return { gid: participant, gidSize, nodes };
}

export function decodeParticipantEntitiesInfo(payload: Uint8Array): ParticipantEntitiesInfo | undefined {
  if (payload.length < 4) return undefined;
  return tryDecode(payload, 16) ?? tryDecode(payload, 24);
}
