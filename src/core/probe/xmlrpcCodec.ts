/**
 * XML-RPC encoding of a method call and decoding of a method response, for the probe's hot path.
 * The xmlrpc package's deserializer feeds the reply through sax one character at a time (≈ 5 MB/s:
 * 5 ms for the 29 KB state of a 25-node master, 3× the round trip itself; see bench/probe.bench.ts),
 * and its serializer pulls in xmlbuilder; together 69 KB of the bundle. XML-RPC needs neither.
 */

export class XmlRpcFault extends Error {
  constructor(
    readonly faultCode: number | undefined,
    readonly faultString: string | undefined,
  ) {
    super(`XML-RPC fault${faultString ? `: ${faultString}` : ''}`);
  }
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

function encodeValue(v: unknown): string {
  if (v === null || v === undefined) return '<value><nil/></value>';
  switch (typeof v) {
    case 'string':
      return `<value><string>${escapeXml(v)}</string></value>`;
    case 'boolean':
      return `<value><boolean>${v ? 1 : 0}</boolean></value>`;
    case 'number':
      return Number.isInteger(v) ? `<value><int>${v}</int></value>` : `<value><double>${v}</double></value>`;
    case 'object':
      if (Array.isArray(v)) return `<value><array>${v.length ? `<data>${v.map(encodeValue).join('')}</data>` : '<data/>'}</array></value>`;
      if (Buffer.isBuffer(v)) return `<value><base64>${v.toString('base64')}</base64></value>`;
      if (v instanceof Date) {
        const d = `${v.getFullYear()}${pad(v.getMonth() + 1)}${pad(v.getDate())}T${pad(v.getHours())}:${pad(v.getMinutes())}:${pad(v.getSeconds())}`;
        return `<value><dateTime.iso8601>${d}</dateTime.iso8601></value>`;
      }
      {
        const members = Object.entries(v as Record<string, unknown>).map(
          ([k, x]) => `<member><name>${escapeXml(k)}</name>${encodeValue(x)}</member>`,
        );
        return `<value>${members.length ? `<struct>${members.join('')}</struct>` : '<struct/>'}</value>`;
      }
    default:
      throw new Error(`cannot encode a ${typeof v} as XML-RPC`);
  }
}

/** The same bytes as the xmlrpc package's serializeMethodCall for the values ROS uses (strings, ints, arrays). */
export function serializeMethodCall(method: string, params: readonly unknown[]): string {
  return `<?xml version="1.0" encoding="utf8"?><methodCall><methodName>${escapeXml(method)}</methodName><params>${params.map((p) => `<param>${encodeValue(p)}</param>`).join('')}</params></methodCall>`;
}

// ---------------------------------------------------------------------------------------------

type Token =
  | { readonly t: 'open'; readonly name: string; readonly empty: boolean }
  | { readonly t: 'close'; readonly name: string }
  | { readonly t: 'text'; readonly text: string };

/** Tag name as written → lower case (sax, under the xmlrpc package, matched names case-insensitively). */
const NAMES = new Map<string, string>();
const STRUCTURE = ['value', 'array', 'data', 'struct', 'member', 'name', 'param', 'params', 'string', 'int', 'i4', 'boolean', 'double'];
const OPEN: Record<string, string> = Object.fromEntries(STRUCTURE.map((n) => [n, `<${n}>`]));
const CLOSE: Record<string, string> = Object.fromEntries(STRUCTURE.map((n) => [n, `</${n}>`]));
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * Work limits per reply, beyond the byte cap of the call: a reply of nothing but `&amp;` (8 MB is
 * 1.6 M references), of a million empty `<value/>`s or comments, or nesting a million arrays deep
 * must cost the extension host milliseconds, not seconds or a stack overflow. ROS replies use a
 * handful of references and four levels; `items` (values, comments, CDATA sections) leaves room for
 * a master ~100x the benchmark's 25 nodes / 100 topics, or 60,000 parameter names.
 */
export const DECODE_LIMITS = { references: 65_536, depth: 64, items: 65_536 } as const;

/** A reply that is not an XML-RPC methodResponse at all (as opposed to a malformed one). */
export class NotXmlRpcError extends Error {}
class Parser {
  private pos = 0;
  private peeked: Token | undefined | null = null;

  /** References decoded so far, against DECODE_LIMITS.references. */
  private refs = 0;
  /** Values and skipped markup so far, against DECODE_LIMITS.items. */
  private items = 0;
  private depth = 0;
  /** Set by typed() when the value just read was a <double> (a ROS status code must be an int). */
  private wasDouble = false;
  /** Arrays whose first item was a <double>: see firstItemIsDouble(). */
  readonly doubleFirst = new WeakSet<unknown[]>();

  constructor(private readonly s: string) {}

  /** Character and entity references decoded with one scan (a regex callback per reference cost ~1 µs). */
  private decode(s: string): string {
    let amp = s.indexOf('&');
    if (amp < 0) return s;
    let out = '';
    let from = 0;
    while (amp >= 0) {
      const semi = s.indexOf(';', amp + 1);
      if (semi < 0 || semi - amp > 12) throw new Error(`malformed reference at '${s.slice(amp, amp + 12)}'`);
      if (++this.refs > DECODE_LIMITS.references)
        throw new Error(`more than ${DECODE_LIMITS.references} character references in one reply`);
      const body = s.slice(amp + 1, semi);
      let ch: string | undefined;
      if (body.charCodeAt(0) === 35 /* # */) {
        const hex = body.charCodeAt(1) === 120; /* x */
        const digits = body.slice(hex ? 2 : 1);
        if ((hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) {
          const cp = parseInt(digits, hex ? 16 : 10);
          if (cp <= 0x10ffff) ch = String.fromCodePoint(cp);
        }
      } else ch = NAMED[body];
      if (ch === undefined) throw new Error(`unknown reference '&${body.slice(0, 12)};'`);
      out += s.slice(from, amp) + ch;
      from = semi + 1;
      amp = s.indexOf('&', from);
    }
    return out + s.slice(from);
  }

  /** A hand-rolled scanner: a sticky regex with alternatives ran at a third of this speed. */
  private read(): Token | undefined {
    const s = this.s;
    for (;;) {
      const pos = this.pos;
      if (pos >= s.length) return undefined;
      if (s.charCodeAt(pos) !== 60 /* < */) {
        const lt = s.indexOf('<', pos);
        this.pos = lt < 0 ? s.length : lt;
        return { t: 'text', text: this.decode(s.slice(pos, this.pos)) };
      }
      const c1 = s.charCodeAt(pos + 1);
      if (c1 === 33 /* ! */ || c1 === 63 /* ? */) {
        this.item();
        if (s.startsWith('<![CDATA[', pos)) {
          const end = s.indexOf(']]>', pos + 9);
          if (end < 0) throw new Error('unterminated CDATA');
          this.pos = end + 3;
          return { t: 'text', text: s.slice(pos + 9, end) };
        }
        const close = s.startsWith('<!--', pos) ? '-->' : c1 === 63 ? '?>' : '>';
        const end = s.indexOf(close, pos + 2);
        if (end < 0) throw new Error('unterminated markup');
        this.pos = end + close.length;
        continue;
      }
      const gt = s.indexOf('>', pos + 1);
      if (gt < 0) throw new Error('unterminated tag');
      this.pos = gt + 1;
      const closing = c1 === 47; /* / */
      const empty = !closing && s.charCodeAt(gt - 1) === 47;
      let i = closing ? pos + 2 : pos + 1;
      const start = i;
      for (; i < gt; i++) {
        const c = s.charCodeAt(i);
        if (c === 47 || c === 32 || c === 9 || c === 10 || c === 13) break;
      }
      const raw = s.slice(start, i);
      let name = NAMES.get(raw);
      if (name === undefined) {
        if (!/^[A-Za-z_][\w.:-]*$/.test(raw)) throw new Error(`malformed tag at offset ${pos}`);
        name = raw.toLowerCase();
        if (NAMES.size < 64) NAMES.set(raw, name);
      }
      return closing ? { t: 'close', name } : { t: 'open', name, empty };
    }
  }

  private peek(): Token | undefined {
    if (this.peeked === null) this.peeked = this.read();
    return this.peeked;
  }

  private next(): Token | undefined {
    const t = this.peek();
    this.peeked = null;
    return t;
  }

  /** Concatenated text (and CDATA) up to the next tag. */
  private text(): string {
    let out = '';
    for (let t = this.peek(); t?.t === 'text'; t = this.peek()) {
      out += t.text;
      this.next();
    }
    return out;
  }

  /** The next tag, skipping whitespace; anything else between structural tags is malformed. */
  private tag(): Token {
    const txt = this.text();
    if (txt.trim() !== '') throw new Error(`unexpected text '${txt.trim().slice(0, 40)}'`);
    const t = this.next();
    if (!t) throw new Error('unexpected end of the reply');
    return t;
  }

  /**
   * Fast path: when nothing is peeked and, after whitespace, the exact tag `<name>` / `</name>`
   * follows, step over it without tokenizing (most of a reply is such tags).
   */
  private literal(tag: string): boolean {
    if (this.peeked !== null) return false;
    const s = this.s;
    let p = this.pos;
    for (let c = s.charCodeAt(p); c === 32 || c === 10 || c === 13 || c === 9; c = s.charCodeAt(++p));
    if (!s.startsWith(tag, p)) return false;
    this.pos = p + tag.length;
    return true;
  }

  private open(name: string): boolean {
    if (this.literal(OPEN[name] ?? `<${name}>`)) return false;
    const t = this.tag();
    if (t.t !== 'open' || t.name !== name) throw new Error(`expected <${name}>, found ${describe(t)}`);
    return t.empty;
  }

  close(name: string): void {
    if (this.literal(CLOSE[name] ?? `</${name}>`)) return;
    const t = this.tag();
    if (t.t !== 'close' || t.name !== name) throw new Error(`expected </${name}>, found ${describe(t)}`);
  }

  /** True when the next tag (after whitespace) closes `name`; consumes it then. */
  private closes(name: string): boolean {
    if (this.literal(CLOSE[name] ?? `</${name}>`)) return true;
    if (this.peeked === null) {
      // An opening tag follows: answer without tokenizing it, so the caller's fast path still applies.
      let p = this.pos;
      const s = this.s;
      for (let c = s.charCodeAt(p); c === 32 || c === 10 || c === 13 || c === 9; c = s.charCodeAt(++p));
      const c1 = s.charCodeAt(p + 1);
      if (s.charCodeAt(p) === 60 && ((c1 >= 65 && c1 <= 90) || (c1 >= 97 && c1 <= 122) || c1 === 95)) return false;
    }
    const txt = this.text();
    if (txt.trim() !== '') throw new Error(`unexpected text '${txt.trim().slice(0, 40)}'`);
    const t = this.peek();
    if (t?.t === 'close' && t.name === name) {
      this.next();
      return true;
    }
    return false;
  }

  /** Text content of a leaf element whose open tag was just read. */
  private leaf(name: string, empty: boolean): string {
    if (empty) return '';
    const v = this.text();
    const t = this.next();
    if (t?.t !== 'close' || t.name !== name) throw new Error(`expected </${name}>, found ${t ? describe(t) : 'the end'}`);
    return v;
  }

  private item(): void {
    if (++this.items > DECODE_LIMITS.items) throw new Error(`more than ${DECODE_LIMITS.items} values or markup items in one reply`);
  }

  value(): unknown {
    this.wasDouble = false;
    this.item();
    // Fast path for the bulk of a ROS reply (names and URIs): one indexOf instead of six tokens.
    if (this.peeked === null) {
      const s = this.s;
      let p = this.pos;
      for (let c = s.charCodeAt(p); c === 32 || c === 10 || c === 13 || c === 9; c = s.charCodeAt(++p));
      if (s.startsWith('<value><string>', p)) {
        // A one-character indexOf: V8 sets up a Boyer-Moore table for every longer pattern.
        const end = s.indexOf('<', p + 15);
        if (end >= 0 && s.startsWith('</string></value>', end)) {
          this.pos = end + 17;
          return this.decode(s.slice(p + 15, end));
        }
      }
      // And for its lists (a ROS state is lists of [name, [node…]] pairs): step over the three
      // tags at each end; anything unusual in between goes to the general loop below.
      if (s.startsWith('<value><array><data>', p)) {
        this.pos = p + 20;
        return this.nested(() => this.arrayItems(true));
      }
    }
    if (this.open('value')) return '';
    const raw = this.text();
    const t = this.next();
    if (!t) throw new Error('unexpected end of the reply');
    if (t.t === 'close') {
      if (t.name !== 'value') throw new Error(`expected </value>, found ${describe(t)}`);
      return raw;
    }
    if (t.t !== 'open' || raw.trim() !== '') throw new Error(`unexpected content in <value>`);
    const v = this.nested(() => this.typed(t.name, t.empty));
    this.close('value');
    return v;
  }

  private nested<T>(read: () => T): T {
    if (++this.depth > DECODE_LIMITS.depth) throw new Error(`values nested more than ${DECODE_LIMITS.depth} levels deep`);
    const v = read();
    this.depth--;
    return v;
  }

  private push(out: unknown[]): void {
    const v = this.value();
    if (out.length === 0 && this.wasDouble) this.doubleFirst.add(out);
    out.push(v);
  }

  /** The items after `<data>`, through `</array>` (and `</value>` when `inValue`). */
  private arrayItems(inValue: boolean): unknown[] {
    const out: unknown[] = [];
    const s = this.s;
    for (;;) {
      let p = this.pos;
      for (let c = s.charCodeAt(p); c === 32 || c === 10 || c === 13 || c === 9; c = s.charCodeAt(++p));
      if (s.startsWith('<value>', p)) this.push(out);
      else if (inValue && s.startsWith('</data></array></value>', p)) {
        this.pos = p + 23;
        return out;
      } else break;
    }
    while (!this.closes('data')) this.push(out);
    this.close('array');
    if (inValue) this.close('value');
    return out;
  }

  private typed(name: string, empty: boolean): unknown {
    switch (name) {
      case 'string':
        return this.leaf(name, empty);
      case 'int':
      case 'i4': {
        // The spec: an optional sign and digits. parseInt alone took '1abc' and '1.9' as 1.
        const d = this.leaf(name, empty).trim();
        const v = /^[+-]?\d{1,16}$/.test(d) ? Number(d) : NaN;
        if (!Number.isSafeInteger(v)) throw new Error(`Expected an integer but got '${d.slice(0, 40)}'`);
        return v;
      }
      case 'i8': {
        const d = this.leaf(name, empty);
        if (!/^-?\d+$/.test(d)) throw new Error(`Expected integer (I8) value but got '${d}'`);
        return d;
      }
      case 'double': {
        const d = this.leaf(name, empty).trim();
        const v = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(d) ? Number(d) : NaN;
        if (Number.isNaN(v)) throw new Error(`Expected a double but got '${d.slice(0, 40)}'`);
        this.wasDouble = true;
        return v;
      }
      case 'boolean': {
        const d = this.leaf(name, empty);
        if (d === '1') return true;
        if (d === '0') return false;
        throw new Error(`Illegal boolean value '${d}'`);
      }
      case 'nil':
        this.leaf(name, empty);
        return null;
      case 'base64':
        return Buffer.from(this.leaf(name, empty), 'base64');
      case 'datetime.iso8601': {
        const d = this.leaf(name, empty);
        const m = /^(\d{4})-?(\d{2})-?(\d{2})T(\d{2}):?(\d{2}):?(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(d.trim());
        if (!m) throw new Error(`Expected an ISO 8601 date but got '${d}'`);
        return new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${m[7] ?? ''}`);
      }
      case 'array': {
        if (empty) return [];
        if (this.open('data')) {
          this.close('array');
          return [];
        }
        return this.arrayItems(false);
      }
      case 'struct': {
        const out: Record<string, unknown> = {};
        if (empty) return out;
        while (!this.closes('struct')) {
          this.open('member');
          const key = this.leaf('name', this.open('name'));
          // A member named __proto__ is data: assigned, it would replace the object's prototype.
          Object.defineProperty(out, key, { value: this.value(), enumerable: true, writable: true, configurable: true });
          this.close('member');
        }
        return out;
      }
      default:
        throw new Error(`Unknown XML-RPC tag '${name}'`);
    }
  }

  response(): unknown {
    // What the spec allows before the root (declaration, comments, whitespace) is skipped by the scanner.
    let first: Token;
    try {
      first = this.tag();
    } catch (e) {
      throw new NotXmlRpcError(`not XML: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (first.t !== 'open' || first.name !== 'methodresponse')
      throw new NotXmlRpcError(`the root element is ${describe(first)}, not <methodResponse>`);
    const kind = this.tag();
    let result: unknown;
    if (kind.t === 'open' && kind.name === 'params') {
      if (!kind.empty) {
        if (!this.closes('params')) {
          this.open('param');
          result = this.value();
          this.close('param');
          if (!this.closes('params')) throw new Error('Response has more than one param');
        }
      }
    } else if (kind.t === 'open' && kind.name === 'fault') {
      const f = this.value() as { faultCode?: unknown; faultString?: unknown } | null;
      this.close('fault');
      this.close('methodresponse');
      this.end();
      throw new XmlRpcFault(
        typeof f?.faultCode === 'number' ? f.faultCode : undefined,
        typeof f?.faultString === 'string' ? f.faultString : undefined,
      );
    } else throw new Error('Invalid method response');
    this.close('methodresponse');
    this.end();
    return result;
  }

  private end(): void {
    const rest = this.text();
    if (rest.trim() !== '' || this.peek() !== undefined) throw new Error('content after </methodResponse>');
  }
}

function describe(t: Token): string {
  return t.t === 'open' ? `<${t.name}>` : t.t === 'close' ? `</${t.name}>` : 'text';
}

/**
 * Decodes a methodResponse: its single value, or throws XmlRpcFault for a <fault>, or an Error when
 * the text is not a well-formed XML-RPC response.
 */
export function parseMethodResponse(text: string): unknown {
  const p = new Parser(text);
  const v = p.response();
  if (Array.isArray(v) && p.doubleFirst.has(v)) DOUBLE_FIRST.add(v);
  return v;
}

const DOUBLE_FIRST = new WeakSet<unknown[]>();

/** Carries the mark across a thread boundary (replyDecoder.ts): structured clone drops it. */
export function markDoubleFirst(v: unknown[]): void {
  DOUBLE_FIRST.add(v);
}

/** True when a decoded top-level array began with a <double>: `1.0` is not a ROS status code (an int). */
export function firstItemIsDouble(v: unknown): boolean {
  return Array.isArray(v) && DOUBLE_FIRST.has(v);
}
