// Rows reused between calls: FMT002 asks for the nearest known name for every unknown key.
let prevRow = new Int32Array(64);
let curRow = new Int32Array(64);

/** Levenshtein distance, bounded: returns max+1 as soon as the distance must exceed max. */
export function editDistance(a: string, b: string, max = Infinity): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  if (prevRow.length <= m) {
    prevRow = new Int32Array(m + 1);
    curRow = new Int32Array(m + 1);
  }
  let prev = prevRow;
  let cur = curRow;
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const sub = prev[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const del = prev[j]! + 1;
      const ins = cur[j - 1]! + 1;
      const v = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[m]!;
}

/** Upper-cased candidates, computed once per candidate list. */
const UPPER = new WeakMap<readonly string[], readonly string[]>();

/** The candidate nearest to `word` (case-insensitive) within `maxDistance`, if any. */
export function closest(word: string, candidates: readonly string[], maxDistance = 2): string | undefined {
  let upper = UPPER.get(candidates);
  if (!upper) UPPER.set(candidates, (upper = candidates.map((c) => c.toUpperCase())));
  let best: string | undefined;
  let bestD = maxDistance + 1;
  const w = word.toUpperCase();
  for (let i = 0; i < upper.length; i++) {
    const d = editDistance(w, upper[i]!, maxDistance);
    if (d < bestD) {
      best = candidates[i];
      bestD = d;
    }
  }
  return best;
}
