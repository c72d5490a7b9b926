import { probeMaster, slowFailure, type ProbeResult } from './masterProbe';
import type { PollerOptions, Timers } from './poller';

export interface MasterPollerConfig {
  readonly uri: string;
  readonly intervalMs: number;
  readonly timeoutMs: number;
  onResult(result: ProbeResult): void;
  /** The probe (the real XML-RPC probe by default; tests drive the policy with their own). */
  readonly probe?: (signal: AbortSignal) => Promise<ProbeResult>;
  readonly timers?: Timers;
}

/**
 * The status bar's polling policy for a ROS 1 master: only slow failures back off (a refused
 * connection is what a restarting roscore looks like and must be seen again within one interval),
 * the backoff stops at 30 s (or the interval, if longer), and the poller's own deadline leaves the
 * probe's timeout room to report first.
 */
export function masterPollerOptions(c: MasterPollerConfig): PollerOptions<ProbeResult> {
  return {
    probe: c.probe ?? ((signal) => probeMaster(c.uri, { timeoutMs: c.timeoutMs, signal })),
    ok: (r) => r.ok,
    backoff: slowFailure,
    intervalMs: c.intervalMs,
    timeoutMs: c.timeoutMs + 100,
    maxBackoffMs: Math.max(30_000, c.intervalMs),
    onResult: c.onResult,
    ...(c.timers ? { timers: c.timers } : {}),
  };
}
