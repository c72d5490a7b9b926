import { SaxesParser } from 'saxes';

type Span = { start: number; end: number };

export interface XmlAttribute {
  readonly key: string;
  /** The value as written between the quotes (entities not expanded), so fixes can replace it verbatim. */
  readonly value: string;
  readonly keySpan: Span;
  /** Inside the quotes. */
  readonly valueSpan: Span;
}

export interface XmlElement {
  readonly name: string;
  readonly nameSpan: Span;
  /** The name in `</name>`; undefined for `<name/>` and unclosed elements. */
  closeNameSpan?: Span;
  /** Empty for tags outside `attributesOf` when that option is given. */
  readonly attributes: readonly XmlAttribute[];
  children: XmlElement[];
  /** Any character data (whitespace included) directly inside. */
  hasText: boolean;
}

export interface XmlTree {
  readonly root: XmlElement | undefined;
  /** The first well-formedness error; later ones cascade from it. */
  readonly error?: { readonly message: string; readonly span: Span };
}

// Shared empty lists, never pushed to: replaced by a fresh array on the first child/attribute.
const NO_CHILDREN: XmlElement[] = Object.freeze([]) as unknown as XmlElement[];
const NO_ATTRIBUTES: XmlAttribute[] = Object.freeze([]) as unknown as XmlAttribute[];

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

/**
 * Parses XML with saxes (strict, conformant, non-fatal errors) into a small element tree with exact
 * spans. saxes reports string indices (`position`) but no attribute offsets: each attribute event
 * comes right after its closing quote, so the value and key are found by scanning back from there.
 */
export interface XmlTreeOptions {
  /** Record attributes only for these tags. */
  readonly attributesOf?: ReadonlySet<string>;
  /** Called for each element once its start tag (with attributes) is read, in document order. */
  readonly onElement?: (e: XmlElement) => void;
}

export function parseXmlTree(text: string, opts: XmlTreeOptions = {}): XmlTree {
  const n = text.length;
  const p = new SaxesParser({ position: false });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let attrs: XmlAttribute[] = NO_ATTRIBUTES;
  let nameSpan: Span = { start: 0, end: 0 };
  // Attributes of other tags are not recorded: no rule reads them.
  const keepOf = opts.attributesOf;
  const onElement = opts.onElement;
  let keep = true;
  let error: XmlTree['error'];
  let popped: XmlElement | undefined;

  p.on('error', (e) => {
    if (error) return;
    // At the end of input, saxes reports the innermost unclosed element: point at its name.
    const open = stack[stack.length - 1];
    if (open && e.message.startsWith('unclosed tag')) {
      error = { message: e.message, span: open.nameSpan };
      return;
    }
    // saxes fails after reading the offending character; at the end of input position is past it.
    const at = Math.min(Math.max(p.position - 1, 0), n);
    if (e.message.startsWith('unexpected close tag') && popped) {
      // A close tag that does not match the open element (a typo, or a child left open).
      const lt = text.lastIndexOf('<', at);
      let end = lt + 2;
      while (end < at && !isSpace(text.charCodeAt(end)) && text.charCodeAt(end) !== 62) end++;
      error = {
        message: `</${text.slice(lt + 2, end)}> does not close <${popped.name}>`,
        span: lt >= 0 && end > lt + 2 ? { start: lt + 2, end } : { start: at, end: Math.min(at + 1, n) },
      };
      return;
    }
    const dup = /^duplicate attribute: (.*)\.$/.exec(e.message);
    const again = dup ? attrs.filter((a) => a.key === dup[1])[1] : undefined;
    if (again) {
      error = { message: e.message, span: again.keySpan };
      return;
    }
    if (e.message.startsWith('text data outside of root')) {
      // Reported when the text ends (at the next '<' or the end of input): span its non-blank part.
      let end = text.charCodeAt(at) === 60 ? at : n;
      let start = text.lastIndexOf('>', end - 1) + 1;
      while (start < end && isSpace(text.charCodeAt(start))) start++;
      while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
      if (start < end) {
        error = { message: e.message, span: { start, end } };
        return;
      }
    }
    const amp = e.message.includes('entity') ? text.lastIndexOf('&', at) : -1;
    error = {
      message: e.message,
      span: amp >= 0 && at - amp < 64 ? { start: amp, end: Math.min(at + 1, n) } : { start: at, end: Math.min(at + 1, n) },
    };
  });
  // Internal DTD entities (`<!DOCTYPE launch [<!ENTITY ip "10.0.0.1">]>`) are expanded by roslaunch's
  // parser; saxes does not read the DTD, so declare them or every use is an "undefined entity".
  p.on('doctype', (d) => {
    for (const m of d.matchAll(/<!ENTITY\s+([^\s%"']+)\s+(?:"([^"]*)"|'([^']*)')\s*>/g)) p.ENTITIES[m[1]!] ??= m[2] ?? m[3] ?? '';
  });
  p.on('opentagstart', (t) => {
    // Fired on the character after the name (two for CRLF, none at the end of input).
    const from = Math.min(p.position, n) - 1 - t.name.length;
    const lt = text.lastIndexOf('<', from);
    const start = lt + 1;
    nameSpan =
      lt >= 0 && text.startsWith(t.name, start)
        ? { start, end: start + t.name.length }
        : { start: Math.max(0, Math.min(from, n)), end: Math.max(0, Math.min(from + 1, n)) };
    attrs = NO_ATTRIBUTES;
    keep = !keepOf || keepOf.has(t.name);
  });
  p.on('attribute', (a) => {
    if (!keep) return;
    const end = Math.min(p.position, n) - 1;
    const q = text[end]!;
    if (end < 1 || (q !== `"` && q !== "'")) {
      // Error paths only (unquoted value, attribute without value): a point span where saxes is.
      const at = Math.max(0, end);
      if (attrs === NO_ATTRIBUTES) attrs = [];
      attrs.push({ key: a.name, value: a.value, keySpan: { start: at, end: at }, valueSpan: { start: at, end: at } });
      return;
    }
    const valueStart = text.lastIndexOf(q, end - 1) + 1;
    const valueSpan = { start: valueStart, end };
    let k = valueStart - 2;
    while (k >= 0 && isSpace(text.charCodeAt(k))) k--;
    if (text.charCodeAt(k) === 61 /* = */) k--;
    while (k >= 0 && isSpace(text.charCodeAt(k))) k--;
    const keyStart = k + 1 - a.name.length;
    const keySpan = keyStart >= 0 && text.startsWith(a.name, keyStart) ? { start: keyStart, end: k + 1 } : valueSpan;
    if (attrs === NO_ATTRIBUTES) attrs = [];
    attrs.push({ key: a.name, value: text.slice(valueStart, end), keySpan, valueSpan });
  });
  p.on('opentag', (t) => {
    const e: XmlElement = { name: t.name, nameSpan, attributes: attrs, children: NO_CHILDREN, hasText: false };
    attrs = NO_ATTRIBUTES;
    const parent = stack[stack.length - 1];
    if (parent) {
      // Most elements are leaves (<param/>, <remap/>): their children array is the shared empty one.
      if (parent.children === NO_CHILDREN) parent.children = [e];
      else parent.children.push(e);
    } else root ??= e;
    stack.push(e);
    onElement?.(e);
  });
  p.on('closetag', (t) => {
    const e = stack.pop();
    popped = e;
    if (!e || t.isSelfClosing) return;
    let lt = text.lastIndexOf('<', Math.min(p.position, n) - 1);
    if (text.charCodeAt(lt + 1) !== 47 /* / */) lt = -1;
    const end = lt + 2 + e.name.length;
    // An unmatched `</other>` also pops (and closes) the open elements: only a real `</name>` counts.
    if (lt >= 0 && text.startsWith(e.name, lt + 2) && (end === n || isSpace(text.charCodeAt(end)) || text.charCodeAt(end) === 62))
      e.closeNameSpan = { start: lt + 2, end };
  });
  p.on('text', () => {
    const top = stack[stack.length - 1];
    if (top) top.hasText = true;
  });
  p.write(text).close();
  return error ? { root, error } : { root };
}
