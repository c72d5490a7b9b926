// 3. Polling cost: CPU time of this process (user + system, process.cpuUsage) per status poll of a
// real rosmaster, projected to an hour at the default 3 s interval; checked by running the real
// Poller at the defaults for a while; and the view's 20-profile refresh (4 probes at a time, every 10 s).
import { probeMaster } from '../src/core/probe/masterProbe';
import { mapLimit } from '../src/core/util/mapLimit';
import { startMaster } from '../test/helpers/rosProcesses';
import { DEFAULT_INTERVAL_MS, DEFAULT_TIMEOUT_MS, defaultPoller } from './latency.bench';
import { populateMaster, TYPICAL_GRAPH } from './lib/rosGraph';
import { summarize, type Stats } from './lib/stats';
import type { BenchResult } from './lib/report';
import type { BenchOptions } from './run';

/** As in src/vscode/view/rosView.ts. */
const VIEW_CONCURRENCY = 4;
const VIEW_REFRESH_MS = 10_000;
const PROFILES = 20;

const cpuUs = (c: NodeJS.CpuUsage) => c.user + c.system;

export function scale(s: Stats, k: number): Stats {
  return { n: s.n, median: s.median * k, p10: s.p10 * k, p90: s.p90 * k, p95: s.p95 * k, min: s.min * k, max: s.max * k, mean: s.mean * k };
}

export async function run(o: BenchOptions = {}): Promise<BenchResult> {
  const master = await startMaster();
  try {
    await populateMaster(master.uri, o.quick ? { nodes: 3, topicsPerNode: 2, servicesPerNode: 1 } : TYPICAL_GRAPH);
    const batches = o.quick ? 3 : 15;
    const perBatch = o.quick ? 10 : 40;
    const probe = async () => {
      const r = await probeMaster(master.uri, { timeoutMs: 2000 });
      if (!r.ok) throw new Error(r.message);
    };
    for (let i = 0; i < 30; i++) await probe();
    // Per poll: CPU per probe, one figure per batch.
    const perPoll: number[] = [];
    const perRound: number[] = [];
    for (let b = 0; b < batches; b++) {
      let c0 = process.cpuUsage();
      for (let i = 0; i < perBatch; i++) await probe();
      perPoll.push(cpuUs(process.cpuUsage(c0)) / perBatch);
      // One refresh of the view with 20 ROS 1 profiles (same master: the client's cost is the same).
      c0 = process.cpuUsage();
      await mapLimit(
        Array.from({ length: PROFILES }, () => master.uri),
        VIEW_CONCURRENCY,
        (uri) => probeMaster(uri, { timeoutMs: 1500 }),
      );
      perRound.push(cpuUs(process.cpuUsage(c0)));
    }
    const pollsPerHour = 3_600_000 / DEFAULT_INTERVAL_MS;
    const poll = summarize(perPoll);
    const round = summarize(perRound);
    // The real loop at the defaults (timers, backoff bookkeeping, idle process included), in
    // windows alternating with the same process idle (Node's own housekeeping is not the poller's
    // cost): one figure per pair, so a busy moment of the shared machine spoils one pair, not all.
    const pairs = o.quick ? 1 : 4;
    const seconds = o.quick ? 6 : 30;
    const window = async (poll: boolean) => {
      let n = 0;
      const poller = poll
        ? defaultPoller(
            () => master.uri,
            () => n++,
          )
        : undefined;
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      poller?.start();
      await new Promise((r) => setTimeout(r, seconds * 1000));
      poller?.dispose();
      return { pct: (cpuUs(process.cpuUsage(c0)) / 1000 / (performance.now() - t0)) * 100, polls: n };
    };
    // The Poller passes an AbortSignal, which the batches above do not: Node's EventTarget code
    // behind it is JavaScript, cold in this fresh process (benchmarks run in processes of their own)
    // and hot in an extension host that has polled for a while. Warm that path first, untimed.
    for (let i = 0; i < (o.quick ? 10 : 300); i++)
      await probeMaster(master.uri, { timeoutMs: DEFAULT_TIMEOUT_MS, signal: new AbortController().signal });
    const idle: number[] = [];
    const loop: number[] = [];
    let polls = 0;
    for (let i = 0; i < pairs; i++) {
      const w = await window(true);
      const z = await window(false);
      polls += w.polls;
      idle.push(z.pct);
      loop.push(w.pct - z.pct);
    }
    const idlePct = summarize(idle).median;
    const loopPct = summarize(loop.map((x) => Math.max(0, x)));
    const pct = (usPerHour: Stats) => scale(usPerHour, 100 / 3.6e9);
    return {
      name: 'pollingCost',
      title: '3. Polling cost',
      rows: [
        { metric: 'CPU per status poll', unit: 'µs', stats: poll },
        { metric: 'CPU per hour at the default 3 s interval', unit: 's', stats: scale(poll, pollsPerHour / 1e6) },
        {
          metric: 'share of one core at defaults (per-poll × 1,200/h)',
          unit: '%',
          stats: pct(scale(poll, pollsPerHour)),
          target: { op: '<=', value: 0.1, on: 'median' },
        },
        {
          metric: `real Poller at defaults, ${pairs} × ${seconds} s (${polls} polls) each minus an idle ${seconds} s of the process (median idle ${idlePct.toFixed(3)} %)`,
          unit: '%',
          stats: loopPct,
          target: { op: '<=', value: 0.1, on: 'median' },
        },
        { metric: `view visible with ${PROFILES} profiles: CPU per 10 s refresh`, unit: 'ms', stats: scale(round, 1 / 1000) },
        {
          metric: `share of one core, status poll + ${PROFILES}-profile view visible`,
          unit: '%',
          stats: pct(summarize(perRound.map((r, i) => r * (3_600_000 / VIEW_REFRESH_MS) + perPoll[i]! * pollsPerHour))),
          note: 'view only probes while visible',
        },
      ],
      notes: [
        `client-side CPU of the probing process only (the master's own CPU is not ours); master with ${o.quick ? 'a small' : `${TYPICAL_GRAPH.nodes}-node, ${TYPICAL_GRAPH.nodes * TYPICAL_GRAPH.topicsPerNode}-topic`} graph; ${batches} batches of ${perBatch} polls.`,
      ],
    };
  } finally {
    await master.kill();
  }
}
