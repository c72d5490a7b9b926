// XML-RPC decode of hostile replies (issue 11: bounded work on network input): the worst replies we
// could build under the call's 8 MB cap, decoded in-process by the production build of the codec,
// next to a floor measured in the same run: UTF-8 decoding of the same bytes, which the probe pays
// for any reply it reads. CPU time, so waiting for a core on the shared machine is not counted.
import { buildSync } from 'esbuild';
import { join } from 'node:path';
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
  const cases = [{ name: 'a 25-node master’s getSystemState (real shape)', text: () => systemStateReply(25) }, ...HOSTILE_REPLIES];
  const rows: Row[] = [];
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
    await new Promise((r) => setImmediate(r));
  }
  return {
    name: 'xmlrpcDecode',
    title: 'XML-RPC decode of hostile replies',
    rows,
    notes: [
      `bench/lib/hostileReplies.ts: each reply fills the 8 MB cap of a call; the decoder refuses more than 65,536 references or values/markup items, or 64 levels of nesting. CPU time per decode (user + system), ${runs} runs after ${warmup} warm-up; the ratio is to TextDecoder over the same bytes, measured alternately in the same run.`,
    ],
  };
}
