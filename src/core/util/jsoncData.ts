import { createScanner, SyntaxKind, visit } from 'jsonc-parser';

/** How deep settings.json may nest: real settings are a few levels; 100k-deep arrays are an attack. */
export const MAX_JSON_DEPTH = 256;

/** Thrown for JSON(C) that nests deeper than MAX_JSON_DEPTH, with a message a person can act on. */
export class JsonTooDeep extends Error {
  override readonly name = 'JsonTooDeep';
  constructor() {
    super(`it nests more than ${MAX_JSON_DEPTH} levels deep`);
  }
}

/**
 * Whether the text nests `[`/`{` deeper than `max`, by one linear pass of jsonc-parser's scanner
 * (strings and comments are tokens, so brackets inside them do not count). jsonc-parser's parse(),
 * parseTree() and visit() recurse per level and overflow the stack on 100k-deep arrays.
 */
export function jsonNestsDeeper(text: string, max = MAX_JSON_DEPTH): boolean {
  // Cheap exit (this runs on every lint of a JSON file): fewer brackets than the cap cannot nest past it.
  let brackets = 0;
  for (let i = 0; i < text.length && brackets <= max; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) brackets++;
  }
  if (brackets <= max) return false;
  const scanner = createScanner(text, true);
  let depth = 0;
  for (let k = scanner.scan(); k !== SyntaxKind.EOF; k = scanner.scan()) {
    if (k === SyntaxKind.OpenBracketToken || k === SyntaxKind.OpenBraceToken) {
      if (++depth > max) return true;
    } else if (k === SyntaxKind.CloseBracketToken || k === SyntaxKind.CloseBraceToken) depth = Math.max(0, depth - 1);
  }
  return false;
}

/**
 * JSONC (comments, trailing commas) to plain data, where every key is an own data property:
 * jsonc-parser's parse() assigns keys, so `"__proto__": {…}` became the object's prototype and its
 * contents looked like settings. Throws JsonTooDeep (not a stack overflow) past MAX_JSON_DEPTH.
 */
export function parseJsoncData(text: string): unknown {
  if (jsonNestsDeeper(text)) throw new JsonTooDeep();
  type Frame = { value: unknown[] | Record<string, unknown>; key?: string };
  const stack: Frame[] = [];
  let root: unknown;
  const put = (v: unknown) => {
    const top = stack[stack.length - 1];
    if (!top) root = v;
    else if (Array.isArray(top.value)) top.value.push(v);
    else if (top.key !== undefined)
      Object.defineProperty(top.value, top.key, { value: v, enumerable: true, writable: true, configurable: true });
  };
  const open = (v: unknown[] | Record<string, unknown>) => {
    put(v);
    stack.push({ value: v });
  };
  visit(
    text,
    {
      onObjectBegin: () => open({}),
      onObjectProperty: (key) => {
        stack[stack.length - 1]!.key = key;
      },
      onObjectEnd: () => void stack.pop(),
      onArrayBegin: () => open([]),
      onArrayEnd: () => void stack.pop(),
      onLiteralValue: (v) => put(v),
    },
    { allowTrailingComma: true },
  );
  return root;
}
