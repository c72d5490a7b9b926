import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clampTimerMs, MAX_TIMER_MS } from '../../../src/core/util/timerMs';

test('a delay above 2^31-1 ms becomes the maximum, not the 1 ms Node would use', async () => {
  assert.equal(clampTimerMs(3_000_000_000), MAX_TIMER_MS);
  assert.equal(clampTimerMs(Infinity), MAX_TIMER_MS);
  // The clamped value really is honoured by a timer (it does not fire at once).
  let fired = false;
  const t = setTimeout(() => (fired = true), clampTimerMs(3_000_000_000));
  await new Promise((r) => setTimeout(r, 20));
  clearTimeout(t);
  assert.equal(fired, false);
});

test('zero, negatives and fractions become whole milliseconds of at least 1; NaN takes the fallback', () => {
  assert.equal(clampTimerMs(0), 1);
  assert.equal(clampTimerMs(-5), 1);
  assert.equal(clampTimerMs(1.2), 2);
  assert.equal(clampTimerMs(NaN, 2000), 2000);
  assert.equal(clampTimerMs('100', 2000), 2000);
  assert.equal(clampTimerMs(2000), 2000);
});
