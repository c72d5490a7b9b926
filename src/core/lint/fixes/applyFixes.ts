import type { Fix } from '../types';

/** Applies non-overlapping edits of several fixes (later spans first); overlapping ones are skipped. */
export function applyFixes(text: string, fixes: readonly Fix[]): string {
  const edits = fixes.flatMap((f) => f.edits).sort((a, b) => b.span.start - a.span.start || b.span.end - a.span.end);
  let out = text;
  let limit = Infinity;
  for (const e of edits) {
    if (e.span.end > limit) continue;
    out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
    limit = e.span.start;
  }
  return out;
}
