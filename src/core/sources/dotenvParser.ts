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

export function parseDotenv(text: string): DotenvParse {
  const entries: DotenvEntry[] = [];
  const lines: DotenvLine[] = [];
  const errors: Array<{ message: string; span: Span }> = [];
  let pos = 0;
  const n = text.length;

  const lineEnd = (from: number) => {
    const i = text.indexOf('\n', from);
    return i < 0 ? n : i;
  };

  while (pos < n) {
    const start = pos;
    let end = lineEnd(pos);
    const physical = text.slice(start, end).replace(/\r$/, '');
    const trimmed = physical.trim();
    if (trimmed === '') {
      lines.push({ span: { start, end }, kind: 'blank' });
      pos = end + 1;
      continue;
    }
    if (trimmed.startsWith('#')) {
      lines.push({ span: { start, end }, kind: 'comment' });
      pos = end + 1;
      continue;
    }
    let i = start;
    while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
    let exported = false;
    const exportMatch = /^export[ \t]+/.exec(text.slice(i, end));
    if (exportMatch && /[^ \t]/.test(text.slice(i + exportMatch[0].length, end))) {
      exported = true;
      i += exportMatch[0].length;
    }
    const keyStart = i;
    while (i < end && text[i] !== '=' && text[i] !== ':' && text[i] !== ' ' && text[i] !== '\t' && text[i] !== '\r') i++;
    // compose accepts `KEY: value`, but `:` inside an unspaced token (KEY:x=1) is part of the key.
    if (text[i] === ':' && !/[ \t]/.test(text[i + 1] ?? ' ') && text.slice(i, end).includes('=')) {
      while (i < end && text[i] !== '=' && text[i] !== ' ' && text[i] !== '\t') i++;
    }
    const keyEnd = i;
    const key = text.slice(keyStart, keyEnd);
    let j = i;
    while (j < end && (text[j] === ' ' || text[j] === '\t')) j++;
    const spaceBeforeDelimiter = j > keyEnd;
    const delimChar = text[j];
    if (key === '' || (delimChar !== '=' && delimChar !== ':')) {
      const rest = text.slice(keyEnd, end).replace(/\r$/, '');
      const isBareKey = key !== '' && rest.trim() === '';
      const entry: DotenvEntry = {
        key,
        keySpan: { start: keyStart, end: keyEnd },
        value: '',
        rawValue: '',
        valueSpan: { start: keyEnd, end: keyEnd },
        quote: 'none',
        exported,
        delimiter: undefined,
        delimiterSpan: undefined,
        lineSpan: { start, end },
        spaceBeforeDelimiter: false,
        spaceAfterDelimiter: false,
        inlineComment: undefined,
        unterminated: false,
      };
      if (isBareKey) {
        entries.push(entry);
        lines.push({ span: { start, end }, kind: 'entry' });
      } else {
        lines.push({ span: { start, end }, kind: 'invalid' });
        errors.push({ message: key === '' ? 'line has no variable name' : `expected '=' after '${key}'`, span: { start: keyStart, end: Math.max(keyStart + 1, end) } });
      }
      pos = end + 1;
      continue;
    }
    const delimiter = delimChar as '=' | ':';
    const delimiterSpan = { start: j, end: j + 1 };
    let v = j + 1;
    while (v < end && (text[v] === ' ' || text[v] === '\t')) v++;
    const spaceAfterDelimiter = v > j + 1;
    let quote: QuoteKind = 'none';
    let value = '';
    let valueEnd = v;
    let unterminated = false;
    let inlineComment: Span | undefined;
    const q = text[v];
    if (q === "'" || q === '"') {
      quote = q === "'" ? 'single' : 'double';
      let k = v + 1;
      let out = '';
      let closed = false;
      while (k < n) {
        const c = text[k]!;
        if (c === q) {
          closed = true;
          break;
        }
        if (quote === 'double' && c === '\\' && k + 1 < n) {
          const nx = text[k + 1]!;
          out += DOUBLE_ESCAPES[nx] ?? `\\${nx}`;
          k += 2;
          continue;
        }
        if (quote === 'single' && c === '\\' && (text[k + 1] === "'" || text[k + 1] === '\\')) {
          // python-dotenv's single-quote escapes; compose and bash keep the backslash. Keep it literal.
          out += c;
          k++;
          continue;
        }
        out += c;
        k++;
      }
      if (!closed) {
        // Unterminated: take the rest of the physical line only, so one stray quote doesn't swallow the file.
        unterminated = true;
        value = text.slice(v + 1, end).replace(/\r$/, '');
        valueEnd = end - (text[end - 1] === '\r' ? 1 : 0);
        errors.push({ message: `unterminated ${quote}-quoted value`, span: { start: v, end: valueEnd } });
      } else {
        value = out;
        valueEnd = k + 1;
        if (valueEnd > end) end = lineEnd(valueEnd);
        const after = text.slice(valueEnd, end).replace(/\r$/, '');
        const hash = after.indexOf('#');
        if (hash >= 0) inlineComment = { start: valueEnd + hash, end: valueEnd + after.length };
        else if (after.trim() !== '') errors.push({ message: 'unexpected text after the closing quote', span: { start: valueEnd, end: valueEnd + after.length } });
      }
    } else {
      let raw = text.slice(v, end).replace(/\r$/, '');
      const commentAt = raw.search(/[ \t]#/);
      if (commentAt >= 0) {
        inlineComment = { start: v + commentAt + 1, end: v + raw.length };
        raw = raw.slice(0, commentAt);
      }
      const rawTrimmed = raw.replace(/[ \t]+$/, '');
      value = rawTrimmed;
      valueEnd = v + rawTrimmed.length;
    }
    entries.push({
      key,
      keySpan: { start: keyStart, end: keyEnd },
      value,
      rawValue: text.slice(v, valueEnd),
      valueSpan: { start: v, end: valueEnd },
      quote,
      exported,
      delimiter,
      delimiterSpan,
      lineSpan: { start, end },
      spaceBeforeDelimiter,
      spaceAfterDelimiter,
      inlineComment,
      unterminated,
    });
    lines.push({ span: { start, end }, kind: 'entry' });
    pos = end + 1;
  }
  return { entries, lines, errors };
}
