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

export function tokenizePython(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i]!;
    if (c === '#') {
      while (i < n && src[i] !== '\n') i++;
      continue;
    }
    if (c === '\n') {
      toks.push({ kind: 'newline', text: '\n', start: i, end: i + 1 });
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\\') {
      i++;
      continue;
    }
    const sm = /[rRbBuUfF'"]/.test(c) ? STRING_START.exec(src.slice(i, i + 5)) : null;
    if (sm) {
      const start = i;
      const q = sm[2]!;
      let j = i + sm[0].length;
      const raw = /[rR]/.test(sm[1]!);
      while (j < n) {
        if (!raw && src[j] === '\\') {
          j += 2;
          continue;
        }
        if (src.startsWith(q, j)) {
          j += q.length;
          break;
        }
        if (q.length === 1 && src[j] === '\n') break;
        j++;
      }
      toks.push({ kind: 'string', text: src.slice(start, Math.min(j, n)), start, end: Math.min(j, n) });
      i = Math.min(j, n);
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < n && /[A-Za-z0-9_]/.test(src[j]!)) j++;
      toks.push({ kind: 'name', text: src.slice(i, j), start: i, end: j });
      i = j;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      let j = i + 1;
      while (j < n && /[0-9A-Za-z_.]/.test(src[j]!)) j++;
      toks.push({ kind: 'number', text: src.slice(i, j), start: i, end: j });
      i = j;
      continue;
    }
    const two = src.slice(i, i + 2);
    const op = ['**', '//', '==', '!=', '<=', '>=', '->', ':=', '+=', '-='].includes(two) ? two : c;
    toks.push({ kind: 'op', text: op, start: i, end: i + op.length });
    i += op.length;
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
