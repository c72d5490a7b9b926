/**
 * DATA_FRAG reassembly with hard caps: samples in flight (oldest dropped first) and bytes per
 * sample. Fragments are kept as received and joined only when all 1…n are there, so memory follows
 * the bytes that arrived, never the sample size a datagram claims (a 100-byte datagram claiming a
 * 64 KiB sample costs 100 bytes). Duplicates are ignored; fragments are placed by number.
 */
import type { DataFragSubmessage, DataSubmessage } from './message';

export interface FragmentLimits {
  /** Samples being reassembled at once (default 64). */
  readonly maxInFlight?: number;
  /** Largest sample accepted (default 64 KiB: discovery data is a few KiB). */
  readonly maxSampleBytes?: number;
}

export interface Reassembled {
  readonly payload: Uint8Array;
  readonly inlineQos: DataFragSubmessage['inlineQos'];
}

interface Pending {
  readonly sampleSize: number;
  readonly fragmentSize: number;
  readonly total: number;
  readonly parts: Map<number, Uint8Array>;
  inlineQos: DataFragSubmessage['inlineQos'];
}

export class FragmentAssembler {
  private readonly pending = new Map<string, Pending>();
  private readonly maxInFlight: number;
  private readonly maxSampleBytes: number;
  /** Samples dropped because of the caps (reported by the monitor). */
  evicted = 0;
  rejected = 0;

  constructor(limits: FragmentLimits = {}) {
    this.maxInFlight = limits.maxInFlight ?? 64;
    this.maxSampleBytes = limits.maxSampleBytes ?? 65536;
  }

  get inFlight(): number {
    return this.pending.size;
  }

  /** Adds one DATA_FRAG; returns the sample when this fragment completed it. */
  add(sourcePrefix: string, f: DataFragSubmessage): Reassembled | undefined {
    const { fragmentSize, sampleSize } = f;
    if (fragmentSize === 0 || sampleSize === 0 || sampleSize > this.maxSampleBytes || f.fragmentStart < 1) {
      this.rejected++;
      return undefined;
    }
    const total = Math.ceil(sampleSize / fragmentSize);
    const key = `${sourcePrefix}:${f.writerId}:${f.writerSN}`;
    let p = this.pending.get(key);
    if (p && (p.sampleSize !== sampleSize || p.fragmentSize !== fragmentSize)) {
      this.pending.delete(key);
      p = undefined;
    }
    if (!p) {
      if (this.pending.size >= this.maxInFlight) {
        const oldest = this.pending.keys().next().value as string;
        this.pending.delete(oldest);
        this.evicted++;
      }
      p = { sampleSize, fragmentSize, total, parts: new Map(), inlineQos: undefined };
      this.pending.set(key, p);
    }
    if (f.inlineQos) p.inlineQos = f.inlineQos;
    for (let i = 0; i < f.fragmentsInSubmessage; i++) {
      const num = f.fragmentStart + i; // 1-based
      if (num > total) break;
      const src = i * fragmentSize;
      const want = Math.min(fragmentSize, sampleSize - (num - 1) * fragmentSize);
      if (src + want > f.fragments.length) break; // fragment cut short: ignore it and the rest
      if (!p.parts.has(num)) p.parts.set(num, f.fragments.slice(src, src + want));
    }
    if (p.parts.size < p.total) return undefined;
    this.pending.delete(key);
    const payload = new Uint8Array(sampleSize);
    for (const [num, part] of p.parts) payload.set(part, (num - 1) * fragmentSize);
    return { payload, inlineQos: p.inlineQos };
  }

  clear(): void {
    this.pending.clear();
  }
}

/** The DATA a complete set of fragments stands for: the last fragment's context with the whole sample. */
export function reassembledData(s: DataFragSubmessage, whole: Reassembled): DataSubmessage {
  return {
    kind: 'data',
    sourcePrefix: s.sourcePrefix,
    destPrefix: s.destPrefix,
    timestamp: s.timestamp,
    readerId: s.readerId,
    writerId: s.writerId,
    writerSN: s.writerSN,
    inlineQos: whole.inlineQos,
    payload: whole.payload,
    keyOnly: s.keyOnly,
  };
}
