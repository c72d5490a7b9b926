// 1. Probe vs the wire: our getSystemState probe of a real rosmaster, against a raw http POST of the
// identical body over the same kind of connection (the floor), and against `rosnode list` /
// `rostopic list` (what users type). All interleaved in one run.
import { execFile } from 'node:child_process';
import * as http from 'node:http';
import { promisify } from 'node:util';
import { serializeMethodCall } from 'xmlrpc/lib/serializer';
import { CALLER_ID, probeMaster } from '../src/core/probe/masterProbe';
import { rosEnv, startMaster } from '../test/helpers/rosProcesses';
import { populateMaster, TYPICAL_GRAPH } from './lib/rosGraph';
import { pairedRatio, sampleInterleaved, summarize } from './lib/stats';
import type { BenchResult } from './lib/report';
import type { BenchOptions } from './run';

const execFileP = promisify(execFile);

/** What our probe sends, minus everything it does with the reply: same body, headers, fresh socket. */
export function rawPost(uri: string, body: Buffer): Promise<Buffer> {
  const u = new URL(uri);
  return new Promise((resolve, reject) => {
    const req = http.request({
      hostname: u.hostname,
      port: Number(u.port),
      path: '/',
      method: 'POST',
      agent: false,
      headers: { 'Content-Type': 'text/xml', 'Content-Length': body.length, 'User-Agent': 'ros-network', Connection: 'close' },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks)));
      res.on('error', reject);
    });
    req.end(body);
  });
}

export async function run(o: BenchOptions = {}): Promise<BenchResult> {
  const master = await startMaster();
  try {
    await populateMaster(master.uri, o.quick ? { nodes: 3, topicsPerNode: 2, servicesPerNode: 1 } : TYPICAL_GRAPH);
    const body = Buffer.from(serializeMethodCall('getSystemState', [CALLER_ID], 'utf8'), 'utf8');
    const first = await probeMaster(master.uri);
    if (!first.ok) throw new Error(`probe failed: ${first.message}`);
    const replyBytes = (await rawPost(master.uri, body)).length;
    const env = rosEnv(master.uri);
    // Fast variants: many interleaved rounds; CLI tools: one each per block (they take ~0.5 s).
    const blocks = o.quick ? 2 : 12;
    const perBlock = o.quick ? 10 : 40;
    const fast: Record<string, number[]> = { probe: [], raw: [] };
    const tools: Record<string, number[]> = { probe: [], rosnode: [], rostopic: [] };
    for (let b = 0; b < blocks; b++) {
      const s = await sampleInterleaved(
        {
          probe: async () => {
            const r = await probeMaster(master.uri);
            if (!r.ok) throw new Error(r.message);
          },
          raw: () => rawPost(master.uri, body),
        },
        { warmup: b === 0 ? 20 : 2, runs: perBlock },
      );
      fast.probe!.push(...s.probe!);
      fast.raw!.push(...s.raw!);
      const t = await sampleInterleaved(
        {
          probe: () => probeMaster(master.uri),
          rosnode: () => execFileP('rosnode', ['list'], { env, timeout: 20_000 }),
          rostopic: () => execFileP('rostopic', ['list'], { env, timeout: 20_000 }),
        },
        { warmup: b === 0 ? 1 : 0, runs: 1 },
      );
      for (const k of Object.keys(tools)) tools[k]!.push(...t[k]!);
    }
    const probeVsRaw = pairedRatio(fast.probe!, fast.raw!);
    const rosnodeVsProbe = pairedRatio(tools.rosnode!, tools.probe!);
    const rostopicVsProbe = pairedRatio(tools.rostopic!, tools.probe!);
    return {
      name: 'probe',
      title: '1. Probe vs the wire',
      rows: [
        {
          metric: 'our probe (getSystemState, parsed)',
          unit: 'ms',
          stats: summarize(fast.probe!),
          ratio: { to: 'raw POST', stats: probeVsRaw },
          target: { op: '<=', value: 1.1, on: 'ratio' },
        },
        { metric: 'raw http POST, same body (floor)', unit: 'ms', stats: summarize(fast.raw!) },
        {
          metric: '`rosnode list`',
          unit: 'ms',
          stats: summarize(tools.rosnode!),
          ratio: { to: 'our probe', stats: rosnodeVsProbe },
          target: { op: '>=', value: 100, on: 'ratio' },
        },
        { metric: '`rostopic list`', unit: 'ms', stats: summarize(tools.rostopic!), ratio: { to: 'our probe', stats: rostopicVsProbe } },
      ],
      notes: [
        `real rosmaster (Debian ros-core) on loopback with ${first.counts.nodes} nodes, ${first.counts.topics} topics, ${first.counts.services} services (reply ${replyBytes} bytes); every request on a fresh connection (Connection: close), as the probe does.`,
      ],
    };
  } finally {
    await master.kill();
  }
}
