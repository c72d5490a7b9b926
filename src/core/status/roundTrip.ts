/**
 * The round trip as a coarse bound ("under 5 ms"): the exact figure jitters on every poll, and the
 * tooltip is only re-rendered when what it says changes.
 */
export function roundTripBucket(ms: number): string {
  for (const b of [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]) if (ms < b) return `under ${b} ms`;
  return `over ${Math.floor(ms / 1000)} s`;
}
