/**
 * RTPS message decoding: header and submessages, with the interpreter state (source prefix,
 * destination, timestamp) resolved into each submessage. Untrusted input: never throws; a
 * malformed submessage ends the message (what a DDS receiver does) and keeps what came before.
 */
import { ByteReader, hex } from './byteReader';
import { HEADER_SIZE, RTPS_MAGIC, SubmessageId, vendorIdString } from './constants';
import { parseParameterList, type ParameterList } from './parameterList';

export interface RtpsHeader {
  readonly major: number;
  readonly minor: number;
  /** "01.10" (Cyclone DDS), "01.0f" (Fast DDS), … */
  readonly vendorId: string;
  /** 24 hex digits. */
  readonly guidPrefix: string;
}

/** What every submessage carries from the receiver state. */
interface Context {
  /** Prefix of the sender (the header's, or the last INFO_SRC's). */
  readonly sourcePrefix: string;
  /** Prefix named by the last INFO_DST, or undefined (addressed to all). */
  readonly destPrefix: string | undefined;
  /** Source timestamp (seconds since 1970) from the last INFO_TS. */
  readonly timestamp: number | undefined;
}

export interface DataSubmessage extends Context {
  readonly kind: 'data';
  readonly readerId: number;
  readonly writerId: number;
  readonly writerSN: number;
  readonly inlineQos: ParameterList | undefined;
  /** Serialized payload (with its 4-byte encapsulation header) or undefined (no D/K flag). */
  readonly payload: Uint8Array | undefined;
  /** K flag: the payload is only the key (a dispose/unregister). */
  readonly keyOnly: boolean;
}

export interface DataFragSubmessage extends Context {
  readonly kind: 'dataFrag';
  readonly readerId: number;
  readonly writerId: number;
  readonly writerSN: number;
  /** 1-based number of the first fragment in this submessage. */
  readonly fragmentStart: number;
  readonly fragmentsInSubmessage: number;
  readonly fragmentSize: number;
  readonly sampleSize: number;
  readonly inlineQos: ParameterList | undefined;
  readonly keyOnly: boolean;
  readonly fragments: Uint8Array;
}

export interface HeartbeatSubmessage extends Context {
  readonly kind: 'heartbeat';
  readonly readerId: number;
  readonly writerId: number;
  readonly firstSN: number;
  readonly lastSN: number;
  readonly count: number;
  readonly final: boolean;
  readonly liveliness: boolean;
}

export interface AckNackSubmessage extends Context {
  readonly kind: 'acknack';
  readonly readerId: number;
  readonly writerId: number;
  readonly base: number;
  /** Sequence numbers the reader asks for again (bits set in the bitmap). */
  readonly missing: readonly number[];
  readonly count: number;
  readonly final: boolean;
}

export interface GapSubmessage extends Context {
  readonly kind: 'gap';
  readonly readerId: number;
  readonly writerId: number;
  readonly gapStart: number;
  readonly gapListBase: number;
  /** Sequence numbers from the gap list's bitmap (also irrelevant). */
  readonly gapList: readonly number[];
}

export type Submessage = DataSubmessage | DataFragSubmessage | HeartbeatSubmessage | AckNackSubmessage | GapSubmessage;

export interface RtpsMessage {
  readonly header: RtpsHeader;
  readonly submessages: readonly Submessage[];
  /** Set when decoding stopped at a malformed submessage. */
  readonly truncated: boolean;
}

/** numBits is at most 256 in a valid SequenceNumberSet. */
const MAX_SET_BITS = 256;

function readSnSet(r: ByteReader): { base: number; bits: number[] } {
  const base = r.seq();
  const numBits = r.u32();
  if (numBits > MAX_SET_BITS) {
    r.ok = false;
    return { base, bits: [] };
  }
  const bits: number[] = [];
  const words = (numBits + 31) >>> 5;
  for (let w = 0; w < words; w++) {
    const word = r.u32();
    for (let b = 0; b < 32; b++) {
      const i = w * 32 + b;
      if (i < numBits && (word & (0x80000000 >>> b)) !== 0) bits.push(base + i);
    }
  }
  return { base, bits };
}

/**
 * DATA and DATA_FRAG: steps to `at` (octetsToInlineQos counts from after the fixed fields) and reads
 * the inline QoS when the Q flag is set; the reader is marked bad when either runs past the body.
 */
function readInlineQos(r: ByteReader, at: number, present: boolean): ParameterList | undefined {
  if (r.ok) r.pos = at;
  if (r.pos > r.end) r.ok = false;
  if (!r.ok || !present) return undefined;
  const qos = parseParameterList(r.bytes, r.pos, r.end, r.le);
  if (!qos.complete) r.ok = false;
  r.pos = qos.end;
  return qos;
}

export function parseHeader(bytes: Uint8Array): RtpsHeader | undefined {
  if (bytes.length < HEADER_SIZE) return undefined;
  const r = new ByteReader(bytes, 0, bytes.length, false);
  if (r.u32() !== RTPS_MAGIC) return undefined;
  const major = r.u8();
  const minor = r.u8();
  const vendorId = vendorIdString(r.u8(), r.u8());
  const guidPrefix = hex(r.slice(12));
  return { major, minor, vendorId, guidPrefix };
}

/** Where the submessage whose header starts at `pos` lies; its body may run past the end (truncated). */
export function submessageAt(bytes: Uint8Array, pos: number): { id: number; flags: number; bodyStart: number; bodyEnd: number } {
  const id = bytes[pos]!;
  const flags = bytes[pos + 1]!;
  const len16 = (flags & 1) !== 0 ? bytes[pos + 2]! | (bytes[pos + 3]! << 8) : (bytes[pos + 2]! << 8) | bytes[pos + 3]!;
  const bodyStart = pos + 4;
  // octetsToNextHeader 0 means "to the end of the message", except for PAD and INFO_TS.
  const bodyEnd = len16 === 0 && id !== SubmessageId.PAD && id !== SubmessageId.INFO_TS ? bytes.length : bodyStart + len16;
  return { id, flags, bodyStart, bodyEnd };
}

/** Decodes one UDP datagram; undefined when it is not RTPS at all. */
export function parseMessage(bytes: Uint8Array): RtpsMessage | undefined {
  const header = parseHeader(bytes);
  if (!header || header.major !== 2) return header ? { header, submessages: [], truncated: true } : undefined;
  const out: Submessage[] = [];
  let sourcePrefix = header.guidPrefix;
  let destPrefix: string | undefined;
  let timestamp: number | undefined;
  let pos = HEADER_SIZE;
  while (pos + 4 <= bytes.length) {
    const { id, flags, bodyStart, bodyEnd } = submessageAt(bytes, pos);
    const le = (flags & 1) !== 0;
    if (bodyEnd > bytes.length) return { header, submessages: out, truncated: true };
    const r = new ByteReader(bytes, bodyStart, bodyEnd, le);
    const ctx = (): Context => ({ sourcePrefix, destPrefix, timestamp });
    switch (id) {
      case SubmessageId.INFO_TS:
        if ((flags & 2) !== 0) timestamp = undefined;
        else {
          const sec = r.i32();
          const frac = r.u32();
          timestamp = sec + frac / 4294967296;
        }
        break;
      case SubmessageId.INFO_DST: {
        const p = hex(r.slice(12));
        destPrefix = /^0+$/.test(p) ? undefined : p;
        break;
      }
      case SubmessageId.INFO_SRC: {
        r.skip(8);
        sourcePrefix = hex(r.slice(12));
        break;
      }
      case SubmessageId.DATA: {
        r.skip(2);
        const toQos = r.u16();
        const readerId = r.u32be();
        const writerId = r.u32be();
        const writerSN = r.seq();
        const inlineQos = readInlineQos(r, bodyStart + 4 + toQos, (flags & 2) !== 0);
        const hasPayload = (flags & 0x0c) !== 0;
        const payload = hasPayload && r.ok ? bytes.subarray(r.pos, bodyEnd) : undefined;
        if (r.ok)
          out.push({
            kind: 'data',
            ...ctx(),
            readerId,
            writerId,
            writerSN,
            inlineQos,
            payload,
            keyOnly: (flags & 0x08) !== 0 && (flags & 0x04) === 0,
          });
        break;
      }
      case SubmessageId.DATA_FRAG: {
        r.skip(2);
        const toQos = r.u16();
        const readerId = r.u32be();
        const writerId = r.u32be();
        const writerSN = r.seq();
        const fragmentStart = r.u32();
        const fragmentsInSubmessage = r.u16();
        const fragmentSize = r.u16();
        const sampleSize = r.u32();
        const inlineQos = readInlineQos(r, bodyStart + 4 + toQos, (flags & 2) !== 0);
        if (r.ok)
          out.push({
            kind: 'dataFrag',
            ...ctx(),
            readerId,
            writerId,
            writerSN,
            fragmentStart,
            fragmentsInSubmessage,
            fragmentSize,
            sampleSize,
            inlineQos,
            keyOnly: (flags & 0x04) !== 0,
            fragments: bytes.subarray(r.pos, bodyEnd),
          });
        break;
      }
      case SubmessageId.HEARTBEAT: {
        const readerId = r.u32be();
        const writerId = r.u32be();
        const firstSN = r.seq();
        const lastSN = r.seq();
        const count = r.u32();
        if (r.ok)
          out.push({
            kind: 'heartbeat',
            ...ctx(),
            readerId,
            writerId,
            firstSN,
            lastSN,
            count,
            final: (flags & 2) !== 0,
            liveliness: (flags & 4) !== 0,
          });
        break;
      }
      case SubmessageId.ACKNACK: {
        const readerId = r.u32be();
        const writerId = r.u32be();
        const set = readSnSet(r);
        const count = r.u32();
        if (r.ok)
          out.push({ kind: 'acknack', ...ctx(), readerId, writerId, base: set.base, missing: set.bits, count, final: (flags & 2) !== 0 });
        break;
      }
      case SubmessageId.GAP: {
        const readerId = r.u32be();
        const writerId = r.u32be();
        const gapStart = r.seq();
        const set = readSnSet(r);
        if (r.ok) out.push({ kind: 'gap', ...ctx(), readerId, writerId, gapStart, gapListBase: set.base, gapList: set.bits });
        break;
      }
      default:
        break; // PAD, INFO_REPLY, NACK_FRAG, HEARTBEAT_FRAG, vendor submessages: not needed here
    }
    if (!r.ok) return { header, submessages: out, truncated: true };
    if (bodyEnd === bytes.length) break;
    pos = bodyEnd;
  }
  return { header, submessages: out, truncated: false };
}
