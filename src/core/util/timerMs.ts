/** Node's timers hold a signed 32-bit delay: anything larger (or below 1) silently becomes 1 ms. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * A delay every `setTimeout`/`AbortSignal.timeout` honours: an integer in 1 … 2³¹−1 ms. Larger values
 * (and Infinity) become the maximum, not 1 ms; NaN and non-numbers become `fallback`.
 */
export function clampTimerMs(ms: unknown, fallback = 1): number {
  const v = typeof ms === 'number' && !Number.isNaN(ms) ? ms : fallback;
  if (v >= MAX_TIMER_MS) return MAX_TIMER_MS;
  return Math.max(1, Math.ceil(v));
}
