// Starts test/helpers/ros2MonitorProcess.ts on a lab machine (or this host) and follows its events.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Ros2Participant } from '../../src/core/rtps/monitor';
import type { Ros2Graph } from '../../src/core/rtps/graph';
import type { DdsLab, Machine } from './netns';

export interface MonitorEvent {
  readonly event: 'ready' | 'change' | 'stats' | 'graph' | 'ping';
  readonly t?: number;
  readonly participants?: readonly Ros2Participant[];
  readonly graph?: Ros2Graph;
  /** --graph change events: counts so far. */
  readonly nodes?: number;
  readonly topics?: number;
  readonly problems?: readonly string[];
  readonly datagrams?: number;
  readonly result?: { readonly state: string; readonly [k: string]: unknown };
}

export interface MonitorProcess {
  readonly proc: ChildProcess;
  readonly events: readonly MonitorEvent[];
  /** Resolves with the first event (past or future) for which `pred` holds. */
  waitFor(pred: (e: MonitorEvent) => boolean, timeoutMs?: number, what?: string): Promise<MonitorEvent>;
  /** SIGTERM; resolves with the events printed on the way out (stats / graph). */
  stop(): Promise<readonly MonitorEvent[]>;
}

const SCRIPT = join(__dirname, 'ros2MonitorProcess.ts');
const TSX = require.resolve('tsx');

export function monitorArgv(args: readonly string[]): string[] {
  return [process.execPath, '--import', TSX, SCRIPT, ...args];
}

export async function startMonitor(args: readonly string[], lab?: Pick<DdsLab, 'start'>, m?: Machine): Promise<MonitorProcess> {
  const argv = monitorArgv(args);
  const proc =
    lab && m
      ? lab.start(m, argv, {}, { stdio: 'pipe' })
      : spawn(argv[0]!, argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const events: MonitorEvent[] = [];
  const waiters = new Set<{ pred: (e: MonitorEvent) => boolean; resolve: (e: MonitorEvent) => void }>();
  let stderr = '';
  proc.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-10_000)));
  createInterface({ input: proc.stdout! }).on('line', (l) => {
    let e: MonitorEvent;
    try {
      e = JSON.parse(l) as MonitorEvent;
    } catch {
      return;
    }
    events.push(e);
    for (const w of [...waiters])
      if (w.pred(e)) {
        waiters.delete(w);
        w.resolve(e);
      }
  });
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  const waitFor = (pred: (e: MonitorEvent) => boolean, timeoutMs = 15_000, what = 'event') => {
    const seen = events.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise<MonitorEvent>((resolve, reject) => {
      const w = {
        pred,
        resolve: (e: MonitorEvent) => {
          clearTimeout(t);
          resolve(e);
        },
      };
      const t = setTimeout(() => {
        waiters.delete(w);
        reject(
          new Error(
            `monitor: no ${what} within ${timeoutMs} ms; events:\n${events.map((e) => JSON.stringify(e).slice(0, 400)).join('\n')}\nstderr:\n${stderr}`,
          ),
        );
      }, timeoutMs);
      waiters.add(w);
    });
  };
  await waitFor((e) => e.event === 'ready', 20_000, 'ready');
  return {
    proc,
    events,
    waitFor,
    stop: async () => {
      const before = events.length;
      try {
        process.kill(-proc.pid!, 'SIGTERM');
      } catch {
        // gone
      }
      await exited;
      return events.slice(before);
    },
  };
}

/** The participants of the latest change event. */
export function latest(mp: MonitorProcess): readonly Ros2Participant[] {
  for (let i = mp.events.length - 1; i >= 0; i--) if (mp.events[i]!.event === 'change') return mp.events[i]!.participants ?? [];
  return [];
}
