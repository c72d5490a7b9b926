import { clampTimerMs } from '../util/timerMs';
/**
 * A self-rescheduling poll loop: one call in flight, a hard timeout through AbortSignal, exponential
 * backoff while expensive calls fail, a slower cadence while the window is unfocused, `refreshNow()`
 * for profile switches and commands, and nothing left behind after `dispose()`.
 *
 * Polls start every `intervalMs` (measured from the start of the previous call, so a slow reply
 * does not stretch the cadence); only failures that `backoff` calls expensive stretch it.
 */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Monotonic milliseconds; without it the interval runs from the end of each call. */
  now?(): number;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  now: () => performance.now(),
};

export interface PollerOptions<T> {
  /** The probe; must honour the signal. `ok(result)` says whether it counts as success. */
  probe(signal: AbortSignal): Promise<T>;
  ok(result: T): boolean;
  onResult(result: T): void;
  intervalMs: number;
  timeoutMs: number;
  /**
   * Whether a failed result is expensive enough to slow down (a timeout holds a socket for the whole
   * timeout; a refused connection costs nothing and is what a restarting master looks like).
   * `undefined` when the probe threw. Default: every failure backs off.
   */
  backoff?(result: T | undefined): boolean;
  /** Upper bound of the backoff delay while failing. */
  maxBackoffMs?: number;
  /** Multiplier for the interval while unfocused. */
  unfocusedFactor?: number;
  timers?: Timers;
}

export class Poller<T> {
  private timer: unknown;
  private inFlight: AbortController | undefined;
  private failures = 0;
  private generation = 0;
  private running = false;
  private focused = true;
  private pendingRefresh = false;
  private readonly timers: Timers;

  constructor(private readonly o: PollerOptions<T>) {
    this.timers = o.timers ?? realTimers;
  }

  get isRunning(): boolean {
    return this.running;
  }

  start(): void {
    this.stop();
    this.running = true;
    void this.tick(++this.generation);
  }

  stop(): void {
    this.running = false;
    this.generation++;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.inFlight?.abort();
    this.inFlight = undefined;
    this.failures = 0;
  }

  /** Polls now (or right after the call in flight), resetting the backoff. */
  refreshNow(): void {
    if (!this.running) return;
    this.failures = 0;
    if (this.inFlight) {
      this.pendingRefresh = true;
      return;
    }
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    void this.tick(this.generation);
  }

  setFocused(focused: boolean): void {
    const wasUnfocused = !this.focused;
    this.focused = focused;
    if (focused && wasUnfocused) this.refreshNow();
  }

  /** The delay before the next poll, given the failures so far. */
  nextDelay(): number {
    const base = this.o.intervalMs * (this.focused ? 1 : (this.o.unfocusedFactor ?? 4));
    if (this.failures === 0) return base;
    const max = Math.max(this.o.maxBackoffMs ?? 30_000, base);
    return Math.min(base * 2 ** Math.min(this.failures - 1, 10), max);
  }

  private async tick(gen: number): Promise<void> {
    this.timer = undefined;
    const startedAt = this.timers.now?.();
    const ctrl = new AbortController();
    this.inFlight = ctrl;
    const timeout = this.timers.setTimeout(() => ctrl.abort(), clampTimerMs(this.o.timeoutMs));
    let result: T | undefined;
    let threw = false;
    try {
      result = await this.o.probe(ctrl.signal);
    } catch {
      threw = true;
    } finally {
      this.timers.clearTimeout(timeout);
      if (this.inFlight === ctrl) this.inFlight = undefined;
    }
    if (gen !== this.generation || !this.running) return;
    const failed = threw || result === undefined || !this.o.ok(result);
    if (failed && (this.o.backoff?.(threw ? undefined : result) ?? true)) this.failures++;
    else this.failures = 0;
    if (result !== undefined) this.o.onResult(result);
    if (gen !== this.generation || !this.running) return;
    if (this.pendingRefresh) {
      this.pendingRefresh = false;
      void this.tick(gen);
      return;
    }
    // Fixed rate while healthy (at least half an interval idle after a slow reply); after an
    // expensive failure the whole backoff delay is idle time.
    const delay = this.nextDelay();
    const elapsed = startedAt === undefined || this.failures > 0 ? 0 : this.timers.now!() - startedAt;
    this.timer = this.timers.setTimeout(() => void this.tick(gen), clampTimerMs(Math.max(delay / 2, delay - elapsed)));
  }

  dispose(): void {
    this.stop();
  }
}
