import { LineIndex, type Span } from '../../text/positions';
import type { Finding, Severity } from '../types';

/** One linted file as a report sees it: the path to show, the text the spans point into, the findings. */
export interface FileLintReport {
  /** Path as shown to users: relative to the working directory, forward slashes. */
  readonly file: string;
  readonly text: string;
  readonly findings: readonly Finding[];
}

/** 1-based line and column; columns count UTF-16 code units, as VS Code's do. */
export interface Region {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export interface LocatedEdit extends Region {
  readonly newText: string;
}

export interface LocatedFinding extends Region {
  readonly file: string;
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
  readonly fixes: readonly { readonly title: string; readonly edits: readonly LocatedEdit[] }[];
}

function region(index: LineIndex, span: Span): Region {
  const s = index.positionAt(span.start);
  const e = index.positionAt(Math.max(span.start, span.end));
  return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
}

/** Offsets → 1-based positions for every finding, in file order then position order. */
export function locateFindings(reports: readonly FileLintReport[]): LocatedFinding[] {
  const out: LocatedFinding[] = [];
  for (const r of reports) {
    // A BOM is not part of the document in VS Code; the CLI strips it before linting too.
    const index = new LineIndex(r.text);
    const located = r.findings.map((f) => ({
      file: r.file,
      ...region(index, f.span),
      severity: f.severity,
      code: f.code,
      message: f.message,
      fixes: (f.fixes ?? []).map((x) => ({
        title: x.title,
        edits: x.edits.map((e) => ({ ...region(index, e.span), newText: e.newText })),
      })),
    }));
    located.sort((a, b) => a.line - b.line || a.column - b.column || a.code.localeCompare(b.code));
    // One by one: a spread of 100k+ elements overflows the stack.
    for (const f of located) out.push(f);
  }
  return out;
}
