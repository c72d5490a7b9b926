/** RTPS message and parameter-list encoding (little-endian), for the probe, the ping and tests. */
import { Encapsulation, LocatorKind, Pid, RTPS_MAGIC, SubmessageId } from './constants';

/** A growable little-endian byte buffer. */
class Bytes {
  private buf = new Uint8Array(256);
  private view = new DataView(this.buf.buffer);
  len = 0;

  private grow(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.len + n));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }
  u8(v: number): this {
    this.grow(1);
    this.buf[this.len++] = v & 0xff;
    return this;
  }
  u16(v: number, le = true): this {
    this.grow(2);
    this.view.setUint16(this.len, v, le);
    this.len += 2;
    return this;
  }
  u32(v: number, le = true): this {
    this.grow(4);
    this.view.setUint32(this.len, v >>> 0, le);
    this.len += 4;
    return this;
  }
  i32(v: number): this {
    this.grow(4);
    this.view.setInt32(this.len, v, true);
    this.len += 4;
    return this;
  }
  bytes(b: Uint8Array): this {
    this.grow(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
    return this;
  }
  pad4(): this {
    while (this.len % 4 !== 0) this.u8(0);
    return this;
  }
  seq(sn: number): this {
    return this.i32(Math.floor(sn / 4294967296)).u32(sn % 4294967296);
  }
  setU16(at: number, v: number): void {
    this.view.setUint16(at, v, true);
  }
  /** A 16-bit length, then `body` padded to 4 bytes; the length counts the padded body (parameters and submessages). */
  sized16(body: (b: Bytes) => void): this {
    const lenAt = this.len;
    this.u16(0);
    const start = this.len;
    body(this);
    this.pad4();
    this.setU16(lenAt, this.len - start);
    return this;
  }
  done(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

const utf8 = new TextEncoder();

export function hexToBytes(h: string): Uint8Array {
  const out = new Uint8Array(h.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(h.slice(i * 2, i * 2 + 2), 16) || 0;
  return out;
}

export interface LocatorSpec {
  readonly address: string; // dotted IPv4
  readonly port: number;
}

/** A PL_CDR_LE parameter list; `payload()` prefixes the encapsulation header. */
export class ParamListWriter {
  private readonly b = new Bytes();

  private param(pid: number, body: (b: Bytes) => void): this {
    this.b.u16(pid).sized16(body);
    return this;
  }
  raw(pid: number, v: Uint8Array): this {
    return this.param(pid, (b) => b.bytes(v));
  }
  u32(pid: number, v: number): this {
    return this.param(pid, (b) => b.u32(v));
  }
  /** Big-endian 32 bits (STATUS_INFO). */
  u32be(pid: number, v: number): this {
    return this.param(pid, (b) => b.u32(v, false));
  }
  string(pid: number, s: string): this {
    const e = utf8.encode(s);
    return this.param(pid, (b) =>
      b
        .u32(e.length + 1)
        .bytes(e)
        .u8(0),
    );
  }
  octets(pid: number, v: Uint8Array): this {
    return this.param(pid, (b) => b.u32(v.length).bytes(v));
  }
  duration(pid: number, seconds: number): this {
    const s = Math.floor(seconds);
    return this.param(pid, (b) => b.i32(s).u32(Math.round((seconds - s) * 4294967296) >>> 0));
  }
  locator(pid: number, l: LocatorSpec): this {
    const a = l.address.split('.').map(Number);
    return this.param(pid, (b) => {
      b.i32(LocatorKind.UDPv4).u32(l.port);
      for (let i = 0; i < 12; i++) b.u8(0);
      for (const x of a) b.u8(x);
    });
  }
  properties(pid: number, props: ReadonlyMap<string, string>): this {
    return this.param(pid, (b) => {
      b.u32(props.size);
      for (const [k, v] of props) {
        for (const s of [k, v]) {
          const e = utf8.encode(s);
          b.u32(e.length + 1)
            .bytes(e)
            .u8(0)
            .pad4();
        }
      }
    });
  }
  /** The list with PID_SENTINEL (inline QoS form, no encapsulation header). */
  list(): Uint8Array {
    const out = new Bytes();
    return out.bytes(this.b.done()).u16(Pid.SENTINEL).u16(0).done();
  }
  /** Serialized payload: PL_CDR_LE encapsulation + list + sentinel. */
  payload(): Uint8Array {
    const out = new Bytes();
    return out.u16(Encapsulation.PL_CDR_LE, false).u16(0).bytes(this.list()).done();
  }
}

export interface DataSpec {
  readonly readerId: number;
  readonly writerId: number;
  readonly sn: number;
  readonly inlineQos?: Uint8Array;
  readonly payload?: Uint8Array;
  /** The payload is the key only (K flag). */
  readonly keyOnly?: boolean;
}

/** One RTPS message, built submessage by submessage (all little-endian). */
export class MessageWriter {
  private readonly b = new Bytes();

  constructor(guidPrefix: Uint8Array, vendor: readonly [number, number], version: readonly [number, number] = [2, 3]) {
    this.b.u32(RTPS_MAGIC, false).u8(version[0]).u8(version[1]).u8(vendor[0]).u8(vendor[1]).bytes(guidPrefix.subarray(0, 12));
  }

  private sub(id: number, flags: number, body: (b: Bytes) => void): this {
    this.b
      .u8(id)
      .u8(flags | 1)
      .sized16(body);
    return this;
  }

  infoTs(epochSeconds: number): this {
    const s = Math.floor(epochSeconds);
    return this.sub(SubmessageId.INFO_TS, 0, (b) => b.i32(s).u32(Math.round((epochSeconds - s) * 4294967296) >>> 0));
  }

  infoDst(guidPrefix: Uint8Array): this {
    return this.sub(SubmessageId.INFO_DST, 0, (b) => b.bytes(guidPrefix.subarray(0, 12)));
  }

  data(d: DataSpec): this {
    const flags = (d.inlineQos ? 0x02 : 0) | (d.payload ? (d.keyOnly ? 0x08 : 0x04) : 0);
    return this.sub(SubmessageId.DATA, flags, (b) => {
      b.u16(0).u16(16).u32(d.readerId, false).u32(d.writerId, false).seq(d.sn);
      if (d.inlineQos) b.bytes(d.inlineQos);
      if (d.payload) b.bytes(d.payload);
    });
  }

  /** DATA_FRAG carrying fragments [start, start+count) of `sample` (tests, fuzz corpus). */
  dataFrag(d: {
    readerId: number;
    writerId: number;
    sn: number;
    sample: Uint8Array;
    fragmentSize: number;
    start: number;
    count: number;
  }): this {
    return this.sub(SubmessageId.DATA_FRAG, 0, (b) => {
      b.u16(0).u16(28).u32(d.readerId, false).u32(d.writerId, false).seq(d.sn);
      b.u32(d.start).u16(d.count).u16(d.fragmentSize).u32(d.sample.length);
      const from = (d.start - 1) * d.fragmentSize;
      b.bytes(d.sample.subarray(from, Math.min(d.sample.length, from + d.count * d.fragmentSize)));
    });
  }

  heartbeat(h: {
    readerId: number;
    writerId: number;
    first: number;
    last: number;
    count: number;
    final?: boolean;
    liveliness?: boolean;
  }): this {
    const flags = (h.final ? 0x02 : 0) | (h.liveliness ? 0x04 : 0);
    return this.sub(SubmessageId.HEARTBEAT, flags, (b) =>
      b.u32(h.readerId, false).u32(h.writerId, false).seq(h.first).seq(h.last).u32(h.count),
    );
  }

  /** ACKNACK: everything before `base` acknowledged, `missing` (≥ base, < base+256) requested. */
  acknack(a: { readerId: number; writerId: number; base: number; missing: readonly number[]; count: number; final?: boolean }): this {
    const numBits = a.missing.length === 0 ? 0 : Math.min(256, Math.max(...a.missing) - a.base + 1);
    const words = new Array<number>((numBits + 31) >>> 5).fill(0);
    for (const sn of a.missing) {
      const i = sn - a.base;
      if (i >= 0 && i < numBits) words[i >>> 5] = (words[i >>> 5]! | (0x80000000 >>> (i & 31))) >>> 0;
    }
    return this.sub(SubmessageId.ACKNACK, a.final ? 0x02 : 0, (b) => {
      b.u32(a.readerId, false).u32(a.writerId, false).seq(a.base).u32(numBits);
      for (const w of words) b.u32(w);
      b.u32(a.count);
    });
  }

  done(): Uint8Array {
    return this.b.done();
  }
}
