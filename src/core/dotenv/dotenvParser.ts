import type { Span } from '../text/positions';

/**
 * A position-keeping parser for the dotenv dialect shared by docker compose, python-dotenv and
 * `set -a; source`: optional `export`, `KEY=value`, single/double/unquoted values, multi-line
 * quoted values, whole-line and inline comments. It never throws; malformed lines become entries
 * with flags or `errors`, so the linter can report them and go on.
 */
export type QuoteKind = 'none' | 'single' | 'double';

export interface DotenvEntry {
  readonly key: string;
  readonly keySpan: Span;
  /** The value as consumers read it (quotes removed, double-quote escapes applied). */
  readonly value: string;
  /** The value text as written, quotes included. */
  readonly rawValue: string;
  readonly valueSpan: Span;
  readonly quote: QuoteKind;
  readonly exported: boolean;
  /** `=` or `:` (compose accepts `:`); undefined for a bare key. */
  readonly delimiter: '=' | ':' | undefined;
  readonly delimiterSpan: Span | undefined;
  /** The whole logical line (may span several physical lines for quoted values). */
  readonly lineSpan: Span;
  readonly spaceBeforeDelimiter: boolean;
  readonly spaceAfterDelimiter: boolean;
  readonly inlineComment: Span | undefined;
  /** A quoted value whose closing quote is missing. */
  readonly unterminated: boolean;
}

export interface DotenvLine {
  readonly span: Span;
  readonly kind: 'blank' | 'comment' | 'entry' | 'invalid';
}

export interface DotenvParse {
  readonly entries: readonly DotenvEntry[];
  readonly lines: readonly DotenvLine[];
  readonly errors: ReadonlyArray<{ readonly message: string; readonly span: Span }>;
}

const DOUBLE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', '"': '"', $: '$', '`': '`' };

const SPACE = 32;
const TAB = 9;
const CR = 13;

/** What String.prototype.trim() removes, for the ASCII range (the rest is checked by trim() itself). */
const isAsciiTrimmed = (c: number) => c === SPACE || (c >= TAB && c <= CR);

/**
 * Whether text[from, to) is only whitespace as trim() sees it. ASCII is decided by char codes; a
 * non-ASCII character (NBSP, BOM, U+2028 …) is rare and left to trim() so the rule stays exactly JS's.
 */
function allWhitespace(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (isAsciiTrimmed(c)) continue;
    return c >= 128 && text.slice(i, to).trim() === '';
  }
  return true;
}

/** The first character that is not whitespace as trim() sees it, or -1. */
function firstNonWhitespace(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (isAsciiTrimmed(c)) continue;
    if (c < 128) return i;
    const rest = text.slice(i, to);
    const t = rest.trimStart();
    return t === '' ? -1 : i + rest.length - t.length;
  }
  return -1;
}

/** Line kinds as the scanner reports them (numbers, so a line costs no object). */
export const LineKind = { Blank: 0, Comment: 1, Entry: 2, Invalid: 3 } as const;
export type LineKind = (typeof LineKind)[keyof typeof LineKind];
const LINE_KINDS: ReadonlyArray<DotenvLine['kind']> = ['blank', 'comment', 'entry', 'invalid'];

/**
 * One entry as the scanner sees it: offsets instead of span objects, and one object reused for every
 * entry, so a consumer that keeps only some of it (the linter) allocates nothing else per line.
 * Offsets are -1 where the entry has no such part.
 */
export interface ScannedEntry {
  key: string;
  keyStart: number;
  keyEnd: number;
  /** As consumers read it (quotes removed, escapes applied). */
  value: string;
  /** The value as written, quotes included: [valueStart, valueEnd). */
  valueStart: number;
  valueEnd: number;
  quote: QuoteKind;
  exported: boolean;
  delimiter: '=' | ':' | undefined;
  delimiterAt: number;
  spaceBeforeDelimiter: boolean;
  spaceAfterDelimiter: boolean;
  commentStart: number;
  commentEnd: number;
  unterminated: boolean;
}

export interface DotenvSink {
  /** Each logical line (an entry's line may span several physical lines), in order, before its entry. */
  line(kind: LineKind, start: number, end: number): void;
  /** The entry object is reused: copy what you keep before returning. */
  entry(e: ScannedEntry): void;
  error(message: string, start: number, end: number): void;
}

/**
 * One linear pass over the text with char codes: no per-line slices, regexes or trims. Strings are
 * allocated only for keys and values; a value without escapes is one slice of the text. Results go
 * to `sink` as offsets and one reused entry object.
 */
export function scanDotenv(text: string, sink: DotenvSink): void {
  let pos = 0;
  const n = text.length;
  const e: ScannedEntry = {
    key: '',
    keyStart: 0,
    keyEnd: 0,
    value: '',
    valueStart: 0,
    valueEnd: 0,
    quote: 'none',
    exported: false,
    delimiter: undefined,
    delimiterAt: -1,
    spaceBeforeDelimiter: false,
    spaceAfterDelimiter: false,
    commentStart: -1,
    commentEnd: -1,
    unterminated: false,
  };

  /** Per quote kind (single, double): the earliest start whose scan for a closing quote reached the end. */
  const noCloseFrom = [Infinity, Infinity];
  const lineEnd = (from: number) => {
    const i = text.indexOf('\n', from);
    return i < 0 ? n : i;
  };
  /** End of the physical line's content: one trailing '\r' is not part of it. */
  const contentEnd = (end: number, from: number) => (end > from && text.charCodeAt(end - 1) === CR ? end - 1 : end);

  while (pos < n) {
    const start = pos;
    let end = lineEnd(pos);
    const first = firstNonWhitespace(text, start, end);
    if (first < 0) {
      sink.line(LineKind.Blank, start, end);
      pos = end + 1;
      continue;
    }
    if (text.charCodeAt(first) === 35 /* # */) {
      sink.line(LineKind.Comment, start, end);
      pos = end + 1;
      continue;
    }
    let i = start;
    while (i < end && (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB)) i++;
    let exported = false;
    if (text.startsWith('export', i) && (text.charCodeAt(i + 6) === SPACE || text.charCodeAt(i + 6) === TAB) && i + 6 < end) {
      let k = i + 6;
      while (k < end && (text.charCodeAt(k) === SPACE || text.charCodeAt(k) === TAB)) k++;
      // `export` alone (or followed by blanks) is a key, not a prefix.
      if (k < end) {
        exported = true;
        i = k;
      }
    }
    const keyStart = i;
    for (; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 61 /* = */ || c === 58 /* : */ || c === SPACE || c === TAB || c === CR) break;
    }
    // compose accepts `KEY: value`, but `:` inside an unspaced token (KEY:x=1) is part of the key.
    if (i < end && text.charCodeAt(i) === 58 && i + 1 < n && text.charCodeAt(i + 1) !== SPACE && text.charCodeAt(i + 1) !== TAB) {
      let eq = i;
      while (eq < end && text.charCodeAt(eq) !== 61) eq++;
      if (eq < end) {
        for (; i < end; i++) {
          const c = text.charCodeAt(i);
          if (c === 61 || c === SPACE || c === TAB) break;
        }
      }
    }
    const keyEnd = i;
    const key = text.slice(keyStart, keyEnd);
    let j = i;
    while (j < end && (text.charCodeAt(j) === SPACE || text.charCodeAt(j) === TAB)) j++;
    const spaceBeforeDelimiter = j > keyEnd;
    const delimCode = j < end ? text.charCodeAt(j) : -1;
    e.key = key;
    e.keyStart = keyStart;
    e.keyEnd = keyEnd;
    e.exported = exported;
    e.commentStart = -1;
    e.commentEnd = -1;
    e.unterminated = false;
    if (key === '' || (delimCode !== 61 && delimCode !== 58)) {
      if (key !== '' && allWhitespace(text, keyEnd, end)) {
        sink.line(LineKind.Entry, start, end);
        e.value = '';
        e.valueStart = keyEnd;
        e.valueEnd = keyEnd;
        e.quote = 'none';
        e.delimiter = undefined;
        e.delimiterAt = -1;
        e.spaceBeforeDelimiter = false;
        e.spaceAfterDelimiter = false;
        sink.entry(e);
      } else {
        sink.line(LineKind.Invalid, start, end);
        sink.error(key === '' ? 'line has no variable name' : `expected '=' after '${key}'`, keyStart, Math.max(keyStart + 1, end));
      }
      pos = end + 1;
      continue;
    }
    let v = j + 1;
    while (v < end && (text.charCodeAt(v) === SPACE || text.charCodeAt(v) === TAB)) v++;
    const spaceAfterDelimiter = v > j + 1;
    let quote: QuoteKind = 'none';
    let value: string;
    let valueEnd: number;
    /** Reported after the line, as the line comes before its entry's errors. */
    let error: string | undefined;
    let errorStart = 0;
    let errorEnd = 0;
    const q = v < end ? text.charCodeAt(v) : -1;
    if (q === 39 /* ' */ || q === 34 /* " */) {
      const double = q === 34;
      quote = double ? 'double' : 'single';
      // Single quotes: everything up to the next quote is literal (a backslash too, as compose
      // and bash read it). Double quotes: backslash escapes, decoded chunk by chunk.
      let k = v + 1;
      let out = '';
      let chunk = k;
      let closed = false;
      // A scan that found no closing quote up to the end of the text proves that none after its
      // start does either (a later start sits on an escape boundary of that scan), so it is not redone.
      if (k >= noCloseFrom[quote === 'double' ? 1 : 0]!) k = n;
      while (k < n) {
        const c = text.charCodeAt(k);
        if (c === q) {
          closed = true;
          break;
        }
        if (double && c === 92 /* \\ */ && k + 1 < n) {
          const nx = text[k + 1]!;
          out += text.slice(chunk, k) + (DOUBLE_ESCAPES[nx] ?? `\\${nx}`);
          k += 2;
          chunk = k;
          continue;
        }
        k++;
      }
      if (!closed) {
        const slot = double ? 1 : 0;
        noCloseFrom[slot] = Math.min(noCloseFrom[slot]!, v + 1);
        // Unterminated: take the rest of the physical line only, so one stray quote doesn't swallow the file.
        e.unterminated = true;
        valueEnd = contentEnd(end, v);
        value = text.slice(v + 1, Math.max(v + 1, valueEnd));
        error = `unterminated ${quote}-quoted value`;
        errorStart = v;
        errorEnd = valueEnd;
      } else {
        value = chunk === v + 1 ? text.slice(v + 1, k) : out + text.slice(chunk, k);
        valueEnd = k + 1;
        if (valueEnd > end) end = lineEnd(valueEnd);
        const afterEnd = Math.max(valueEnd, contentEnd(end, valueEnd));
        let hash = valueEnd;
        while (hash < afterEnd && text.charCodeAt(hash) !== 35) hash++;
        if (hash < afterEnd) {
          e.commentStart = hash;
          e.commentEnd = afterEnd;
        } else if (!allWhitespace(text, valueEnd, afterEnd)) {
          error = 'unexpected text after the closing quote';
          errorStart = valueEnd;
          errorEnd = afterEnd;
        }
      }
    } else {
      let rawEnd = Math.max(v, contentEnd(end, v));
      // An inline comment starts at ' #' or '\t#'.
      for (let k = v; k + 1 < rawEnd; k++) {
        const c = text.charCodeAt(k);
        if ((c === SPACE || c === TAB) && text.charCodeAt(k + 1) === 35) {
          e.commentStart = k + 1;
          e.commentEnd = rawEnd;
          rawEnd = k;
          break;
        }
      }
      while (rawEnd > v && (text.charCodeAt(rawEnd - 1) === SPACE || text.charCodeAt(rawEnd - 1) === TAB)) rawEnd--;
      value = text.slice(v, rawEnd);
      valueEnd = rawEnd;
    }
    sink.line(LineKind.Entry, start, end);
    if (error !== undefined) sink.error(error, errorStart, errorEnd);
    e.value = value;
    e.valueStart = v;
    e.valueEnd = valueEnd;
    e.quote = quote;
    e.delimiter = delimCode === 61 ? '=' : ':';
    e.delimiterAt = j;
    e.spaceBeforeDelimiter = spaceBeforeDelimiter;
    e.spaceAfterDelimiter = spaceAfterDelimiter;
    sink.entry(e);
    pos = end + 1;
  }
}

/** The whole parse as objects with spans: for callers that keep entries (profile import, the doctor). */
export function parseDotenv(text: string): DotenvParse {
  const entries: DotenvEntry[] = [];
  const lines: DotenvLine[] = [];
  const errors: Array<{ message: string; span: Span }> = [];
  scanDotenv(text, {
    line: (kind, start, end) => lines.push({ span: { start, end }, kind: LINE_KINDS[kind]! }),
    error: (message, start, end) => errors.push({ message, span: { start, end } }),
    entry: (e) =>
      entries.push({
        key: e.key,
        keySpan: { start: e.keyStart, end: e.keyEnd },
        value: e.value,
        rawValue: e.quote === 'none' ? e.value : text.slice(e.valueStart, e.valueEnd),
        valueSpan: { start: e.valueStart, end: e.valueEnd },
        quote: e.quote,
        exported: e.exported,
        delimiter: e.delimiter,
        delimiterSpan: e.delimiterAt < 0 ? undefined : { start: e.delimiterAt, end: e.delimiterAt + 1 },
        lineSpan: lines[lines.length - 1]!.span,
        spaceBeforeDelimiter: e.spaceBeforeDelimiter,
        spaceAfterDelimiter: e.spaceAfterDelimiter,
        inlineComment: e.commentStart < 0 ? undefined : { start: e.commentStart, end: e.commentEnd },
        unterminated: e.unterminated,
      }),
  });
  return { entries, lines, errors };
}
