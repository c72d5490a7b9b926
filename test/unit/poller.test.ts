import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Poller, type Timers } from '../../src/core/probe/poller';
import { nextMasterState, type MasterState } from '../../src/core/status/masterStatus';
import type { ProbeResult } from '../../src/core/probe/masterProbe';

/** A manual clock: timers fire only when the test advances time. */
class FakeTimers implements Timers {
  now = 0;
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
    timers,
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

test('master state: transitions are reported once per flip', () => {
  const up = { ok: true, uri: 'u', roundTripMs: 1, nodes: [], topics: [], services: [], counts: { nodes: 0, topics: 0, services: 0, publishers: 0, subscribers: 0 } } as ProbeResult;
  const down = { ok: false, uri: 'u', kind: 'refused', message: 'm', hint: 'h', elapsedMs: 1 } as ProbeResult;
  let s: MasterState = { kind: 'checking', uri: 'u' };
  const seen: unknown[] = [];
  for (const [r, t] of [[up, 1], [up, 2], [down, 3], [down, 4], [up, 5]] as const) {
    const n = nextMasterState(s, r, t);
    seen.push(n.transition);
    s = n.state;
  }
  assert.deepEqual(seen, [undefined, undefined, 'went-down', undefined, 'came-up']);
  assert.equal(s.kind === 'reachable' && s.since, 5);
});
