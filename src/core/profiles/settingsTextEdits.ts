import {
  applyEdits,
  findNodeAtLocation,
  getNodeValue,
  modify,
  parseTree,
  type FormattingOptions,
  type Node,
  type ParseError,
} from 'jsonc-parser';
import { jsonNestsDeeper } from '../util/jsoncData';

/** A text replacement in a settings file (jsonc-parser's shape: offset, length, content). */
export interface SettingsTextEdit {
  readonly offset: number;
  readonly length: number;
  readonly content: string;
}

/** Where the profiles array sits: `['rosNetwork.profiles']` in settings.json, `['settings', …]` in a .code-workspace. */
export type SettingsPath = readonly string[];

/**
 * Edits of `rosNetwork.profiles` in a settings file's text that leave every byte outside the edited
 * element as it was: comments, order, blank lines and the user's own formatting survive (the
 * configuration API rewrites the whole array). undefined means "not editable as text" (the array
 * is missing where expected, is not an array, or the file does not parse): callers fall back to
 * the configuration API then.
 */
export function addProfileEdits(text: string, path: SettingsPath, profile: Record<string, unknown>): SettingsTextEdit[] | undefined {
  const root = parseRoot(text);
  if (!root) return undefined;
  const options = { formattingOptions: formattingOf(text) };
  const array = findNodeAtLocation(root, [...path]);
  if (!array) {
    // A new key: jsonc-parser formats only the inserted text.
    const parent = path.length > 1 ? findNodeAtLocation(root, path.slice(0, -1)) : root;
    if (!parent || parent.type !== 'object') return undefined;
    return modify(text, [...path], [profile], options);
  }
  if (array.type !== 'array') return undefined;
  const kids = array.children ?? [];
  if (kids.length === 0) return modify(text, [...path, -1], profile, { ...options, isArrayInsertion: true });
  return [appendElement(text, kids[kids.length - 1]!, profile, options.formattingOptions)];
}

/** Removes the first profile named `name`; the comments around it stay. */
export function removeProfileEdits(text: string, path: SettingsPath, name: string): SettingsTextEdit[] | undefined {
  const found = findProfile(text, path, name);
  if (!found) return undefined;
  return [removeChild(text, found.array, found.index)];
}

/**
 * Sets (a value) or removes (undefined) fields of the profile named `name`. An existing value is
 * replaced in place; a new field goes after the last one with that one's indentation.
 */
export function setProfileFieldsEdits(
  text: string,
  path: SettingsPath,
  name: string,
  fields: Readonly<Record<string, unknown>>,
): SettingsTextEdit[] | undefined {
  let current = text;
  const all: SettingsTextEdit[] = [];
  // One field at a time on the updated text: offsets of a later edit depend on the earlier ones.
  // The result is returned as one whole-element replacement, so callers apply a single edit.
  for (const [key, value] of Object.entries(fields)) {
    const found = findProfile(current, path, name);
    if (!found) return undefined;
    const entry = found.array.children![found.index]!;
    const props = entry.children ?? [];
    const pi = props.findIndex((p) => p.children?.[0]?.value === key);
    let edit: SettingsTextEdit | undefined;
    if (value === undefined) {
      if (pi >= 0) edit = removeChild(current, entry, pi);
    } else if (pi >= 0) {
      const v = props[pi]!.children![1]!;
      edit = { offset: v.offset, length: v.length, content: JSON.stringify(value) };
    } else {
      edit = insertProperty(current, entry, key, value);
    }
    if (edit) {
      all.push(edit);
      current = applyEdits(current, [edit]);
    }
  }
  if (all.length === 0) return [];
  const before = findProfile(text, path, name)!;
  const node = before.array.children![before.index]!;
  const after = findProfile(current, path, name)!;
  const newNode = after.array.children![after.index]!;
  return [{ offset: node.offset, length: node.length, content: current.slice(newNode.offset, newNode.offset + newNode.length) }];
}

/** The profiles array's value as written in the text (undefined when absent or unparsable). */
export function profilesInText(text: string, path: SettingsPath): unknown[] | undefined {
  const root = parseRoot(text);
  const array = root && findNodeAtLocation(root, [...path]);
  // getNodeValue builds null-prototype objects; a JSON round trip gives plain ones to compare.
  return array?.type === 'array' ? (JSON.parse(JSON.stringify(getNodeValue(array))) as unknown[]) : undefined;
}

export { applyEdits as applySettingsEdits };

function parseRoot(text: string): Node | undefined {
  // Too deep for parseTree's recursion: no text edit (callers fall back to the configuration API).
  if (jsonNestsDeeper(text)) return undefined;
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  return root && errors.length === 0 && root.type === 'object' ? root : undefined;
}

function findProfile(text: string, path: SettingsPath, name: string): { array: Node; index: number } | undefined {
  const root = parseRoot(text);
  const array = root && findNodeAtLocation(root, [...path]);
  if (!array || array.type !== 'array') return undefined;
  const index = (array.children ?? []).findIndex(
    (c) => c.type === 'object' && c.children?.some((p) => p.children?.[0]?.value === 'name' && p.children[1]?.value === name),
  );
  return index < 0 ? undefined : { array, index };
}

/** Indentation and line ends as the file already uses them. */
export function formattingOf(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indents = [...text.matchAll(/\n([ \t]+)\S/g)].map((m) => m[1]!);
  if (indents.some((i) => i.startsWith('\t'))) return { insertSpaces: false, tabSize: 4, eol };
  const widths = indents.map((i) => i.length).filter((n) => n > 0);
  const tabSize = widths.length ? Math.max(1, Math.min(...widths)) : 2;
  return { insertSpaces: true, tabSize, eol };
}

const lineStart = (text: string, offset: number) => text.lastIndexOf('\n', offset - 1) + 1;

/** Offset after `from` skipping blanks and comments (where the next token starts). */
function skipTrivia(text: string, from: number): number {
  let i = from;
  for (;;) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (text.startsWith('//', i)) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else return i;
  }
}

/**
 * Removes child `index` of an array or object node with its separator. When the child has lines
 * of its own, those whole lines go (a `// comment` at the end of its last line belongs to it);
 * the neighbours' bytes are untouched except, for the last child, the comma before it.
 */
function removeChild(text: string, parent: Node, index: number): SettingsTextEdit {
  const kids = parent.children!;
  const node = kids[index]!;
  const start = node.offset;
  let end = node.offset + node.length;
  const isLast = index === kids.length - 1;
  // The child's own comma follows it (unless it is the last one).
  const afterNode = skipTrivia(text, end);
  if (!isLast && text[afterNode] === ',') end = afterNode + 1;
  const ownLine = text.slice(lineStart(text, start), start).trim() === '';
  const restOfLine = (() => {
    const nl = text.indexOf('\n', end);
    return nl < 0 ? text.slice(end) : text.slice(end, nl);
  })();
  const restTrim = restOfLine.trim();
  const endsLine = restTrim === '' || (restTrim.startsWith('//') && !restTrim.slice(2).includes('*/'));
  if (ownLine && endsLine) {
    const from = lineStart(text, start);
    const nl = text.indexOf('\n', end);
    const to = nl < 0 ? text.length : nl + 1;
    if (!isLast || index === 0) return { offset: from, length: to - from, content: '' };
    // The last child: its lines go, and the comma after the previous child.
    const prev = kids[index - 1]!;
    const comma = skipTrivia(text, prev.offset + prev.length);
    if (text[comma] !== ',') return { offset: from, length: to - from, content: '' };
    return { offset: comma, length: to - comma, content: text.slice(comma + 1, from) };
  }
  if (!isLast) {
    // Inline: up to where the next child starts.
    const next = kids[index + 1]!;
    return { offset: start, length: next.offset - start, content: '' };
  }
  if (index > 0) {
    const prev = kids[index - 1]!;
    const from = prev.offset + prev.length;
    return { offset: from, length: node.offset + node.length - from, content: '' };
  }
  // The only child.
  return { offset: start, length: node.offset + node.length - start, content: '' };
}

/**
 * A new last element of an array, on the line after the current last one with its indentation (a
 * `// comment` ending that line stays with it), or inline when that line goes on (`[{…}]`).
 * jsonc-parser's own insertion reformats the whole line of the previous element.
 */
function appendElement(text: string, last: Node, value: unknown, fmt: FormattingOptions): SettingsTextEdit {
  const lastEnd = last.offset + last.length;
  const next = skipTrivia(text, lastEnd);
  const hasComma = text[next] === ',';
  const anchor = hasComma ? next + 1 : lastEnd;
  const nl = text.indexOf('\n', anchor);
  const rest = (nl < 0 ? text.slice(anchor) : text.slice(anchor, nl)).trim();
  const endsLine = rest === '' || (rest.startsWith('//') && !rest.includes('*/'));
  const indent = text.slice(lineStart(text, last.offset), last.offset);
  if (!endsLine || !/^[ \t]*$/.test(indent))
    return { offset: anchor, length: 0, content: `${hasComma ? ' ' : ', '}${JSON.stringify(value)}` };
  const at = nl < 0 ? text.length : text[nl - 1] === '\r' ? nl - 1 : nl;
  const eol = fmt.eol ?? '\n';
  const body = JSON.stringify(value, null, fmt.insertSpaces ? ' '.repeat(fmt.tabSize ?? 2) : '\t').replace(/\n/g, `${eol}${indent}`);
  return { offset: lastEnd, length: at - lastEnd, content: `${hasComma ? '' : ','}${text.slice(lastEnd, at)}${eol}${indent}${body}` };
}

/** A new property after the last one, on its own line with the same indentation, or inline. */
function insertProperty(text: string, obj: Node, key: string, value: unknown): SettingsTextEdit {
  const props = obj.children ?? [];
  const entry = `${JSON.stringify(key)}: ${JSON.stringify(value)}`;
  if (props.length === 0) return { offset: obj.offset + 1, length: 0, content: ` ${entry} ` };
  const last = props[props.length - 1]!;
  const lastEnd = last.offset + last.length;
  const first = props[0]!;
  const multiLine = text.slice(obj.offset, first.offset).includes('\n');
  if (!multiLine) return { offset: lastEnd, length: 0, content: `, ${entry}` };
  const indent = text.slice(lineStart(text, last.offset), last.offset);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return { offset: lastEnd, length: 0, content: `,${eol}${/^\s*$/.test(indent) ? indent : ''}${entry}` };
}
