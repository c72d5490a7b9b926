// 2. Detection latency at the default settings: a real rosmaster is killed and restarted on the same
// port at a random phase of the poll cycle; the clock runs from the kill (or from the moment the new
// master answers) to the status model's change.
import { probeMaster, slowFailure, type ProbeResult } from '../src/core/probe/masterProbe';
import { Poller } from '../src/core/probe/poller';
import { startMaster, type Master } from '../test/helpers/rosProcesses';
import { summarize } from './lib/stats';
import type { BenchResult } from './lib/report';
import type { BenchOptions } from './run';

/** The package.json defaults, wired as src/vscode/status/masterMonitor.ts wires them. */
export const DEFAULT_INTERVAL_MS = 3000;
export const DEFAULT_TIMEOUT_MS = 2000;

export function defaultPoller(
  uri: () => string,
  onResult: (r: ProbeResult) => void,
  intervalMs = DEFAULT_INTERVAL_MS,
): Poller<ProbeResult> {
  return new Poller<ProbeResult>({
    probe: (signal) => probeMaster(uri(), { timeoutMs: DEFAULT_TIMEOUT_MS, signal }),
    ok: (r) => r.ok,
    backoff: slowFailure,
    intervalMs,
    timeoutMs: DEFAULT_TIMEOUT_MS + 100,
    maxBackoffMs: Math.max(30_000, intervalMs),
    onResult,
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, cond: () => boolean, ms: number): Promise<void> {
  const end = performance.now() + ms;
  while (!cond()) {
    if (performance.now() > end) throw new Error(`timed out: ${what}`);
    await sleep(5);
  }
}

export async function run(o: BenchOptions = {}): Promise<BenchResult> {
  const trials = o.quick ? 1 : 8;
  const interval = DEFAULT_INTERVAL_MS;
  let master: Master = await startMaster();
  const port = master.port;
  let last: ProbeResult | undefined;
  let changedAt = 0;
  const poller = defaultPoller(
    () => master.uri,
    (r) => {
      if (!last || last.ok !== r.ok) changedAt = performance.now();
      last = r;
    },
  );
  const down: number[] = [];
  const up: number[] = [];
  const outages: number[] = [];
  const connectFail: number[] = [];
  try {
    poller.start();
    await until('first reachable', () => last?.ok === true, 10_000);
    for (let i = 0; i < trials; i++) {
      // A random phase of the poll cycle, so the figure covers the whole interval.
      await sleep(Math.random() * interval);
      const killedAt = performance.now();
      await master.kill();
      await until('unreachable', () => last?.ok === false, interval * 3 + DEFAULT_TIMEOUT_MS);
      down.push(changedAt - killedAt);
      if (last && !last.ok) connectFail.push(last.elapsedMs);
      // An outage like a roscore restart: a few seconds.
      const outage = 1000 + Math.random() * 4000;
      await sleep(outage);
      master = await startMaster(port);
      const readyAt = performance.now();
      outages.push(readyAt - killedAt);
      await until('reachable again', () => last?.ok === true, 60_000);
      up.push(changedAt - readyAt);
    }
  } finally {
    poller.dispose();
    await master.kill();
  }
  const connect = summarize(connectFail).median;
  return {
    name: 'latency',
    title: '2. Detection latency',
    rows: [
      {
        metric: 'master killed → status down',
        unit: 'ms',
        stats: summarize(down),
        target: { op: '<=', value: interval + connect, on: 'max' },
        note: `bound: interval + refused-connect time ${connect.toFixed(1)} ms`,
      },
      { metric: 'master answers again → status up', unit: 'ms', stats: summarize(up), target: { op: '<=', value: interval, on: 'max' } },
    ],
    notes: [
      `defaults: interval ${interval / 1000} s, timeout ${DEFAULT_TIMEOUT_MS} ms, backoff up to 30 s only after slow failures (timeouts, unreachable; a refused connection keeps the interval), window focused; ${trials} kill/restart cycles of a real rosmaster at random phases, outages ${summarize(outages).min.toFixed(0)}–${summarize(outages).max.toFixed(0)} ms.`,
    ],
  };
}
