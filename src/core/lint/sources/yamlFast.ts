import { isAlias, isMap, isScalar, isSeq, parseDocument, Scalar, type ParseOptions, type DocumentOptions, type SchemaOptions } from 'yaml';

/**
 * YAML for the lint sources, fast. `yaml`'s own lexer alone runs at 3–7 MB/s, and its node classes
 * cost more again, so the plain block YAML that compose and launch files are written in (block maps
 * and sequences, one-line plain or quoted scalars, one-line flow maps/sequences of scalars,
 * comments) is read here in one pass over the lines into small plain nodes, with the core-schema
 * values and the ranges `parseDocument` gives. Anything outside that subset (anchors, tags, block
 * scalars, multi-line scalars, escapes, tabs, document markers, odd indentation, any error) makes
 * the fast reader give up: the whole text goes to `parseDocument` and its tree is converted, so
 * errors and exotic YAML are exactly the library's. A differential test keeps the two in agreement.
 */
export interface YScalar {
  readonly kind: 'scalar';
  /** The core-schema value (string, number, boolean, null), as `Scalar.value`. */
  readonly value: unknown;
  readonly style: 'plain' | 'single' | 'double' | 'other';
  /** The plain scalar as written. */
  readonly source: string | undefined;
  readonly start: number;
  readonly end: number;
}
export interface YPair {
  readonly key: YNode | null;
  readonly value: YNode | null;
}
export interface YMap {
  readonly kind: 'map';
  readonly items: YPair[];
  readonly start: number;
  readonly end: number;
}
export interface YSeq {
  readonly kind: 'seq';
  readonly items: Array<YNode | null>;
  readonly start: number;
  readonly end: number;
}
/** An alias (`*a`): only its place is known here. */
export interface YOther {
  readonly kind: 'other';
  readonly start: number;
  readonly end: number;
}
export type YNode = YScalar | YMap | YSeq | YOther;

// What the YAML sources ask of a node (the yaml library's isMap/isScalar/isSeq are for its own classes).
export const isYMap = (n: YNode | null | undefined): n is YMap => n?.kind === 'map';
export const isYScalar = (n: YNode | null | undefined): n is YScalar => n?.kind === 'scalar';
export const isYSeq = (n: YNode | null | undefined): n is YSeq => n?.kind === 'seq';

/** A node's range as a fresh span (0–0 for a missing node). */
export function nodeSpan(n: YNode | null | undefined): { start: number; end: number } {
  return n ? { start: n.start, end: n.end } : { start: 0, end: 0 };
}

/** The value's span: inside the quotes of a quoted scalar. */
export function innerSpan(n: YNode): { start: number; end: number } {
  const s = nodeSpan(n);
  return isYScalar(n) && (n.style === 'double' || n.style === 'single') ? { start: s.start + 1, end: Math.max(s.start + 1, s.end - 1) } : s;
}

export interface YamlRead {
  readonly contents: YNode | null;
  readonly errors: ReadonlyArray<{ readonly message: string; readonly pos: [number, number] }>;
  /** Which reader produced the tree (for tests). */
  readonly fast: boolean;
}

/**
 * Values a source never reads: `skip(key, depth)` is asked for each key of a block map (depth 0 for
 * the document's top collection, +1 per enclosing collection); when it answers true, the fast reader
 * still checks the value's syntax but builds no nodes or strings for it, and the pair's value is a
 * placeholder of kind 'other'. The library's tree (the fallback) keeps such values: a source must
 * not depend on them either way.
 */
export type SkipValue = (key: string, depth: number) => boolean;

export function readYaml(text: string, fallback: ParseOptions & DocumentOptions & SchemaOptions, skip?: SkipValue): YamlRead {
  const fast = fastYaml(text, skip);
  if (fast !== undefined) return { contents: fast, errors: [], fast: true };
  const doc = parseDocument(text, fallback);
  return { contents: fromLibrary(doc.contents), errors: doc.errors, fast: false };
}

const STYLE: Record<string, YScalar['style']> = {
  [Scalar.PLAIN]: 'plain',
  [Scalar.QUOTE_SINGLE]: 'single',
  [Scalar.QUOTE_DOUBLE]: 'double',
};

/** The library's tree as plain nodes (ranges [0] and [1]). */
export function fromLibrary(n: unknown): YNode | null {
  if (n === null || n === undefined) return null;
  const r = (n as { range?: [number, number, number] }).range;
  const start = r ? r[0] : 0;
  const end = r ? r[1] : 0;
  if (isScalar(n))
    return {
      kind: 'scalar',
      value: n.value,
      style: (n.type && STYLE[n.type]) ?? 'other',
      source: n.source as string | undefined,
      start,
      end,
    };
  if (isMap(n)) return { kind: 'map', items: n.items.map((p) => ({ key: fromLibrary(p.key), value: fromLibrary(p.value) })), start, end };
  if (isSeq(n)) return { kind: 'seq', items: n.items.map(fromLibrary), start, end };
  if (isAlias(n)) return { kind: 'other', start, end };
  return { kind: 'other', start, end };
}

/** Thrown (never escapes this module) when the text leaves the subset. */
const BAIL = new Error('outside the fast YAML subset');

/** Characters whose presence anywhere sends the text to the library (tabs, controls, Unicode breaks, BOM, lone CR). */
const UNSAFE = /[\x00-\x09\x0b\x0c\x0e-\x1f\x7f\x85\u2028\u2029\ufeff]|\r(?!\n)/;

const SPACE = 32;
const CR = 13;
const HASH = 35;
const COLON = 58;
const DASH = 45;

/** The tree for texts in the subset; undefined when the library has to read it. */
export function fastYaml(text: string, skip?: SkipValue): YNode | null | undefined {
  if (UNSAFE.test(text)) return undefined;
  try {
    return new FastReader(text, skip).document();
  } catch (e) {
    if (e === BAIL) return undefined;
    throw e;
  }
}

interface Line {
  /** Offset of the line's first character. */
  readonly start: number;
  /** Offset of the first non-space character (the content). */
  readonly at: number;
  /** Offset of '\n' (or '\r' of '\r\n'), or the text's length. */
  readonly end: number;
  /** Offset after the line break (the next line's start). */
  readonly next: number;
}

const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const OTHER_NUMBER = /^(?:0x[0-9a-fA-F]+|0o[0-7]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/** Plain scalars as the core schema resolves them; undefined when the library must decide. */
function resolvePlain(s: string): string | number | boolean | null | undefined {
  const c = s.charCodeAt(0);
  // Only words that can be null/bool/number need a look: everything else is a string.
  if (c === 126 /* ~ */ && s.length === 1) return null;
  if (c === 110 || c === 78) return s === 'null' || s === 'Null' || s === 'NULL' ? null : s;
  if (c === 116 || c === 84) return s === 'true' || s === 'True' || s === 'TRUE' ? true : s;
  if (c === 102 || c === 70) return s === 'false' || s === 'False' || s === 'FALSE' ? false : s;
  if ((c >= 48 && c <= 57) || c === DASH || c === 43 /* + */ || c === 46 /* . */) {
    if (/^[-+]?[0-9]+$/.test(s)) {
      const n = Number(s);
      return Number.isSafeInteger(n) ? n : undefined;
    }
    if (FLOAT.test(s)) return parseFloat(s);
    // Hex, octal, .inf/.nan: rare in these files; the library's resolution decides.
    if (OTHER_NUMBER.test(s)) return undefined;
  }
  return s;
}

/** What a skipped value becomes in the tree. */
const skipped = (start: number, end: number): YOther => ({ kind: 'other', start, end });

class FastReader {
  private pos = 0;
  /** Collections enclosing the one being read. */
  private depth = 0;
  /** Inside a skipped value (never nested: no key is asked about there): nodes are the scratch ones below, read once and dropped. */
  private skipping = false;
  // Scratch nodes for skipped values: their callers read start/end/style right away and keep nothing.
  private readonly scratchScalar: {
    kind: 'scalar';
    value: unknown;
    style: YScalar['style'];
    source: string | undefined;
    start: number;
    end: number;
  } = { kind: 'scalar', value: null, style: 'plain', source: undefined, start: 0, end: 0 };
  private readonly scratchMap: { kind: 'map'; items: YPair[]; start: number; end: number } = { kind: 'map', items: [], start: 0, end: 0 };
  private readonly scratchSeq: { kind: 'seq'; items: Array<YNode | null>; start: number; end: number } = {
    kind: 'seq',
    items: [],
    start: 0,
    end: 0,
  };

  constructor(
    private readonly text: string,
    private readonly skip: SkipValue | undefined,
  ) {}

  /** Whether the value of `key` (a map key's value) in a collection at `depth` is to be skipped. */
  private skips(key: unknown, depth: number): boolean {
    return !this.skipping && this.skip !== undefined && typeof key === 'string' && this.skip(key, depth);
  }

  private scratch(style: YScalar['style'], start: number, end: number): YScalar {
    const n = this.scratchScalar;
    n.style = style;
    n.start = start;
    n.end = end;
    return n;
  }

  document(): YNode | null {
    const first = this.peek();
    if (!first) return null;
    const node = this.block(first, first.at - first.start, false);
    if (this.peek()) throw BAIL;
    return node;
  }

  /** The next line with content (blank and comment-only lines skipped), without consuming it. */
  private peek(): Line | undefined {
    // Each line is looked at by the value that ends before it and by its collection: scan it once.
    if (this.peekedAt !== this.pos) {
      this.peeked = this.scanLine();
      this.peekedAt = this.pos;
    }
    return this.peeked;
  }

  private peekedAt = -1;
  private peeked: Line | undefined;

  private scanLine(): Line | undefined {
    const t = this.text;
    let p = this.pos;
    while (p < t.length) {
      let nl = t.indexOf('\n', p);
      const next = nl < 0 ? t.length : nl + 1;
      if (nl < 0) nl = t.length;
      const end = nl > p && t.charCodeAt(nl - 1) === CR ? nl - 1 : nl;
      let at = p;
      while (at < end && t.charCodeAt(at) === SPACE) at++;
      if (at < end && t.charCodeAt(at) !== HASH) {
        // Document markers and directives at column 0 are the library's business.
        if (at === p) {
          const c = t.charCodeAt(p);
          if (c === 37 /* % */ || ((c === DASH || c === 46) && (t.startsWith('---', p) || t.startsWith('...', p)))) throw BAIL;
        }
        return { start: p, at, end, next };
      }
      p = next;
    }
    return undefined;
  }

  /**
   * Comment lines after a collection's last item move the ends of the collections around it in
   * ways that depend on their column; such texts go to the library.
   */
  private noTrailingComment(next: Line | undefined): void {
    const gapEnd = next ? next.start : this.text.length;
    for (let i = this.pos; i < gapEnd; i++) if (this.text.charCodeAt(i) === HASH) throw BAIL;
  }

  private isSeqItem(at: number, end: number): boolean {
    return this.text.charCodeAt(at) === DASH && (at + 1 === end || this.text.charCodeAt(at + 1) === SPACE);
  }

  /** A block collection whose first line is `line`, its content at column `indent`. */
  private block(line: Line, indent: number, inSeqItem: boolean): YMap | YSeq {
    if (this.isSeqItem(line.at, line.end)) {
      if (inSeqItem) throw BAIL; // `- - x`
      return this.seq(indent);
    }
    return this.map(indent, line.at);
  }

  /** A block map at column `indent`; its first key is at `firstAt` (mid-line after `- `). */
  private map(indent: number, firstAt: number): YMap {
    const t = this.text;
    const skipping = this.skipping;
    const items: YPair[] = skipping ? this.scratchMap.items : [];
    const depth = this.depth;
    this.depth = depth + 1;
    let at = firstAt;
    let line = this.peek()!;
    let end = firstAt;
    for (;;) {
      const key = this.scalar(at, line.end, 'key');
      const keyEnd = key.end;
      let p = keyEnd;
      while (p < line.end && t.charCodeAt(p) === SPACE) p++;
      if (t.charCodeAt(p) !== COLON || (p + 1 < line.end && t.charCodeAt(p + 1) !== SPACE)) throw BAIL;
      if (keyEnd - at > 1000) throw BAIL;
      const skip = this.skips(key.value, depth);
      if (skip) this.skipping = true;
      const value = this.value(line, p + 1, indent, true);
      if (skip) this.skipping = false;
      end = this.valueEnd;
      if (!skipping) items.push({ key, value: skip ? skipped(keyEnd, end) : value });
      const next = this.peek();
      const col = next ? next.at - next.start : -1;
      if (col < indent) {
        this.noTrailingComment(next);
        break;
      }
      if (!next || col > indent || this.isSeqItem(next.at, next.end)) throw BAIL;
      line = next;
      at = next.at;
    }
    this.depth = depth;
    if (!skipping) return { kind: 'map', items, start: firstAt, end };
    const m = this.scratchMap;
    m.start = firstAt;
    m.end = end;
    return m;
  }

  private seq(indent: number): YSeq {
    const skipping = this.skipping;
    const items: Array<YNode | null> = skipping ? this.scratchSeq.items : [];
    const depth = this.depth;
    this.depth = depth + 1;
    let line = this.peek()!;
    const start = line.at;
    let end = start;
    for (;;) {
      const item = this.value(line, line.at + 1, indent, false);
      if (!skipping) items.push(item);
      end = this.valueEnd;
      const next = this.peek();
      const col = next ? next.at - next.start : -1;
      if (col < indent || (col === indent && !this.isSeqItem(next!.at, next!.end))) {
        this.noTrailingComment(next);
        break;
      }
      if (!next || col > indent) throw BAIL;
      line = next;
    }
    this.depth = depth;
    if (!skipping) return { kind: 'seq', items, start, end };
    const q = this.scratchSeq;
    q.start = start;
    q.end = end;
    return q;
  }

  /**
   * The value after a map's ':' or a sequence's '-' at `from` on `line`: inline (scalar, flow
   * collection, or for a sequence item a compact map), or a block on the following lines, or null.
   * Consumes through the value; `end` is where the library ends the node (its range[2]).
   */
  /** Where the library ends the last node `value` read (its range[2]): what a collection's end is. */
  private valueEnd = 0;

  private value(line: Line, from: number, indent: number, inMap: boolean): YNode {
    const t = this.text;
    let p = from;
    while (p < line.end && t.charCodeAt(p) === SPACE) p++;
    if (p === line.end || t.charCodeAt(p) === HASH) {
      const comment = p < line.end;
      this.pos = line.next;
      const next = this.peek();
      if (next) {
        const col = next.at - next.start;
        if (col > indent) {
          const node = this.block(next, col, false);
          this.valueEnd = node.end;
          return node;
        }
        // A map's value may be a sequence at the key's own column.
        if (inMap && col === indent && this.isSeqItem(next.at, next.end)) {
          const node = this.seq(indent);
          this.valueEnd = node.end;
          return node;
        }
      }
      // The library stretches an empty value over the blank and comment lines after it; not modelled.
      if ((next ? next.start : t.length) !== line.next) throw BAIL;
      // With a comment, the library ends the empty value at the next line's content.
      if (comment && !next) throw BAIL;
      const end = comment ? next!.at : p;
      this.valueEnd = end;
      return this.skipping ? this.scratch('plain', p, p) : { kind: 'scalar', value: null, style: 'plain', source: '', start: p, end: p };
    }
    if (!inMap && this.isSeqItem(p, line.end)) throw BAIL;
    let node: YNode;
    let after: number;
    const c = t.charCodeAt(p);
    if (c === 123 /* { */ || c === 91 /* [ */) {
      node = this.flow(p, line.end);
      after = node.end;
    } else if (!inMap && this.isKeyLine(p, line.end)) {
      // `- key: value`: a compact map whose keys sit at this column.
      const col = p - line.start;
      const node = this.map(col, p);
      this.valueEnd = node.end;
      return node;
    } else {
      node = this.scalar(p, line.end, 'value');
      after = node.end;
    }
    // Only blanks and a comment may follow on the line.
    let q = after;
    while (q < line.end && t.charCodeAt(q) === SPACE) q++;
    if (q < line.end && (t.charCodeAt(q) !== HASH || q === after)) throw BAIL;
    this.pos = line.next;
    const next = this.peek();
    if (next && next.at - next.start > indent) throw BAIL; // a continuation line or an error
    this.valueEnd = line.next;
    return node;
  }

  /** Whether a `key:` starts at `p` (the line is a map entry). */
  private isKeyLine(p: number, end: number): boolean {
    const t = this.text;
    const c = t.charCodeAt(p);
    if (c === 34 || c === 39) {
      const q = t.indexOf(String.fromCharCode(c), p + 1);
      if (q < 0 || q >= end) return false;
      let k = q + 1;
      if (c === 39) while (t.charCodeAt(k) === 39) k = t.indexOf("'", k + 1) + 1 || end;
      while (k < end && t.charCodeAt(k) === SPACE) k++;
      return t.charCodeAt(k) === COLON && (k + 1 === end || t.charCodeAt(k + 1) === SPACE);
    }
    for (let k = p; k < end; k++) {
      const ch = t.charCodeAt(k);
      if (ch === COLON && (k + 1 === end || t.charCodeAt(k + 1) === SPACE)) return true;
      if (ch === HASH && t.charCodeAt(k - 1) === SPACE) return false;
    }
    return false;
  }

  /**
   * A one-line scalar at `p`: quoted, or plain up to ': ' / ' #' / the line's end (a key stops at
   * its ':'; a value that holds ': ' is a nested-mapping error, left to the library).
   */
  private scalar(p: number, end: number, role: 'key' | 'value' | 'flow'): YScalar {
    const t = this.text;
    const c = t.charCodeAt(p);
    if (c === 34 /* " */ || c === 39 /* ' */) {
      let k = p + 1;
      let value = '';
      let chunk = k;
      for (;;) {
        if (k >= end) throw BAIL; // multi-line quoted scalar
        const ch = t.charCodeAt(k);
        if (c === 34 && ch === 92 /* \ */) throw BAIL; // escapes: the library decodes them
        if (ch === c) {
          if (c === 39 && t.charCodeAt(k + 1) === 39) {
            if (!this.skipping) value += t.slice(chunk, k + 1);
            k += 2;
            chunk = k;
            continue;
          }
          break;
        }
        k++;
      }
      if (this.skipping) return this.scratch(c === 34 ? 'double' : 'single', p, k + 1);
      value += t.slice(chunk, k);
      return { kind: 'scalar', value, style: c === 34 ? 'double' : 'single', source: value, start: p, end: k + 1 };
    }
    // Indicators that start something other than a plain scalar.
    if (
      '&*!|>%@`#,[]{}'.includes(t[p]!) ||
      ((c === DASH || c === 63 /* ? */ || c === COLON) && (p + 1 === end || t.charCodeAt(p + 1) === SPACE))
    )
      throw BAIL;
    let k = p;
    let last = p; // end of the last non-space character
    for (; k < end; k++) {
      const ch = t.charCodeAt(k);
      if (ch === SPACE) {
        if (t.charCodeAt(k + 1) === HASH) break;
        continue;
      }
      if (ch === COLON) {
        const nx = k + 1 < end ? t.charCodeAt(k + 1) : SPACE;
        if (nx === SPACE || (role === 'flow' && (nx === 44 || nx === 125 || nx === 93))) {
          if (role === 'value') throw BAIL;
          break;
        }
      }
      if (role === 'flow' && (ch === 44 /* , */ || ch === 123 || ch === 125 || ch === 91 || ch === 93)) break;
      last = k + 1;
    }
    if (last === p) throw BAIL;
    // A skipped value's resolution does not matter (hex, octal, .inf included): no string for it.
    if (this.skipping) return this.scratch('plain', p, last);
    const source = t.slice(p, last);
    const value = resolvePlain(source);
    if (value === undefined) throw BAIL;
    return { kind: 'scalar', value, style: 'plain', source, start: p, end: last };
  }

  /** A one-line flow map or sequence of scalars at `p` (`{name: X, value: "7"}`, `["a", b]`). */
  private flow(p: number, end: number): YMap | YSeq {
    const t = this.text;
    const isMap = t.charCodeAt(p) === 123;
    const close = isMap ? 125 : 93;
    const skipping = this.skipping;
    // One list, of the kind this collection is; blanks skipped by a method, not a closure over k
    // (a closure and its context per flow collection, one per line in launch YAML).
    const pairs: YPair[] | undefined = isMap && !skipping ? [] : undefined;
    const items: YNode[] | undefined = isMap || skipping ? undefined : [];
    const depth = this.depth;
    this.depth = depth + 1;
    let k = this.skipFlowSpaces(p + 1, end);
    if (t.charCodeAt(k) !== close) {
      for (;;) {
        k = this.skipFlowSpaces(k, end);
        const item = this.scalar(k, end, 'flow');
        k = this.skipFlowSpaces(item.end, end);
        if (isMap) {
          if (t.charCodeAt(k) !== COLON) throw BAIL;
          k++;
          if (item.style === 'plain' && t.charCodeAt(k) !== SPACE) throw BAIL;
          const keyValue = item.value;
          k = this.skipFlowSpaces(k, end);
          const c = t.charCodeAt(k);
          if (c === 44 || c === close) throw BAIL; // an empty value: left to the library
          // A skipped value in a flow map is still one scalar: read it, keep only the placeholder.
          const skip = this.skips(keyValue, depth);
          if (skip) this.skipping = true;
          const v = this.scalar(k, end, 'flow');
          if (skip) this.skipping = false;
          const vEnd = v.end;
          if (!skipping) pairs!.push({ key: item, value: skip ? skipped(v.start, vEnd) : v });
          k = this.skipFlowSpaces(vEnd, end);
        } else if (items) {
          items.push(item);
        }
        const c = t.charCodeAt(k);
        if (c === close) break;
        if (c !== 44) throw BAIL;
        k = this.skipFlowSpaces(k + 1, end);
        if (t.charCodeAt(k) === close) throw BAIL; // trailing comma
      }
    }
    this.depth = depth;
    if (skipping) {
      const n = isMap ? this.scratchMap : this.scratchSeq;
      n.start = p;
      n.end = k + 1;
      return n;
    }
    return isMap ? { kind: 'map', items: pairs!, start: p, end: k + 1 } : { kind: 'seq', items: items!, start: p, end: k + 1 };
  }

  /** The first non-blank at or after `k` inside a one-line flow collection ending before `end`. */
  private skipFlowSpaces(k: number, end: number): number {
    const t = this.text;
    while (k < end && t.charCodeAt(k) === SPACE) k++;
    if (k >= end) throw BAIL; // multi-line flow collection or a comment inside
    return k;
  }
}
