import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Poller, type Timers } from '../../src/core/probe/poller';
import { nextMasterState, type MasterState } from '../../src/core/status/masterStatus';
import { slowFailure, type ProbeResult } from '../../src/core/probe/masterProbe';
import { masterPollerOptions } from '../../src/core/probe/masterPoller';

/** A manual clock: timers fire only when the test advances time. */
class FakeTimers {
  now = 0;
  /** What the poller gets: these timers and this clock. */
  readonly api: Timers = {
    setTimeout: (fn, ms) => this.setTimeout(fn, ms),
    clearTimeout: (h) => this.clearTimeout(h),
    now: () => this.now,
  };
  private seq = 0;
  readonly pending = new Map<number, { at: number; fn: () => void }>();
  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.pending.set(id, { at: this.now + ms, fn });
    return id;
  }
  clearTimeout(h: unknown): void {
    this.pending.delete(h as number);
  }
  /** Runs due timers in order, letting promises settle in between. */
  async advance(ms: number): Promise<void> {
    const end = this.now + ms;
    for (;;) {
      await new Promise((r) => setImmediate(r));
      const next = [...this.pending.entries()].sort((a, b) => a[1].at - b[1].at)[0];
      if (!next || next[1].at > end) break;
      this.now = next[1].at;
      this.pending.delete(next[0]);
      next[1].fn();
    }
    this.now = end;
    await new Promise((r) => setImmediate(r));
  }
}

function setup(outcomes: boolean[], opts: { hang?: boolean } = {}) {
  const timers = new FakeTimers();
  const calls: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const poller = new Poller<boolean>({
    probe: (signal) =>
      new Promise((resolve) => {
        calls.push(timers.now);
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        const done = (v: boolean) => {
          inFlight--;
          resolve(v);
        };
        if (opts.hang) signal.addEventListener('abort', () => done(false));
        else queueMicrotask(() => done(outcomes.length ? outcomes.shift()! : true));
      }),
    ok: (r) => r,
    onResult: () => undefined,
    intervalMs: 1000,
    timeoutMs: 500,
    maxBackoffMs: 8000,
    unfocusedFactor: 4,
    timers: timers.api,
  });
  return { timers, calls, poller, maxInFlight: () => maxInFlight, pending: () => timers.pending.size };
}

test('polls at the interval while the master is up', async () => {
  const s = setup([]);
  s.poller.start();
  await s.timers.advance(3500);
  assert.deepEqual(s.calls, [0, 1000, 2000, 3000]);
  s.poller.dispose();
});

test('backs off exponentially while down, capped, and resets on success', async () => {
  const s = setup([false, false, false, false, false, false, true]);
  s.poller.start();
  await s.timers.advance(40_000);
  const gaps = s.calls.slice(1).map((t, i) => t - s.calls[i]!);
  assert.deepEqual(gaps.slice(0, 7), [1000, 2000, 4000, 8000, 8000, 8000, 1000]);
  s.poller.dispose();
});

test('a hanging probe is aborted at the timeout and only one call is ever in flight', async () => {
  const s = setup([], { hang: true });
  s.poller.start();
  s.poller.refreshNow();
  s.poller.refreshNow();
  await s.timers.advance(10_000);
  assert.equal(s.maxInFlight(), 1);
  assert.ok(s.calls.length >= 3);
  s.poller.dispose();
});

test('slower while unfocused; focus polls at once', async () => {
  const s = setup([]);
  s.poller.start();
  s.poller.setFocused(false);
  await s.timers.advance(9000);
  assert.deepEqual(s.calls, [0, 4000, 8000]);
  await s.timers.advance(500);
  s.poller.setFocused(true);
  await s.timers.advance(1);
  assert.equal(s.calls.at(-1), 9500);
  s.poller.dispose();
});

test('refreshNow polls immediately and dispose leaves no timer', async () => {
  const s = setup([]);
  s.poller.start();
  await s.timers.advance(300);
  s.poller.refreshNow();
  await s.timers.advance(1);
  assert.deepEqual(s.calls, [0, 300]);
  s.poller.dispose();
  assert.equal(s.pending(), 0);
  await s.timers.advance(10_000);
  assert.equal(s.calls.length, 2);
});

// The status bar's policy, as MasterMonitor builds it (masterPollerOptions) at the default 3 s interval
// and 2 s timeout, with a clock so the cadence is measured from each start.
const UP = {
  ok: true,
  uri: 'u',
  roundTripMs: 2,
  nodes: [],
  topics: [],
  services: [],
  counts: { nodes: 0, topics: 0, services: 0, publishers: 0, subscribers: 0 },
} as ProbeResult;
const fail = (kind: 'refused' | 'timeout' | 'unreachable' | 'reset', elapsedMs: number) =>
  ({ ok: false, uri: 'u', kind, message: kind, hint: '', elapsedMs }) as ProbeResult;

/** `world(t)` says what a probe started at fake time t returns and how long it takes. */
function monitorPolicy(world: (t: number) => { r: ProbeResult; ms: number }) {
  const timers = new FakeTimers();
  const calls: Array<{ at: number; ok: boolean }> = [];
  const results: Array<{ at: number; ok: boolean }> = [];
  const poller = new Poller<ProbeResult>(
    masterPollerOptions({
      uri: 'u',
      intervalMs: 3000,
      timeoutMs: 2000,
      probe: (signal) =>
        new Promise((resolve) => {
          const { r, ms } = world(timers.now);
          calls.push({ at: timers.now, ok: r.ok });
          const h = timers.setTimeout(() => resolve(r), ms);
          signal.addEventListener('abort', () => {
            timers.clearTimeout(h);
            resolve(fail('timeout', ms));
          });
        }),
      onResult: (r) => results.push({ at: timers.now, ok: r.ok }),
      timers: timers.api,
    }),
  );
  const gaps = () => calls.slice(1).map((c, i) => c.at - calls[i]!.at);
  return { timers, calls, results, poller, gaps };
}

test('a refused connection keeps the normal interval: no backoff for fast failures', async () => {
  const s = monitorPolicy(() => ({ r: fail('refused', 1), ms: 1 }));
  s.poller.start();
  await s.timers.advance(60_000);
  assert.ok(s.gaps().length >= 19);
  assert.ok(
    s.gaps().every((g) => g === 3000),
    `gaps ${s.gaps().join(', ')}`,
  );
  s.poller.dispose();
});

test('roscore restarted: whatever the outage and phase, the master is seen up within one interval of answering', async () => {
  for (const outage of [1000, 2500, 4000, 7400, 20_000]) {
    for (const phase of [0, 1, 999, 1500, 2999]) {
      const killAt = 9000 + phase;
      const backAt = killAt + outage;
      const s = monitorPolicy((t) => (t >= killAt && t < backAt ? { r: fail('refused', 1), ms: 1 } : { r: UP, ms: 2 }));
      s.poller.start();
      await s.timers.advance(backAt + 10_000);
      const seenUp = s.results.find((r) => r.at >= backAt && r.ok)!;
      assert.ok(
        seenUp.at - backAt <= 3000 + 2,
        `outage ${outage}, phase ${phase}: up seen ${seenUp.at - backAt} ms after the master answered`,
      );
      s.poller.dispose();
    }
  }
});

test('timeouts and unreachable hosts back off exponentially up to 30 s; a quick answer resets the cadence', async () => {
  let slow = true;
  const s = monitorPolicy(() => (slow ? { r: fail('timeout', 2000), ms: 2000 } : { r: fail('refused', 1), ms: 1 }));
  s.poller.start();
  await s.timers.advance(150_000);
  // Idle time after each timeout doubles (3, 6, 12, 24, 30, 30 s) on top of the 2 s the call took.
  assert.deepEqual(s.gaps().slice(0, 6), [5000, 8000, 14_000, 26_000, 32_000, 32_000]);
  slow = false;
  const n = s.calls.length;
  await s.timers.advance(40_000);
  const after = s.gaps().slice(n);
  assert.ok(after.length >= 3 && after.every((g) => g === 3000), `gaps after the host answers again: ${after.join(', ')}`);
  s.poller.dispose();
});

test('any failure that took over a second backs off, whatever its kind', () => {
  assert.equal(slowFailure(fail('refused', 1)), false);
  assert.equal(slowFailure(fail('reset', 3)), false);
  assert.equal(slowFailure(fail('reset', 1500)), true);
  assert.equal(slowFailure(fail('unreachable', 1)), true);
  assert.equal(slowFailure(undefined), true);
  assert.equal(slowFailure(UP), false);
});

test('the interval runs from the start of each poll, so a slow reply does not stretch the cadence', async () => {
  const s = monitorPolicy(() => ({ r: UP, ms: 400 }));
  s.poller.start();
  await s.timers.advance(10_000);
  assert.deepEqual(
    s.calls.map((c) => c.at),
    [0, 3000, 6000, 9000],
  );
  s.poller.dispose();
});

test('a reply slower than half the interval still leaves half an interval idle', async () => {
  const s = monitorPolicy(() => ({ r: UP, ms: 2000 }));
  s.poller.start();
  await s.timers.advance(10_000);
  assert.deepEqual(
    s.calls.map((c) => c.at),
    [0, 3500, 7000],
  );
  s.poller.dispose();
});

test('master state: transitions are reported once per flip', () => {
  const up = {
    ok: true,
    uri: 'u',
    roundTripMs: 1,
    nodes: [],
    topics: [],
    services: [],
    counts: { nodes: 0, topics: 0, services: 0, publishers: 0, subscribers: 0 },
  } as ProbeResult;
  const down = { ok: false, uri: 'u', kind: 'refused', message: 'm', hint: 'h', elapsedMs: 1 } as ProbeResult;
  let s: MasterState = { kind: 'checking', uri: 'u' };
  const seen: unknown[] = [];
  for (const [r, t] of [
    [up, 1],
    [up, 2],
    [down, 3],
    [down, 4],
    [up, 5],
  ] as const) {
    const n = nextMasterState(s, r, t);
    seen.push(n.transition);
    s = n.state;
  }
  assert.deepEqual(seen, [undefined, undefined, 'went-down', undefined, 'came-up']);
  assert.equal(s.kind === 'reachable' && s.since, 5);
});
