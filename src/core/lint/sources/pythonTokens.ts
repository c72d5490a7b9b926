/**
 * A Python tokenizer that keeps offsets: strings of every kind (prefixes, triple quotes, f-strings
 * kept whole), comments, names, numbers, operators. Enough to read launch-file calls exactly; it
 * never throws (an unterminated string runs to the end of its line, or of the file when triple).
 */
export type TokKind = 'name' | 'string' | 'number' | 'op' | 'newline';

export interface Tok {
  readonly kind: TokKind;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const STRING_START = /^([rRbBuUfF]{0,2})('''|"""|'|")/;

const isNameStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isNameChar = (c: number) => isNameStart(c) || isDigit(c);
/** r R b B u U f F */
const isStringPrefix = (c: number) => c === 114 || c === 82 || c === 98 || c === 66 || c === 117 || c === 85 || c === 102 || c === 70;
const TWO_CHAR_OPS = new Set(
  ['**', '//', '==', '!=', '<=', '>=', '->', ':=', '+=', '-='].map((op) => op.charCodeAt(0) * 65536 + op.charCodeAt(1)),
);

/** The tokens of a Python file, with offsets. */
export function tokenizePython(src: string): Tok[] {
  const toks: Tok[] = [];
  const push = (kind: TokKind, start: number, end: number) =>
    toks.push({ kind, text: kind === 'newline' ? '\n' : src.slice(start, end), start, end });
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src.charCodeAt(i);
    if (c === 35 /* # */) {
      const nl = src.indexOf('\n', i);
      i = nl < 0 ? n : nl;
      continue;
    }
    if (c === 10) {
      push('newline', i, i + 1);
      i++;
      continue;
    }
    if (c === 32 || c === 9 || c === 13 || c === 12 || c === 92 /* \ */) {
      i++;
      continue;
    }
    // A string: up to two prefix letters, then ''' """ ' or ".
    let k = i;
    while (k < i + 2 && isStringPrefix(src.charCodeAt(k))) k++;
    const qc = src.charCodeAt(k);
    if (qc === 39 || qc === 34) {
      const start = i;
      const q = src.startsWith("'''", k) ? "'''" : src.startsWith('"""', k) ? '"""' : src[k]!;
      let raw = false;
      for (let p = i; p < k; p++) if (src.charCodeAt(p) === 114 || src.charCodeAt(p) === 82) raw = true;
      let j = k + q.length;
      while (j < n) {
        const ch = src.charCodeAt(j);
        if (!raw && ch === 92) {
          j += 2;
          continue;
        }
        if (ch === qc && (q.length === 1 || src.startsWith(q, j))) {
          j += q.length;
          break;
        }
        if (q.length === 1 && ch === 10) break;
        j++;
      }
      const end = Math.min(j, n);
      push('string', start, end);
      i = end;
      continue;
    }
    if (isNameStart(c)) {
      let j = i + 1;
      while (j < n && isNameChar(src.charCodeAt(j))) j++;
      push('name', i, j);
      i = j;
      continue;
    }
    if (isDigit(c) || (c === 46 && isDigit(src.charCodeAt(i + 1)))) {
      let j = i + 1;
      while (j < n && (isNameChar(src.charCodeAt(j)) || src.charCodeAt(j) === 46)) j++;
      push('number', i, j);
      i = j;
      continue;
    }
    const len = i + 1 < n && TWO_CHAR_OPS.has(c * 65536 + src.charCodeAt(i + 1)) ? 2 : 1;
    push('op', i, i + len);
    i += len;
  }
  return toks;
}

/** The literal value of a plain string token (no f-strings, no concatenation), else undefined. */
export function stringValue(t: Tok): string | undefined {
  if (t.kind !== 'string') return undefined;
  const m = STRING_START.exec(t.text);
  if (!m || /[fFbB]/.test(m[1]!)) return undefined;
  const q = m[2]!;
  if (!t.text.endsWith(q) || t.text.length < m[0].length + q.length) return undefined;
  const body = t.text.slice(m[0].length, t.text.length - q.length);
  if (/[rR]/.test(m[1]!)) return body;
  return body.replace(/\\(.)/gs, (_, ch: string) => ({ n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' })[ch] ?? `\\${ch}`);
}

/** Offsets of the string's content (inside the quotes). */
export function stringInner(t: Tok): { start: number; end: number } {
  const m = STRING_START.exec(t.text)!;
  const q = m[2]!;
  return { start: t.start + m[0].length, end: Math.max(t.start + m[0].length, t.end - (t.text.endsWith(q) ? q.length : 0)) };
}
