import type { Node } from 'web-tree-sitter';
import type { WordPart } from '../types';

/** A shell word as bash reads it: its parts, and its value when every part is literal. */
export interface ShellWord {
  readonly parts: readonly WordPart[];
  /** The value after quote removal, or undefined when a part is only known at run time. */
  readonly literal: string | undefined;
  /** How the whole word is quoted (a word of several pieces is 'none'). */
  readonly quote: 'none' | 'single' | 'double';
}

/** Expansions: their value is only known when the script runs. */
const DYNAMIC = new Set([
  'simple_expansion',
  'expansion',
  'command_substitution',
  'arithmetic_expansion',
  'process_substitution',
  'brace_expression',
  'array',
  'translated_string',
]);

/** Backslash outside quotes: quotes the next character; backslash-newline disappears. */
function unquoted(raw: string): string {
  if (!raw.includes('\\')) return raw;
  return raw.replace(/\\(\r?\n|[\s\S])/g, (_, c: string) => (c === '\n' || c === '\r\n' ? '' : c));
}

/** Inside double quotes a backslash quotes only $ ` " \ and newline; before anything else it stays. */
function doubleQuoted(raw: string): string {
  if (!raw.includes('\\')) return raw;
  return raw.replace(/\\(\r?\n|[$`"\\])/g, (_, c: string) => (c === '\n' || c === '\r\n' ? '' : c));
}

const ANSI_C: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v' };

/** $'…': the common escapes; anything rarer (\x, \u, octal) leaves the word unknown. */
function ansiC(raw: string): string | undefined {
  let ok = true;
  const v = raw.replace(/\\([\s\S])/g, (_, c: string) => {
    if (c === '\\' || c === "'" || c === '"' || c === '?') return c;
    const m = ANSI_C[c];
    if (m === undefined) ok = false;
    return m ?? '';
  });
  return ok ? v : undefined;
}

/** Appends the parts of one word node to `out`. */
function collect(n: Node, text: string, out: WordPart[]): void {
  const raw = () => text.slice(n.startIndex, n.endIndex);
  switch (n.type) {
    case 'word': {
      const w = raw();
      // A leading ~ is expanded to a home directory (in assignments after ':' too).
      if (w.startsWith('~')) out.push({ text: w, dynamic: true });
      else out.push({ text: unquoted(w), dynamic: false });
      return;
    }
    case 'number':
      out.push({ text: raw(), dynamic: false });
      return;
    case 'raw_string':
      out.push({ text: raw().slice(1, -1), dynamic: false });
      return;
    case 'ansi_c_string': {
      const v = ansiC(raw().slice(2, -1));
      out.push(v === undefined ? { text: raw(), dynamic: true } : { text: v, dynamic: false });
      return;
    }
    case 'string': {
      // The literal text is what lies between the quotes and the expansions.
      let at = n.startIndex + 1;
      const end = n.endIndex - 1;
      for (let i = 0; i < n.namedChildCount; i++) {
        const c = n.namedChild(i)!;
        if (!DYNAMIC.has(c.type)) continue;
        if (c.startIndex > at) out.push({ text: doubleQuoted(text.slice(at, c.startIndex)), dynamic: false });
        out.push({ text: text.slice(c.startIndex, c.endIndex), dynamic: true });
        at = c.endIndex;
      }
      if (end > at) out.push({ text: doubleQuoted(text.slice(at, end)), dynamic: false });
      return;
    }
    case 'concatenation':
      for (let i = 0; i < n.childCount; i++) collect(n.child(i)!, text, out);
      return;
    default:
      // Expansions, and anything this reader does not know: not a literal.
      out.push({ text: raw(), dynamic: true });
  }
}

/** A word bash reads as written: no quote, expansion, escape, brace, glob or leading ~. */
const PLAIN = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * Reads a word node (an assignment's value, a command argument). A plain word is read from the text
 * alone: each node visited below is a call into WebAssembly, and a script's `docker run` lines are
 * mostly plain words (half the time of a 2,000-line script's lint went to reading them).
 */
export function shellWord(n: Node, text: string): ShellWord {
  const raw = text.slice(n.startIndex, n.endIndex);
  return PLAIN.test(raw) ? { parts: [{ text: raw, dynamic: false }], literal: raw, quote: 'none' } : readWord(n, text);
}

/** shellWord from the tree, node by node. */
export function readWord(n: Node, text: string): ShellWord {
  const parts: WordPart[] = [];
  collect(n, text, parts);
  // Adjacent literal pieces read as one (foo'bar'"baz" is the literal foobarbaz).
  const merged: WordPart[] = [];
  for (const p of parts) {
    const last = merged[merged.length - 1];
    if (last && !last.dynamic && !p.dynamic) merged[merged.length - 1] = { text: last.text + p.text, dynamic: false };
    else merged.push(p);
  }
  const literal = merged.some((p) => p.dynamic) ? undefined : merged.map((p) => p.text).join('');
  const quote = n.type === 'raw_string' ? 'single' : n.type === 'string' ? 'double' : 'none';
  return { parts: merged, literal, quote };
}

/** The literal text of a word, or undefined when it is computed. */
export function literalOf(n: Node, text: string): string | undefined {
  return shellWord(n, text).literal;
}
