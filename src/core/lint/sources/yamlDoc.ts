import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  Scalar,
  type Document,
  type Node,
  type ParsedNode,
  type Pair,
  type YAMLMap,
} from 'yaml';
import type { Span } from '../../text/positions';

/**
 * The YAML the lint sources read, through the `yaml` library's Document: its ranges give the
 * spans, and aliases and `<<` merge keys are followed here so a value written once under an
 * anchor is linted for every place that uses it.
 */
export interface YamlDoc {
  readonly doc: Document.Parsed;
  readonly errors: ReadonlyArray<{ readonly message: string; readonly pos: [number, number] }>;
}

export function readYaml(text: string, options: { prettyErrors?: boolean } = {}): YamlDoc {
  // uniqueKeys off: a duplicated key is a compose/launch matter, reported by the rules that care.
  const doc = parseDocument(text, { uniqueKeys: false, merge: true, keepSourceTokens: false, ...options });
  return { doc, errors: doc.errors };
}

/** The node itself, or the node an alias names. */
export function deref(y: YamlDoc, n: unknown): ParsedNode | null {
  if (isAlias(n)) return (n.resolve(y.doc) as ParsedNode | undefined) ?? null;
  return (n as ParsedNode | null | undefined) ?? null;
}

export const asMap = (y: YamlDoc, n: unknown): YAMLMap<ParsedNode, ParsedNode | null> | undefined => {
  const d = deref(y, n);
  return isMap(d) ? (d as YAMLMap<ParsedNode, ParsedNode | null>) : undefined;
};
export const asSeq = (y: YamlDoc, n: unknown) => {
  const d = deref(y, n);
  return isSeq(d) ? d : undefined;
};
export const asScalar = (y: YamlDoc, n: unknown): Scalar | undefined => {
  const d = deref(y, n);
  return isScalar(d) ? d : undefined;
};

/** A scalar's value as a string (undefined for null, collections and missing nodes). */
export function str(y: YamlDoc, n: unknown): string | undefined {
  const s = asScalar(y, n);
  return s && s.value !== null && s.value !== undefined && typeof s.value !== 'symbol' ? String(s.value) : undefined;
}

export interface Entry {
  readonly key: string;
  readonly keyNode: Scalar;
  /** The value as written (an alias stays an alias: use deref/asMap to read it). */
  readonly value: unknown;
  readonly pair: Pair<ParsedNode, ParsedNode | null>;
  /** The entry comes from a `<<` merge, so its spans are in the anchored map. */
  readonly merged: boolean;
}

const isMergeKey = (k: unknown): boolean => isScalar(k) && typeof k.value === 'symbol';

/**
 * A map's entries as YAML 1.1 merge keys make them (what compose reads): own keys first and
 * winning, then each merged map's keys not already present (earlier merged maps win).
 */
export function entries(y: YamlDoc, map: YAMLMap<unknown, unknown>, seen: Set<unknown> = new Set()): Entry[] {
  const out: Entry[] = [];
  const have = new Set<string>();
  const merges: unknown[] = [];
  seen.add(map);
  for (const p of map.items as Array<Pair<ParsedNode, ParsedNode | null>>) {
    if (isMergeKey(p.key)) {
      const v = p.value;
      if (isSeq(v)) merges.push(...v.items);
      else merges.push(v);
      continue;
    }
    if (!isScalar(p.key) || p.key.value === null || p.key.value === undefined) continue;
    const key = String(p.key.value);
    have.add(key);
    out.push({ key, keyNode: p.key, value: p.value, pair: p, merged: false });
  }
  for (const m of merges) {
    const src = asMap(y, m);
    if (!src || seen.has(src)) continue;
    for (const e of entries(y, src, seen)) {
      if (have.has(e.key)) continue;
      have.add(e.key);
      out.push({ ...e, merged: true });
    }
  }
  return out;
}

/** The first entry named `key` (as a lookup on the merged map). */
export function field(y: YamlDoc, map: YAMLMap<unknown, unknown> | undefined, key: string): Entry | undefined {
  return map ? entries(y, map).find((e) => e.key === key) : undefined;
}

/** A node's range (0–0 for a missing node). */
export function nodeSpan(n: unknown): Span {
  const r = (n as Node | null | undefined)?.range;
  return r ? { start: r[0], end: r[1] } : { start: 0, end: 0 };
}

/** The value's span: inside the quotes of a quoted scalar. */
export function innerSpan(n: unknown): Span {
  const s = nodeSpan(n);
  const quoted = isScalar(n) && (n.type === Scalar.QUOTE_DOUBLE || n.type === Scalar.QUOTE_SINGLE);
  return quoted ? { start: s.start + 1, end: Math.max(s.start + 1, s.end - 1) } : s;
}
