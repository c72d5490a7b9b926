/**
 * A cursor over untrusted bytes that never throws: a read past the end returns 0 (or an empty
 * slice) and clears `ok`, so a decoder checks `ok` once at the end instead of after every field.
 */
export class ByteReader {
  private readonly view: DataView;
  ok = true;

  constructor(
    readonly bytes: Uint8Array,
    public pos = 0,
    /** Exclusive end; reads never go beyond it even if `bytes` is longer. */
    readonly end = bytes.length,
    public le = true,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  private take(n: number): number {
    if (!this.ok || n < 0 || this.pos + n > this.end) {
      this.ok = false;
      return -1;
    }
    const at = this.pos;
    this.pos += n;
    return at;
  }

  u8(): number {
    const at = this.take(1);
    return at < 0 ? 0 : this.bytes[at]!;
  }

  u16(): number {
    const at = this.take(2);
    return at < 0 ? 0 : this.view.getUint16(at, this.le);
  }

  u32(): number {
    const at = this.take(4);
    return at < 0 ? 0 : this.view.getUint32(at, this.le);
  }

  i32(): number {
    const at = this.take(4);
    return at < 0 ? 0 : this.view.getInt32(at, this.le);
  }

  /** Big-endian regardless of `le` (entity ids, STATUS_INFO). */
  u32be(): number {
    const at = this.take(4);
    return at < 0 ? 0 : this.view.getUint32(at, false);
  }

  /** A view (no copy) of the next n bytes. */
  slice(n: number): Uint8Array {
    const at = this.take(n);
    return at < 0 ? new Uint8Array(0) : this.bytes.subarray(at, at + n);
  }

  skip(n: number): void {
    this.take(n);
  }

  /** Aligns relative to `origin` (CDR alignment counts from the start of the payload). */
  align(n: number, origin: number): void {
    const mis = (this.pos - origin) % n;
    if (mis !== 0) this.skip(n - mis);
  }

  /** RTPS sequence number: high int32, low uint32. */
  seq(): number {
    const high = this.i32();
    const low = this.u32();
    return high * 4294967296 + low;
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

/** Decodes bytes as UTF-8 (invalid sequences become U+FFFD), dropping one trailing NUL. */
export function decodeText(b: Uint8Array): string {
  const n = b.length > 0 && b[b.length - 1] === 0 ? b.length - 1 : b.length;
  return utf8.decode(b.subarray(0, n));
}

export function hex(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}
