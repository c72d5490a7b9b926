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

const KINDS: readonly TokKind[] = ['name', 'string', 'number', 'op', 'newline'];
const NAME = 0;
const STRING = 1;
const NUMBER = 2;
const OP = 3;
const NEWLINE = 4;

/**
 * The tokens of a file as parallel arrays: a launch file is mostly tokens no rule looks at, so a
 * `Tok` object (and its text) is made only for the ones that are read.
 */
export class PyTokens {
  count = 0;
  private kinds = new Uint8Array(1024);
  private starts = new Int32Array(1024);
  private ends = new Int32Array(1024);
  constructor(readonly src: string) {}

  push(kind: number, start: number, end: number): void {
    if (this.count === this.kinds.length) {
      const grow = <T extends Uint8Array | Int32Array>(a: T, make: (n: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.kinds = grow(this.kinds, (n) => new Uint8Array(n));
      this.starts = grow(this.starts, (n) => new Int32Array(n));
      this.ends = grow(this.ends, (n) => new Int32Array(n));
    }
    this.kinds[this.count] = kind;
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.count++;
  }
  kind(i: number): TokKind {
    return KINDS[this.kinds[i]!]!;
  }
  start(i: number): number {
    return this.starts[i]!;
  }
  end(i: number): number {
    return this.ends[i]!;
  }
  /** Whether token i is the one-character operator `op` (no slice). */
  isOp(i: number, op: number): boolean {
    return this.kinds[i] === OP && this.ends[i]! - this.starts[i]! === 1 && this.src.charCodeAt(this.starts[i]!) === op;
  }
  /** Whether token i is the name `name` (no slice). */
  isName(i: number, name: string): boolean {
    return this.kinds[i] === NAME && this.ends[i]! - this.starts[i]! === name.length && this.src.startsWith(name, this.starts[i]!);
  }
  text(i: number): string {
    return this.kinds[i] === NEWLINE ? '\n' : this.src.slice(this.starts[i]!, this.ends[i]!);
  }
  tok(i: number): Tok {
    return { kind: this.kind(i), text: this.text(i), start: this.starts[i]!, end: this.ends[i]! };
  }
}

/** All tokens as objects (what `scanPython` avoids; kept for tests and small inputs). */
export function tokenizePython(src: string): Tok[] {
  const t = scanPython(src);
  const out: Tok[] = [];
  for (let i = 0; i < t.count; i++) out.push(t.tok(i));
  return out;
}

/** One pass over char codes into `PyTokens`; no token objects or texts. */
export function scanPython(src: string): PyTokens {
  const toks = new PyTokens(src);
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
      toks.push(NEWLINE, i, i + 1);
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
      toks.push(STRING, start, end);
      i = end;
      continue;
    }
    if (isNameStart(c)) {
      let j = i + 1;
      while (j < n && isNameChar(src.charCodeAt(j))) j++;
      toks.push(NAME, i, j);
      i = j;
      continue;
    }
    if (isDigit(c) || (c === 46 && isDigit(src.charCodeAt(i + 1)))) {
      let j = i + 1;
      while (j < n && (isNameChar(src.charCodeAt(j)) || src.charCodeAt(j) === 46)) j++;
      toks.push(NUMBER, i, j);
      i = j;
      continue;
    }
    const len = i + 1 < n && TWO_CHAR_OPS.has(c * 65536 + src.charCodeAt(i + 1)) ? 2 : 1;
    toks.push(OP, i, i + len);
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
