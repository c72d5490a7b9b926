import { Pair, Scalar, YAMLMap, YAMLSeq, parseDocument, type Node as YamlNode, type ParseOptions, type DocumentOptions, type SchemaOptions } from 'yaml';

/**
 * YAML for the lint sources, fast. `yaml`'s own lexer alone runs at 3–7 MB/s, so the plain block
 * YAML that compose and launch files are written in (block maps and sequences, one-line plain or
 * quoted scalars, one-line flow maps/sequences of scalars, comments) is read here in one pass over
 * the lines, into the same node classes (`Scalar`, `YAMLMap`, `YAMLSeq`, `Pair`) with the ranges and
 * core-schema values `parseDocument` gives. Anything outside that subset (anchors, tags, block
 * scalars, multi-line scalars, escapes, tabs, documents markers, odd indentation, any error) makes
 * the fast reader give up and the whole text goes to `parseDocument`, so errors and exotic YAML are
 * exactly the library's. A differential test keeps the two in agreement.
 */
export interface YamlRead {
  readonly contents: YamlNode | null;
  readonly errors: ReadonlyArray<{ readonly message: string; readonly pos: [number, number] }>;
  /** Which reader produced the tree (for tests). */
  readonly fast: boolean;
}

export function readYaml(text: string, fallback: ParseOptions & DocumentOptions & SchemaOptions): YamlRead {
  const fast = fastYaml(text);
  if (fast !== undefined) return { contents: fast, errors: [], fast: true };
  const doc = parseDocument(text, fallback);
  return { contents: doc.contents as YamlNode | null, errors: doc.errors, fast: false };
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
export function fastYaml(text: string): YamlNode | null | undefined {
  if (UNSAFE.test(text)) return undefined;
  try {
    return new FastReader(text).document();
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

class FastReader {
  private pos = 0;
  constructor(private readonly text: string) {}

  document(): YamlNode | null {
    const first = this.peek();
    if (!first) return null;
    const node = this.block(first, first.at - first.start, false);
    if (this.peek()) throw BAIL;
    return node;
  }

  /** The next line with content (blank and comment-only lines skipped), without consuming it. */
  private peek(): Line | undefined {
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
  private block(line: Line, indent: number, inSeqItem: boolean): YamlNode {
    if (this.isSeqItem(line.at, line.end)) {
      if (inSeqItem) throw BAIL; // `- - x`
      return this.seq(indent);
    }
    return this.map(indent, line.at);
  }

  /** A block map at column `indent`; its first key is at `firstAt` (mid-line after `- `). */
  private map(indent: number, firstAt: number): YAMLMap {
    const t = this.text;
    const map = new YAMLMap();
    let at = firstAt;
    let line = this.peek()!;
    let end = firstAt;
    for (;;) {
      const key = this.scalar(at, line.end, 'key');
      let p = key.end;
      while (p < line.end && t.charCodeAt(p) === SPACE) p++;
      if (t.charCodeAt(p) !== COLON || (p + 1 < line.end && t.charCodeAt(p + 1) !== SPACE)) throw BAIL;
      if (key.end - at > 1000) throw BAIL;
      const pair = new Pair<YamlNode, YamlNode>(key.node, null);
      const v = this.value(line, p + 1, indent, true);
      pair.value = v.node;
      end = v.end;
      map.items.push(pair as Pair<unknown, unknown>);
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
    map.range = [firstAt, end, end];
    return map;
  }

  private seq(indent: number): YAMLSeq {
    const seq = new YAMLSeq();
    let line = this.peek()!;
    const start = line.at;
    let end = start;
    for (;;) {
      const v = this.value(line, line.at + 1, indent, false);
      seq.items.push(v.node);
      end = v.end;
      const next = this.peek();
      const col = next ? next.at - next.start : -1;
      if (col < indent || (col === indent && !this.isSeqItem(next!.at, next!.end))) {
        this.noTrailingComment(next);
        break;
      }
      if (!next || col > indent) throw BAIL;
      line = next;
    }
    seq.range = [start, end, end];
    return seq;
  }

  /**
   * The value after a map's ':' or a sequence's '-' at `from` on `line`: inline (scalar, flow
   * collection, or for a sequence item a compact map), or a block on the following lines, or null.
   * Consumes through the value; `end` is where the library ends the node (its range[2]).
   */
  private value(line: Line, from: number, indent: number, inMap: boolean): { node: YamlNode; end: number } {
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
          return { node, end: (node.range as [number, number, number])[1] };
        }
        // A map's value may be a sequence at the key's own column.
        if (inMap && col === indent && this.isSeqItem(next.at, next.end)) {
          const node = this.seq(indent);
          return { node, end: (node.range as [number, number, number])[1] };
        }
      }
      // The library stretches an empty value over the blank and comment lines after it; not modelled.
      if ((next ? next.start : t.length) !== line.next) throw BAIL;
      const node = new Scalar(null);
      node.type = Scalar.PLAIN;
      node.source = '';
      // With a comment, the library ends the empty value at the next line's content.
      if (comment && !next) throw BAIL;
      const end = comment ? next!.at : p;
      node.range = [p, p, end];
      return { node, end };
    }
    if (!inMap && this.isSeqItem(p, line.end)) throw BAIL;
    let node: YamlNode;
    let after: number;
    const c = t.charCodeAt(p);
    if (c === 123 /* { */ || c === 91 /* [ */) {
      const flow = this.flow(p, line.end);
      node = flow.node;
      after = flow.end;
    } else if (!inMap && this.isKeyLine(p, line.end)) {
      // `- key: value`: a compact map whose keys sit at this column.
      const col = p - line.start;
      const node = this.map(col, p);
      return { node, end: (node.range as [number, number, number])[1] };
    } else {
      const s = this.scalar(p, line.end, 'value');
      node = s.node;
      after = s.end;
    }
    // Only blanks and a comment may follow on the line.
    let q = after;
    while (q < line.end && t.charCodeAt(q) === SPACE) q++;
    if (q < line.end && (t.charCodeAt(q) !== HASH || q === after)) throw BAIL;
    this.pos = line.next;
    const next = this.peek();
    if (next && next.at - next.start > indent) throw BAIL; // a continuation line or an error
    return { node, end: line.next };
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
  private scalar(p: number, end: number, role: 'key' | 'value' | 'flow'): { node: Scalar; end: number } {
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
            value += t.slice(chunk, k + 1);
            k += 2;
            chunk = k;
            continue;
          }
          break;
        }
        k++;
      }
      value += t.slice(chunk, k);
      const node = new Scalar(value);
      node.type = c === 34 ? Scalar.QUOTE_DOUBLE : Scalar.QUOTE_SINGLE;
      node.source = value;
      node.range = [p, k + 1, k + 1];
      return { node, end: k + 1 };
    }
    // Indicators that start something other than a plain scalar.
    if ('&*!|>%@`#,[]{}'.includes(t[p]!) || ((c === DASH || c === 63 /* ? */ || c === COLON) && (p + 1 === end || t.charCodeAt(p + 1) === SPACE))) throw BAIL;
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
    const source = t.slice(p, last);
    const value = resolvePlain(source);
    if (value === undefined) throw BAIL;
    const node = new Scalar(value);
    node.type = Scalar.PLAIN;
    node.source = source;
    node.range = [p, last, last];
    return { node, end: last };
  }

  /** A one-line flow map or sequence of scalars at `p` (`{name: X, value: "7"}`, `["a", b]`). */
  private flow(p: number, end: number): { node: YamlNode; end: number } {
    const t = this.text;
    const isMap = t.charCodeAt(p) === 123;
    const close = isMap ? 125 : 93;
    const coll = isMap ? new YAMLMap() : new YAMLSeq();
    coll.flow = true;
    let k = p + 1;
    const skip = () => {
      while (k < end && t.charCodeAt(k) === SPACE) k++;
      if (k >= end) throw BAIL; // multi-line flow collection or a comment inside
    };
    skip();
    if (t.charCodeAt(k) !== close) {
      for (;;) {
        skip();
        const item = this.scalar(k, end, 'flow');
        k = item.end;
        skip();
        if (isMap) {
          if (t.charCodeAt(k) !== COLON) throw BAIL;
          k++;
          if (item.node.type === Scalar.PLAIN && t.charCodeAt(k) !== SPACE) throw BAIL;
          skip();
          const c = t.charCodeAt(k);
          if (c === 44 || c === close) throw BAIL; // an empty value: left to the library
          const v = this.scalar(k, end, 'flow');
          k = v.end;
          (coll as YAMLMap).items.push(new Pair<YamlNode, YamlNode>(item.node, v.node) as Pair<unknown, unknown>);
          skip();
        } else {
          (coll as YAMLSeq).items.push(item.node);
        }
        const c = t.charCodeAt(k);
        if (c === close) break;
        if (c !== 44) throw BAIL;
        k++;
        skip();
        if (t.charCodeAt(k) === close) throw BAIL; // trailing comma
      }
    }
    coll.range = [p, k + 1, k + 1];
    return { node: coll, end: k + 1 };
  }
}
