import type { Finding, Fix, TextEdit } from '../types';

/** The preferred fix of each finding that has one. */
export function preferredFixes(findings: readonly Finding[]): Fix[] {
  return findings.flatMap((f) => {
    const fix = f.fixes?.find((x) => x.isPreferred);
    return fix ? [fix] : [];
  });
}

/** The fixes' edits that do not overlap, in document order (of two overlapping edits the later one is kept). */
export function nonOverlappingEdits(fixes: readonly Fix[]): TextEdit[] {
  const edits = fixes.flatMap((f) => f.edits).sort((a, b) => b.span.start - a.span.start || b.span.end - a.span.end);
  const kept: TextEdit[] = [];
  let limit = Infinity;
  for (const e of edits) {
    if (e.span.end > limit) continue;
    kept.push(e);
    limit = e.span.start;
  }
  return kept.reverse();
}

/** Applies the non-overlapping edits of several fixes. */
export function applyFixes(text: string, fixes: readonly Fix[]): string {
  let out = text;
  // Later spans first, so earlier offsets stay valid.
  for (const e of nonOverlappingEdits(fixes).reverse()) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}

/** One edit turning `from` into `to`, limited to the part that differs. */
export function minimalEdit(from: string, to: string): TextEdit {
  let start = 0;
  while (start < from.length && start < to.length && from[start] === to[start]) start++;
  let end = 0;
  while (end < from.length - start && end < to.length - start && from[from.length - 1 - end] === to[to.length - 1 - end]) end++;
  return { span: { start, end: from.length - end }, newText: to.slice(start, to.length - end) };
}

/**
 * "Fix all": applies every preferred fix, re-lints and repeats (a rename can reveal a duplicate key
 * whose fix is only known after it), at most `maxPasses` times. One pass yields the fixes' own edits;
 * more passes yield one edit spanning what changed.
 */
export function fixAllEdits(text: string, lint: (text: string) => readonly Finding[], maxPasses = 5): TextEdit[] {
  const firstFixes = preferredFixes(lint(text));
  const first = nonOverlappingEdits(firstFixes);
  if (first.length === 0) return [];
  let current = applyFixes(text, firstFixes);
  let passes = 1;
  for (; passes < maxPasses; passes++) {
    const more = preferredFixes(lint(current));
    if (more.length === 0) break;
    const next = applyFixes(current, more);
    if (next === current) break;
    current = next;
  }
  return passes === 1 ? first : [minimalEdit(text, current)];
}
