/** RTPS parameter lists (PL_CDR_LE/BE) and the value types that appear in them. Never throws. */
import { ByteReader, decodeText, hex } from './byteReader';
import { Encapsulation, LocatorKind, Pid } from './constants';

export interface Parameter {
  readonly pid: number;
  readonly value: Uint8Array;
}

export interface ParameterList {
  readonly params: readonly Parameter[];
  readonly le: boolean;
  /** The list ended with PID_SENTINEL inside its bounds. */
  readonly complete: boolean;
  /** Offset just after the sentinel (or where decoding stopped). */
  readonly end: number;
}

export function parseParameterList(bytes: Uint8Array, start: number, end: number, le: boolean): ParameterList {
  const params: Parameter[] = [];
  const r = new ByteReader(bytes, start, end, le);
  while (r.remaining >= 4) {
    const pid = r.u16();
    const len = r.u16();
    if (pid === Pid.SENTINEL) return { params, le, complete: true, end: r.pos };
    if (len > r.remaining) break;
    // The must-understand bit (0x4000) is kept in the PID; lookups use the plain value.
    params.push({ pid: pid & 0xbfff, value: r.slice(len) });
  }
  return { params, le, complete: false, end: r.pos };
}

/**
 * A serialized payload with its encapsulation header: a parameter list for PL_CDR_LE/BE,
 * undefined for anything else (or when too short).
 */
export function parsePlPayload(payload: Uint8Array): ParameterList | undefined {
  if (payload.length < 4) return undefined;
  const scheme = (payload[0]! << 8) | payload[1]!;
  if (scheme !== Encapsulation.PL_CDR_LE && scheme !== Encapsulation.PL_CDR_BE) return undefined;
  return parseParameterList(payload, 4, payload.length, scheme === Encapsulation.PL_CDR_LE);
}

export function findParam(pl: ParameterList, pid: number): Uint8Array | undefined {
  for (const p of pl.params) if (p.pid === pid) return p.value;
  return undefined;
}

export function findAll(pl: ParameterList, pid: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const p of pl.params) if (p.pid === pid) out.push(p.value);
  return out;
}

export function readU32(v: Uint8Array | undefined, le: boolean): number | undefined {
  if (!v) return undefined;
  const r = new ByteReader(v, 0, v.length, le);
  const n = r.u32();
  return r.ok ? n : undefined;
}

/** A CDR string (uint32 length including the NUL, then the bytes). */
export function readCdrString(v: Uint8Array | undefined, le: boolean): string | undefined {
  if (!v) return undefined;
  const r = new ByteReader(v, 0, v.length, le);
  const n = r.u32();
  const s = r.slice(n);
  return r.ok ? decodeText(s) : undefined;
}

/** 16 octets as 32 hex digits. */
export function readGuid(v: Uint8Array | undefined): string | undefined {
  return v && v.length >= 16 ? hex(v.subarray(0, 16)) : undefined;
}

/** sequence<octet> (PID_USER_DATA). */
export function readOctetSeq(v: Uint8Array | undefined, le: boolean): Uint8Array | undefined {
  if (!v) return undefined;
  const r = new ByteReader(v, 0, v.length, le);
  const n = r.u32();
  const s = r.slice(n);
  return r.ok ? s : undefined;
}

/** Duration_t in seconds; "infinite" (0x7fffffff s) as Infinity. */
export function readDuration(v: Uint8Array | undefined, le: boolean): number | undefined {
  if (!v) return undefined;
  const r = new ByteReader(v, 0, v.length, le);
  const sec = r.i32();
  const frac = r.u32();
  if (!r.ok) return undefined;
  if (sec === 0x7fffffff) return Infinity;
  return sec + frac / 4294967296;
}

export interface Locator {
  /** 1 UDPv4, 2 UDPv6, 0x10 Fast DDS shared memory, others as sent. */
  readonly kind: number;
  readonly port: number;
  /** Dotted quad for UDPv4, hex groups for UDPv6, hex for other kinds. */
  readonly address: string;
}

export function readLocator(v: Uint8Array | undefined, le: boolean): Locator | undefined {
  if (!v || v.length < 24) return undefined;
  const r = new ByteReader(v, 0, 24, le);
  const kind = r.i32();
  const port = r.u32();
  const a = r.slice(16);
  let address: string;
  if (kind === LocatorKind.UDPv4) address = `${a[12]}.${a[13]}.${a[14]}.${a[15]}`;
  else if (kind === LocatorKind.UDPv6) {
    const groups: string[] = [];
    for (let i = 0; i < 16; i += 2) groups.push(((a[i]! << 8) | a[i + 1]!).toString(16));
    address = groups.join(':');
  } else address = hex(a);
  return { kind, port, address };
}

/** PID_PROPERTY_LIST: sequence<{string name; string value}> (binary properties after it ignored). */
export function readPropertyList(v: Uint8Array | undefined, le: boolean): Map<string, string> {
  const out = new Map<string, string>();
  if (!v) return out;
  const r = new ByteReader(v, 0, v.length, le);
  const n = r.u32();
  // Each property takes at least 8 bytes: a count beyond that is a lie, not a reason to loop.
  if (n > r.remaining / 8) return out;
  for (let i = 0; i < n && r.ok; i++) {
    r.align(4, 0);
    const name = decodeText(r.slice(r.u32()));
    r.align(4, 0);
    const value = decodeText(r.slice(r.u32()));
    if (r.ok) out.set(name, value);
  }
  return out;
}
