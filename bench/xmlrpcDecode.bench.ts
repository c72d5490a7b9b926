// XML-RPC decode of hostile replies (issue 11: bounded work on network input): the worst replies we
// could build under the call's 8 MB cap, decoded in-process by the production build of the codec,
// next to a floor measured in the same run: UTF-8 decoding of the same bytes, which the probe pays
// for any reply it reads. CPU time, so waiting for a core on the shared machine is not counted.
import { buildSync } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeReply, INLINE_MAX_BYTES } from '../src/core/probe/replyDecoder';
import type { parseMethodResponse as Parse } from '../src/core/probe/xmlrpcCodec';
import { ROOT } from './lib/build';
import { HOSTILE_REPLIES, systemStateReply } from './lib/hostileReplies';
import { pairedRatio, summarize } from './lib/stats';
import type { BenchResult, Row } from './lib/report';
import type { BenchOptions } from './run';

/** The codec as the extension bundle carries it (minified, one module), not tsx's per-file output. */
function productionCodec(): typeof Parse {
  const out = buildSync({
    entryPoints: [join(ROOT, 'src/core/probe/xmlrpcCodec.ts')],
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'cjs',
    write: false,
  });
  const mod = { exports: {} as { parseMethodResponse: typeof Parse } };
  new Function('module', 'exports', 'require', out.outputFiles[0]!.text)(mod, mod.exports, require);
  return mod.exports.parseMethodResponse;
}

/** CPU time of this process's main thread alone (the worker's is not the extension host's cost), ms. */
function mainThreadMs(): number {
  return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
}

/** Splits like the socket does (64 KB reads), as callXmlRpc hands the chunks to decodeReply. */
function chunks(bytes: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += 65536) out.push(bytes.subarray(i, i + 65536));
  return out;
}

function cpuMs(fn: () => void): number {
  const t0 = process.cpuUsage();
  fn();
  const t = process.cpuUsage(t0);
  return (t.user + t.system) / 1000;
}

export async function run(o: BenchOptions = {}): Promise<BenchResult> {
  const parse = productionCodec();
  const runs = o.quick ? 3 : 15;
  const warmup = o.quick ? 1 : 5;
  const utf8 = new TextDecoder();
  const cases = [
    { name: 'a 25-node master’s getSystemState (real shape)', text: () => systemStateReply(25) },
    { name: 'a 1,000-node master’s getSystemState (4,000 topics)', text: () => systemStateReply(1000) },
    ...HOSTILE_REPLIES,
  ];
  const rows: Row[] = [];
  const threadRows: Row[] = [];
  for (const c of cases) {
    const text = c.text();
    const bytes = Buffer.from(text);
    let outcome = 'decoded';
    const decode = () => {
      try {
        parse(text);
      } catch (e) {
        outcome = `refused: ${(e as Error).message}`;
      }
    };
    for (let i = 0; i < warmup; i++) decode();
    const ms: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < runs; i++) {
      ms.push(cpuMs(decode));
      floor.push(cpuMs(() => utf8.decode(bytes)));
    }
    rows.push({
      metric: `${c.name}, ${(text.length / 1e6).toFixed(text.length < 1e6 ? 3 : 1)} MB (${outcome})`,
      unit: 'ms',
      stats: summarize(ms),
      ratio: { to: 'UTF-8 decoding of the same bytes', stats: pairedRatio(ms, floor) },
    });
    // What the probe's thread pays for the same reply through decodeReply (large ones go to the worker).
    const parts = chunks(bytes);
    const viaDecoder = async () => {
      const t0 = mainThreadMs();
      await decodeReply(parts, bytes.length).catch(() => undefined);
      return mainThreadMs() - t0;
    };
    for (let i = 0; i < warmup; i++) await viaDecoder();
    const main: number[] = [];
    for (let i = 0; i < runs; i++) main.push(await viaDecoder());
    threadRows.push({
      metric: `${c.name}: the calling thread's CPU per reply through decodeReply (${bytes.length > INLINE_MAX_BYTES ? 'worker' : 'inline'})`,
      unit: 'ms',
      stats: summarize(main),
      ratio: { to: 'decoding it on that thread (above)', stats: pairedRatio(main, ms) },
      target: { op: '<=', value: 5, on: 'max' },
    });
    await new Promise((r) => setImmediate(r));
  }
  rows.push(...threadRows);
  return {
    name: 'xmlrpcDecode',
    title: 'XML-RPC decode of hostile replies',
    rows,
    notes: [
      `bench/lib/hostileReplies.ts: each reply fills the 8 MB cap of a call; the decoder refuses more than 65,536 references or values/markup items, or 64 levels of nesting. CPU time per decode (user + system), ${runs} runs after ${warmup} warm-up; the ratio is to TextDecoder over the same bytes, measured alternately in the same run.`,
      `The calling thread's rows: the same bytes in 64 KB chunks through src/core/probe/replyDecoder.ts, CPU time of this process's main thread only (/proc/self/task/<pid>/schedstat): above ${INLINE_MAX_BYTES / 1024} KB the reply is copied once, moved to the decoding worker and the value (or error) comes back by structured clone; the worker's own CPU is the row above it. Target: at most a few ms (5) of the thread the status poll runs on, for every reply.`,
    ],
  };
}
