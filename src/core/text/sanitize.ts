// One filter for text that came from outside (the network, files, settings) before a person sees it:
// a terminal obeys ESC/CSI/OSC (window title, clear screen, hyperlinks), C1 bytes act as ESC in some
// terminals, and bidi overrides make `abc` display as `cba`. Each such character is shown as an
// escape instead, so what is displayed is what was received.

/** True for a code unit that must never reach a display raw (lone surrogates are checked apart). */
function isUnsafe(c: number): boolean {
  return (
    c < 0x20 || // C0, including TAB/LF/CR: one field must not forge a line of its own
    (c >= 0x7f && c <= 0x9f) || // DEL and C1 (U+0085 NEL is a line break to YAML and some terminals)
    c === 0x061c || // ARABIC LETTER MARK
    c === 0x200e ||
    c === 0x200f || // LRM, RLM
    (c >= 0x202a && c <= 0x202e) || // embeddings and overrides
    (c >= 0x2066 && c <= 0x2069) || // isolates
    c === 0x2028 ||
    c === 0x2029 // line/paragraph separators
  );
}

// A quick test so clean text (nearly all of it) is returned as is, without a copy.
const SUSPECT = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]/;

function escapeUnit(c: number): string {
  return c < 0x100 ? `\\x${c.toString(16).padStart(2, '0')}` : `\\u${c.toString(16).padStart(4, '0')}`;
}

/**
 * Shows control characters (C0, DEL, C1), bidi controls, line separators and lone surrogates as
 * escapes (`\x1b`, `\u202e`, `\ud800`). Everything else, including astral characters, is kept.
 */
export function sanitizeForTerminal(text: string): string {
  if (!SUSPECT.test(text)) return text;
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let bad = isUnsafe(c);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++; // a valid pair
        continue;
      }
      bad = true;
    } else if (c >= 0xdc00 && c <= 0xdfff) bad = true;
    if (!bad) continue;
    out += text.slice(from, i) + escapeUnit(c);
    from = i + 1;
  }
  return out + text.slice(from);
}

/** The same filter for every place text is shown to a person that is not Markdown (tree labels, notifications). */
export const sanitizeForDisplay = sanitizeForTerminal;

// Inline specials only: values are placed mid-line (after `- ` or in a cell), never at a line start.
const MARKDOWN_SPECIAL = /[\\`*_[\]<>|~&]/g;

/**
 * For Markdown (tooltips, copied reports, tables): controls escaped as above, then every Markdown
 * punctuation character backslash-escaped, so a value can neither end a table cell (`|`), start a
 * link or HTML, nor break the line. The escapes of the first step render as typed (`\x1b`).
 */
export function sanitizeForMarkdown(text: string): string {
  return sanitizeForTerminal(text).replace(MARKDOWN_SPECIAL, '\\$&');
}

/**
 * For a Markdown code span: backslash escapes do not work inside one, so only controls are escaped
 * and the fence is made longer than any backtick run in the text (CommonMark's rule).
 */
export function markdownCode(text: string): string {
  const safe = sanitizeForTerminal(text);
  let longest = 0;
  for (const m of safe.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const fence = '`'.repeat(longest + 1);
  const pad = safe.startsWith('`') || safe.endsWith('`') || (safe.startsWith(' ') && safe.endsWith(' ') && safe.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${safe}${pad}${fence}`;
}

/** True when the text holds nothing `sanitizeForTerminal` would change (tests and assertions). */
export function isDisplaySafe(text: string): boolean {
  return sanitizeForTerminal(text) === text;
}

/** Line by line: the line breaks of `text` are kept, everything else is filtered as above (a safety net for whole outputs). */
export function sanitizeLines(text: string): string {
  return text.split('\n').map(sanitizeForTerminal).join('\n');
}

// Characters JSON.stringify leaves raw that a terminal or a viewer may act on (C1, bidi, separators).
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/** JSON.stringify, with the characters above written as \u escapes: the same JSON value, safe to print. */
export function safeJson(value: unknown, space?: number): string {
  return JSON.stringify(value, null, space).replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
