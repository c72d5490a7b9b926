// ≥ 100,000 mutations of real datagrams (test/fixtures/rtps/recorded.hex) through the codec and the
// monitor's and the probe's receive paths: no exception, and work bounded by the input (counted:
// submessages, parameters and nodes per datagram, table and fragment sizes against their caps).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { EntityId } from '../../../src/core/rtps/constants';
import { decodeEndpoint, decodeParticipant } from '../../../src/core/rtps/discoveryData';
import { MessageWriter, hexToBytes } from '../../../src/core/rtps/encode';
import { decodeParticipantEntitiesInfo } from '../../../src/core/rtps/entitiesInfo';
import { FragmentAssembler } from '../../../src/core/rtps/fragments';
import { createRos2GraphProbe } from '../../../src/core/rtps/graphProbe';
import { parseMessage } from '../../../src/core/rtps/message';
import { createRos2Monitor } from '../../../src/core/rtps/monitor';
import { parsePlPayload } from '../../../src/core/rtps/parameterList';
import { fakeSocketFactory } from '../../helpers/fakeDgram';

const seeds = readFileSync(join(__dirname, '..', '..', 'fixtures', 'rtps', 'recorded.hex'), 'utf8')
  .split('\n')
  .filter((l) => l && !l.startsWith('#'))
  .map((l) => Uint8Array.from(Buffer.from(l, 'hex')));

/** Real SEDP samples cut into DATA_FRAGs (no real peer here fragmented its discovery data). */
function fragmented(): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const seed of seeds) {
    const m = parseMessage(seed);
    for (const s of m?.submessages ?? []) {
      if (s.kind !== 'data' || !s.payload || s.payload.length < 64) continue;
      const w = new MessageWriter(hexToBytes(m!.header.guidPrefix), [1, 0x10]);
      for (let start = 1; (start - 1) * 48 < s.payload.length; start += 2)
        w.dataFrag({ readerId: s.readerId, writerId: s.writerId, sn: s.writerSN, sample: s.payload, fragmentSize: 48, start, count: 2 });
      out.push(w.done());
    }
  }
  return out;
}

function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
}

const BOUNDARY = [0x00, 0x01, 0x7f, 0x80, 0xfe, 0xff];

function mutate(src: Uint8Array, r: () => number): Uint8Array {
  let b = src.slice();
  const n = 1 + Math.floor(r() * 4);
  for (let k = 0; k < n; k++) {
    const at = Math.floor(r() * b.length);
    switch (Math.floor(r() * 7)) {
      case 0: // bit flip
        b[at] = b[at]! ^ (1 << Math.floor(r() * 8));
        break;
      case 1: // boundary byte
        b[at] = BOUNDARY[Math.floor(r() * BOUNDARY.length)]!;
        break;
      case 2: // a 16-bit length field (submessage or parameter) made huge, tiny or odd
        if (at + 1 < b.length) {
          const v = [0xffff, 0, 1, 3, 0x8000][Math.floor(r() * 5)]!;
          b[at] = v & 0xff;
          b[at + 1] = v >> 8;
        }
        break;
      case 3: // a 32-bit count (sequence, string, property list) made huge
        if (at + 3 < b.length) b.set([0xff, 0xff, 0xff, 0x7f], at);
        break;
      case 4: // truncation
        b = b.subarray(0, at);
        break;
      case 5: {
        // duplicate a slice (repeated submessages, parameters)
        const len = Math.floor(r() * 64);
        const merged = new Uint8Array(b.length + len);
        merged.set(b.subarray(0, at));
        merged.set(b.subarray(at, at + len), at);
        merged.set(b.subarray(at), at + Math.min(len, b.length - at));
        b = merged.subarray(0, b.length + Math.min(len, b.length - at));
        break;
      }
      default: // random byte
        b[at] = Math.floor(r() * 256);
    }
  }
  return b;
}

describe('fuzz: mutated real datagrams', () => {
  // Time is bounded too: a decoder that loops on some length fails here instead of hanging the suite
  // (15 s on this 2-core VM; the bound leaves room for a loaded machine).
  it('100,000+ mutations: no exception, work bounded by the input, tables within their caps', { timeout: 300_000 }, async (t) => {
    const corpus = [...seeds, ...fragmented()];
    assert.ok(seeds.length >= 50, `only ${seeds.length} recorded datagrams`);
    const r = rng(0x5eed);
    const perSeed = Math.ceil(Number(process.env.FUZZ_TOTAL ?? 100_000) / corpus.length);
    const mon = fakeSocketFactory();
    const monitor = createRos2Monitor({
      domain: 23,
      interfaces: ['10.0.0.1'],
      loopback: true,
      socketFactory: mon.factory,
      maxParticipants: 64,
    });
    const prb = fakeSocketFactory();
    const probe = createRos2GraphProbe({
      domain: 23,
      interfaces: ['10.0.0.1'],
      socketFactory: prb.factory,
      maxParticipants: 64,
      maxEndpoints: 256,
    });
    await Promise.all([monitor.ready, probe.ready]);
    let reached = { participants: 0, endpoints: 0, nodes: 0 };
    monitor.onDidChange((v) => (reached.participants = Math.max(reached.participants, v.participants.length)));
    t.after(async () => {
      monitor.dispose();
      await probe.stop();
    });
    const frags = new FragmentAssembler({ maxInFlight: 16, maxSampleBytes: 8192 });
    let total = 0;
    let decoded = 0;
    for (const seed of corpus) {
      for (let i = 0; i < perSeed; i++) {
        const b = mutate(seed, r);
        total++;
        const m = parseMessage(b);
        if (m) {
          assert.ok(m.submessages.length <= b.length / 4, 'at most one submessage per 4 bytes');
          for (const s of m.submessages) {
            if (s.kind === 'data') {
              decoded++;
              if (s.inlineQos) assert.ok(s.inlineQos.params.length <= b.length / 4);
              const pl = s.payload ? parsePlPayload(s.payload) : undefined;
              if (pl) assert.ok(pl.params.length <= s.payload!.length / 4, 'at most one parameter per 4 bytes');
              if (s.writerId === EntityId.SPDP_WRITER) decodeParticipant(s, m.header.vendorId);
              else if (s.writerId === EntityId.SEDP_PUB_WRITER || s.writerId === EntityId.SEDP_SUB_WRITER) decodeEndpoint(s);
              else if (s.payload) {
                const info = decodeParticipantEntitiesInfo(s.payload);
                if (info) assert.ok(info.nodes.length <= s.payload.length / 16);
              }
            } else if (s.kind === 'dataFrag') {
              frags.add(m.header.guidPrefix, s);
              assert.ok(frags.inFlight <= 16);
            }
          }
        }
        mon.sockets[0]!.deliver(b);
        prb.sockets[i % 2]!.deliver(b);
        if (total % 500 === 0) {
          const g = probe.snapshot();
          reached = {
            ...reached,
            endpoints: Math.max(reached.endpoints, g.endpoints.length),
            nodes: Math.max(reached.nodes, g.nodes.length),
          };
        }
      }
    }
    assert.ok(total >= Number(process.env.FUZZ_TOTAL ?? 100_000), `${total} mutations`);
    assert.ok(
      decoded > total / 10,
      `only ${decoded} DATA submessages survived the mutations: the fuzzing is too destructive to reach the decoders`,
    );
    assert.ok(monitor.snapshot().participants.length <= 64);
    const g = probe.snapshot();
    assert.ok(g.participants.length <= 64 && g.endpoints.length <= 256);
    // What the fuzzing reached: the monitor's table and the probe's graph were filled from mutants.
    assert.ok(reached.participants > 0 && reached.endpoints > 0 && reached.nodes > 0, JSON.stringify(reached));
  });
});
