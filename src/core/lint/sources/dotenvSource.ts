import { LineKind, scanDotenv, type ScannedEntry } from '../../dotenv/dotenvParser';
import { ROS_VARIABLE_BY_NAME } from '../../ros/variables';
import type { Assignment, Finding, SourceModel } from '../types';
import { isRuledName } from '../rules/valueRules';
import { dotenvFixQuote } from '../../env/exportFormats';
import { LineIndex } from '../../text/positions';

/** Values whose `;`/`&` end the command when the file is sourced by a shell. */
const SHELL_SENSITIVE = /[;&|<>]/;

/**
 * Where the shell word that starts a value ends (bash's quoting and `$(…)`/`${…}`/backtick nesting),
 * or -1 when it is left open. `$(cd "$(dirname "$0")" && pwd)/x` is one word: its blanks and `&&`
 * are inside the substitution.
 */
export function shellWordEnd(v: string): number {
  const stack: string[] = [];
  for (let i = 0; i < v.length; i++) {
    const c = v[i]!;
    const top = stack[stack.length - 1];
    if (top === "'") {
      if (c === "'") stack.pop();
      continue;
    }
    if (c === '\\') {
      i++;
      continue;
    }
    if (top === '`') {
      if (c === '`') stack.pop();
      continue;
    }
    if (c === '$' && (v[i + 1] === '(' || v[i + 1] === '{')) {
      stack.push(v[i + 1] === '(' ? ')' : '}');
      i++;
      continue;
    }
    if (top === '"') {
      if (c === '"') stack.pop();
      else if (c === '`') stack.push('`');
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      stack.push(c);
      continue;
    }
    if (top === ')') {
      if (c === '(') stack.push(')');
      else if (c === ')') stack.pop();
      continue;
    }
    if (top === '}') {
      if (c === '}') stack.pop();
      continue;
    }
    if (/[\s;&|<>()]/.test(c)) return i;
  }
  return stack.length ? -1 : v.length;
}

const CONTROL_COMMENT = /^\s*#\s*dotenv-linter:(?:on|off)\s+\S/;

const isWordChar = (c: string) => /[A-Za-z0-9_]/.test(c);
/** Whether `s` ends in an odd number of backslashes (the `$` after it is escaped). */
const escapedAfter = (s: string) => (/\\+$/.exec(s)?.[0].length ?? 0) % 2 === 1;

/**
 * dotenv-linter's SubstitutionKey on the raw value: for each `$`, the text up to the next `$` is
 * wrong when it opens `{` without `}`, closes `}` without `{`, or has a non-word character inside
 * the braces; an escaped `$` and single-quoted values are skipped.
 */
function dotenvLinterSubstitution(raw: string): boolean {
  let v = raw.trim();
  if (v.startsWith("'")) return false;
  for (let idx = v.indexOf('$'); idx >= 0; idx = v.indexOf('$')) {
    const prefix = v.slice(0, idx);
    const rawKey = v.slice(idx + 1);
    const j = rawKey.indexOf('$');
    const initial = j < 0 ? rawKey : rawKey.slice(0, j);
    const eb = initial.indexOf('}');
    const bad = initial.startsWith('{') !== eb >= 0 || (eb >= 0 && ![...initial.slice(1, eb)].every(isWordChar));
    if (bad && !escapedAfter(prefix)) return true;
    v = j < 0 ? '' : rawKey.slice(j);
  }
  return false;
}

/**
 * What is wrong with the value's substitutions: `malformed` (dotenv-linter's SubstitutionKey, and no
 * consumer reads it as meant), `modifier` (a `${VAR-x}`/`${VAR:?msg}`/… form docker compose and
 * shells expand, python-dotenv does not), or nothing (`${VAR:-default}` is read by all three).
 */
function substitutionProblem(raw: string): 'malformed' | 'modifier' | undefined {
  if (!dotenvLinterSubstitution(raw)) return undefined;
  const v = raw.trim().replace(/^"(.*)"$/s, '$1');
  let modifier = false;
  /** Reads `${…}` at `i` (just after `${`); returns the index after its `}`, or -1. */
  const braced = (i: number): number => {
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(v.slice(i))?.[0];
    if (!name) return -1;
    i += name.length;
    if (v[i] === '}') return i + 1;
    const op = /^(?::?[-?+=])/.exec(v.slice(i))?.[0];
    if (!op) return -1;
    if (op !== ':-') modifier = true;
    for (i += op.length; i < v.length; i++) {
      if (v[i] === '\\') i++;
      else if (v[i] === '}') return i + 1;
      else if (v[i] === '$') {
        modifier = true;
        if (v[i + 1] === '{') {
          const end = braced(i + 2);
          if (end < 0) return -1;
          i = end - 1;
        }
      }
    }
    return -1;
  };
  for (let i = 0; i < v.length; i++) {
    if (v[i] === '\\') i++;
    else if (v[i] === '$' && v[i + 1] === '{') {
      const end = braced(i + 2);
      if (end < 0) return 'malformed';
      i = end - 1;
    } else if (v[i] === '$') {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(v.slice(i + 1))?.[0] ?? '';
      if (name && v[i + 1 + name.length] === '}') return 'malformed';
      i += name.length;
    }
  }
  return modifier ? 'modifier' : undefined;
}

/** The keys a raw value substitutes (`$X`, `${X}`, in "…" too), as UnorderedKey's groups read them. */
function substitutedKeys(raw: string): string[] {
  let v = raw.trim();
  if (v.startsWith("'")) return [];
  if (v.startsWith('"')) {
    if (v.length > 1 && v.endsWith('"') && !escapedAfter(v.slice(0, -1))) v = v.slice(1, -1);
    else return [];
  }
  const keys: string[] = [];
  for (let idx = v.indexOf('$'); idx >= 0; idx = v.indexOf('$')) {
    const rawKey = v.slice(idx + 1);
    if (escapedAfter(v.slice(0, idx))) {
      v = rawKey;
      continue;
    }
    let key: string;
    let rest: string;
    const close = rawKey.indexOf('}', 1);
    if (rawKey.startsWith('{') && close > 0) {
      key = rawKey.slice(1, close);
      rest = rawKey.slice(close);
    } else {
      const m = /^[A-Za-z0-9_]*/.exec(rawKey)![0];
      key = m;
      rest = rawKey.slice(m.length);
    }
    if (key === '') return keys;
    keys.push(key);
    v = rest;
  }
  return keys;
}

/** An unquoted value only a shell computes (command substitution), written as one shell word. */
const shellComputed = (value: string) => (value.includes('$(') || value.includes('`')) && shellWordEnd(value) === value.length;

/** Keys are nearly always UPPER_SNAKE: decided with char codes instead of three regexes and toUpperCase. */
function keyShape(key: string): 'upper' | 'word' | 'other' {
  let upper = true;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95) continue;
    if (c >= 97 && c <= 122) upper = false;
    else return 'other';
  }
  return upper ? 'upper' : 'word';
}

// An entry's spans as fresh objects, made only when a check fires or an assignment is kept (most
// lines pass every check); module functions rather than closures over the entry, which cost two
// allocations per line.
const keySpan = (e: ScannedEntry) => ({ start: e.keyStart, end: e.keyEnd });
const rawSpan = (e: ScannedEntry) => ({ start: e.valueStart, end: e.valueEnd });

/**
 * `.env` files and shell scripts (their `export NAME=value` lines). Structural checks follow
 * dotenv-linter (reported as FMT001 with the check's name) plus the shell pitfalls (FMT003/FMT004).
 * Built on the scanner's reused entry: per line, only the assignment and its spans are allocated;
 * findings build their spans when they fire.
 */
export interface DotenvOptions {
  /** dotenv-linter's UnorderedKey, off by default (rule setting `FMT001/UnorderedKey`). */
  readonly unorderedKey?: boolean;
}

export function dotenvSource(text: string, dialect: 'dotenv' | 'shell', options: DotenvOptions = {}): SourceModel {
  // Whether the file is meant to be sourced by a shell (an `export` entry; every shell script) decides
  // severities per entry, before the scan has seen them all: a cheap text search guesses, the scan
  // knows, and a wrong guess (an `export` line inside a quoted value, `export =1`) scans again.
  const guess = dialect === 'shell' || hasExportLine(text);
  const first = dotenvModel(text, dialect, guess, options);
  return first.sourced === guess ? first.model : dotenvModel(text, dialect, first.sourced, options).model;
}

function dotenvModel(
  text: string,
  dialect: 'dotenv' | 'shell',
  sourced: boolean,
  options: DotenvOptions,
): { model: SourceModel; sourced: boolean } {
  let exported = dialect === 'shell';
  const syntax: Finding[] = [];
  const findings: Finding[] = [];
  const lineFindings: Finding[] = [];
  const assignments: Assignment[] = [];
  /** Key → offset of its first assignment; the line is computed only for a duplicate. */
  const seen = new Map<string, number>();
  let lines: LineIndex | undefined;
  const fmt = (
    check: string,
    severity: Finding['severity'],
    message: string,
    span: { start: number; end: number },
    fixes?: Finding['fixes'],
    into = findings,
  ) => into.push({ code: 'FMT001', severity, message: `${check}: ${message}`, span, ...(fixes ? { fixes } : {}) });
  let blankRun = 0;
  // The logical line being scanned (line() runs before its entry): dotenv-linter reads raw lines.
  let lineStart = 0;
  let lineEnd = 0;
  /** UnorderedKey's group: keys since the last blank line, control comment or substitution of one of them. */
  const group: string[] = [];
  let rosVersion: Assignment | undefined;
  let distro: Assignment | undefined;

  const entry = (e: ScannedEntry) => {
    if (e.exported) exported = true;
    if (dialect === 'shell' && !e.delimiter) return;
    const key = e.key;
    const value = e.value;
    const prev = seen.get(key);
    if (prev === undefined) seen.set(key, e.keyStart);
    // `$(…)`/backticks: the file is for a shell (no other consumer substitutes commands), which computes the value.
    const computed = e.delimiter !== undefined && e.quote === 'none' && shellComputed(value);
    if (dialect === 'dotenv') dotenvChecks(e, prev, computed);
    if (e.delimiter && e.quote === 'none' && sourced && !computed && SHELL_SENSITIVE.test(value)) {
      const span = rawSpan(e);
      const cut = value.search(SHELL_SENSITIVE);
      const c = value[cut];
      findings.push({
        code: 'FMT003',
        severity: 'error',
        message: `Unquoted '${c}' ends the command in sh/bash: only '${value.slice(0, cut)}' is assigned${c === ';' ? ` and '${value.slice(cut + 1)}' runs as a command` : ''}`,
        span,
        fixes: [{ title: 'Quote the value', edits: [{ span, newText: dotenvFixQuote(value) }], isPreferred: true }],
      });
    }
    if (dialect === 'shell' && e.delimiter && e.spaceBeforeDelimiter) {
      findings.push({
        code: 'FMT003',
        severity: 'error',
        message: `Spaces around '=': the shell runs '${key}' as a command instead of assigning it`,
        span: { start: e.keyEnd, end: e.valueStart },
        fixes: [{ title: 'Remove the spaces', edits: [{ span: { start: e.keyEnd, end: e.valueStart }, newText: '=' }], isPreferred: true }],
      });
    }
    // Only names a rule or hover reads become assignments (SourceModel.assignments).
    if (!isRuledName(key)) return;
    const quoteLen = e.quote === 'none' ? 0 : 1;
    const raw = rawSpan(e);
    const a: Assignment = {
      name: key,
      value: e.delimiter && !computed ? value : undefined,
      keySpan: keySpan(e),
      valueSpan:
        e.quote === 'none'
          ? raw
          : { start: e.valueStart + quoteLen, end: Math.max(e.valueStart + quoteLen, e.valueEnd - (e.unterminated ? 0 : quoteLen)) },
      rawSpan: raw,
      op: 'set',
      scope: 'file',
      quote: e.quote,
      exported: e.exported,
      ...(computed ? { computed: [{ text: value, dynamic: true }] } : {}),
    };
    assignments.push(a);
    // The first assignment of each decides (its value may be undefined: KEY without '=').
    if (key.length === 11 && !rosVersion && key === 'ROS_VERSION') rosVersion = a;
    else if (key.length === 10 && !distro && key === 'ROS_DISTRO') distro = a;
  };

  const dotenvChecks = (e: ScannedEntry, prev: number | undefined, computed: boolean) => {
    const key = e.key;
    const value = e.value;
    const shape = keyShape(key);
    // dotenv-linter's checks are independent: one line may get several (`.foo=x`: LeadingCharacter and LowercaseKey).
    if (shape !== 'upper') {
      const upper = key.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
      const known = ROS_VARIABLE_BY_NAME.has(upper);
      if (key !== key.toUpperCase())
        fmt(
          'LowercaseKey',
          known ? 'error' : 'warning',
          `The ${key} key should be in uppercase${known ? ` (ROS reads ${upper}; '${key}' is a different variable)` : ''}`,
          keySpan(e),
          [{ title: `Rename to ${upper}`, edits: [{ span: keySpan(e), newText: upper }], isPreferred: known }],
        );
      // Leading junk is LeadingCharacter's; a delimiter is a non-word character after it.
      if (/[^\p{L}\p{N}_]/u.test(key.replace(/^[^\p{L}_]+/u, '').trim()))
        fmt(
          'IncorrectDelimiter',
          known ? 'error' : 'warning',
          `The ${key} key has incorrect delimiter${known ? ` (ROS reads ${upper})` : ''}`,
          keySpan(e),
          [{ title: `Rename to ${upper}`, edits: [{ span: keySpan(e), newText: upper }], isPreferred: known }],
        );
    }
    // The raw line's first character (indentation counts, `export` starts with a letter).
    if (!/^[\p{L}_]/u.test(text.slice(lineStart, lineStart + 2)))
      fmt('LeadingCharacter', 'warning', 'Invalid leading character detected', {
        start: lineStart,
        end: Math.max(lineStart + 1, e.keyStart),
      });
    if (!e.delimiter) {
      fmt(
        'KeyWithoutValue',
        'info',
        `The ${key} key should be with a value or have an equal sign (docker compose takes it from the shell, python-dotenv reads None)`,
        keySpan(e),
      );
    }
    if (e.delimiter && (e.spaceBeforeDelimiter || e.spaceAfterDelimiter)) {
      const span = { start: e.keyEnd, end: e.valueStart };
      fmt(
        'SpaceCharacter',
        sourced ? 'error' : 'warning',
        `The line has spaces around equal sign${sourced ? ' (a shell runs this as a command)' : ''}`,
        span,
        [{ title: 'Remove the spaces', edits: [{ span, newText: e.delimiter }], isPreferred: true }],
      );
    }
    if (e.delimiter === ':') {
      const span = { start: e.delimiterAt, end: e.delimiterAt + 1 };
      findings.push({
        code: 'FMT004',
        severity: 'warning',
        message: `'${key}:' uses the YAML-style delimiter only docker compose accepts; python-dotenv and shells need '='`,
        span,
        fixes: [{ title: "Use '='", edits: [{ span, newText: '=' }], isPreferred: true }],
      });
    }
    if (prev !== undefined)
      fmt(
        'DuplicatedKey',
        'warning',
        `The ${key} key is duplicated (line ${(lines ??= new LineIndex(text)).positionAt(prev).line + 1}); the later value wins`,
        keySpan(e),
      );
    const unquoted = e.quote === 'none';
    // dotenv-linter reads the raw text after the delimiter (quotes and an inline comment included).
    const raw = e.delimiter ? text.slice(e.delimiterAt + 1, lineEnd).replace(/\r$/, '') : '';
    if (options.unorderedKey) unorderedKey(e, raw);
    if (computed) return;
    // dotenv-linter's "quotes not needed", plus the characters a shell sourcing the file needs them for (`a;b`).
    if (e.delimiter && /["']/.test(raw) && !/\\n|[\s$#&=;|<>()`\\]/.test(raw)) {
      const span = rawSpan(e);
      fmt('QuoteCharacter', 'info', `The value has quote characters (', ")`, span, [
        { title: `Write ${value} without quotes`, edits: [{ span, newText: value }], isPreferred: /^[\w@%+:,./-]*$/.test(value) },
      ]);
    }
    // One shell word (blanks only inside ${…}): every consumer reads it whole.
    if (unquoted && value !== '' && /\s/.test(value) && shellWordEnd(value) !== value.length) {
      fmt('ValueWithoutQuotes', sourced ? 'error' : 'warning', 'This value needs to be surrounded in quotes', rawSpan(e), [
        { title: 'Quote the value', edits: [{ span: rawSpan(e), newText: dotenvFixQuote(value) }], isPreferred: true },
      ]);
    }
    const hasDollar = value.includes('$');
    const substitution = hasDollar ? substitutionProblem(raw) : undefined;
    if (substitution === 'malformed') fmt('SubstitutionKey', 'warning', `The ${key} key is not assigned properly`, rawSpan(e));
    else if (substitution === 'modifier')
      fmt(
        'SubstitutionKey',
        'info',
        `The ${key} key is not assigned properly for python-dotenv, which expands only \${VAR} and \${VAR:-default} (docker compose and shells expand this one)`,
        rawSpan(e),
      );
    // Unquoted, the raw value is the value.
    if (unquoted && value.includes('#'))
      findings.push({
        code: 'FMT004',
        severity: 'warning',
        message: `Unquoted '#': some docker compose versions cut the value here; quote it so every consumer reads '${value}'`,
        span: rawSpan(e),
        fixes: [{ title: 'Quote the value', edits: [{ span: rawSpan(e), newText: dotenvFixQuote(value) }], isPreferred: true }],
      });
    if (e.quote === 'single' && hasDollar && /\$\{?[A-Za-z_]/.test(value))
      findings.push({
        code: 'FMT004',
        severity: 'info',
        message: `'${value}' is single-quoted: no consumer expands the variable in it`,
        span: rawSpan(e),
      });
    if (unquoted && hasDollar && /(^|[^$])\$[A-Za-z_]/.test(value))
      findings.push({
        code: 'FMT004',
        severity: 'warning',
        message: 'python-dotenv does not expand a bare $VAR; write ${VAR} so every consumer expands it',
        span: rawSpan(e),
        fixes: [
          {
            title: 'Use ${VAR}',
            edits: [{ span: rawSpan(e), newText: value.replace(/(^|[^$])\$([A-Za-z_][A-Za-z0-9_]*)/g, '$1${$2}') }],
            isPreferred: true,
          },
        ],
      });
  };

  const unorderedKey = (e: ScannedEntry, raw: string) => {
    if (substitutedKeys(raw).some((k) => group.includes(k))) {
      group.length = 0;
      return;
    }
    group.push(e.key);
    const sorted = [...group].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const next = sorted[sorted.indexOf(e.key) + 1];
    if (next !== undefined && sorted.some((k, i) => k !== group[i]))
      fmt('UnorderedKey', 'info', `The ${e.key} key should go before the ${next} key`, keySpan(e));
  };

  // Whole-file checks of .env files: trailing whitespace, blank lines.
  const line = (kind: LineKind, start: number, end: number) => {
    lineStart = start;
    lineEnd = end;
    if (kind === LineKind.Blank || (kind === LineKind.Comment && CONTROL_COMMENT.test(text.slice(start, end)))) group.length = 0;
    if (kind !== LineKind.Blank) {
      // Trailing blanks before the line break (and one '\r'), found from the end without a slice.
      if (end > start && text.charCodeAt(end - 1) === 13) end--;
      let ws = end;
      while (ws > start && (text.charCodeAt(ws - 1) === 32 || text.charCodeAt(ws - 1) === 9)) ws--;
      if (ws < end) {
        const span = { start: ws, end };
        fmt(
          'TrailingWhitespace',
          'info',
          'Trailing whitespace detected',
          span,
          [{ title: 'Remove trailing whitespace', edits: [{ span, newText: '' }], isPreferred: true }],
          lineFindings,
        );
      }
      blankRun = 0;
      return;
    }
    blankRun++;
    if (blankRun >= 2 && end < text.length)
      fmt(
        'ExtraBlankLine',
        'info',
        'Extra blank line detected',
        { start, end },
        [
          {
            title: 'Remove the blank line',
            edits: [{ span: { start, end: Math.min(text.length, end + 1) }, newText: '' }],
            isPreferred: true,
          },
        ],
        lineFindings,
      );
  };
  const noLine = () => undefined;
  scanDotenv(text, {
    line: dialect === 'dotenv' ? line : noLine,
    entry,
    error:
      dialect === 'dotenv'
        ? (message, start, end) => {
            // `FOO BAR=x`: dotenv-linter's IncorrectDelimiter (every consumer fails on it).
            const spaced = /^[ \t]*(?:export[ \t]+)?([^=#\s][^=#]*?[^=#\s])[ \t]*=/.exec(text.slice(lineStart, lineEnd));
            if (spaced && /\s/.test(spaced[1]!)) {
              const at = lineStart + spaced[0].indexOf(spaced[1]!);
              syntax.push({
                code: 'FMT001',
                severity: 'error',
                message: `IncorrectDelimiter: The ${spaced[1]} key has incorrect delimiter`,
                span: { start: at, end: at + spaced[1]!.length },
              });
            } else syntax.push({ code: 'FMT001', severity: 'error', message: `Syntax: ${message}`, span: { start, end } });
          }
        : noLine,
  });
  // dotenv-linter counts the end after a final line break as one more (blank) line: a blank line before it is extra.
  if (dialect === 'dotenv' && blankRun >= 1 && text.endsWith('\n') && text.length > 1) {
    const at = text.length - (text.endsWith('\r\n') ? 2 : 1);
    fmt(
      'ExtraBlankLine',
      'info',
      'Extra blank line detected',
      { start: text.length, end: text.length },
      [{ title: 'Remove the blank line', edits: [{ span: { start: at, end: text.length }, newText: '' }], isPreferred: true }],
      lineFindings,
    );
  }
  if (dialect === 'dotenv' && text.length > 0 && !text.endsWith('\n'))
    fmt(
      'EndingBlankLine',
      'info',
      'No blank line at the end of the file',
      { start: text.length, end: text.length },
      [{ title: 'Add a final newline', edits: [{ span: { start: text.length, end: text.length }, newText: '\n' }], isPreferred: true }],
      lineFindings,
    );
  const all = syntax.length === 0 && lineFindings.length === 0 ? findings : syntax.concat(findings, lineFindings);
  const v = rosVersion?.value;
  const d = distro?.value;
  return {
    model: {
      kind: dialect,
      text,
      assignments,
      findings: all,
      ...(v === '1' || v === '2' ? { ros: Number(v) as 1 | 2 } : {}),
      ...(d ? { distro: d } : {}),
    },
    sourced: exported,
  };
}

/** Whether a line starts with `export` + a blank (leading blanks allowed): the scanner's own test. */
function hasExportLine(text: string): boolean {
  for (let i = text.indexOf('export'); i >= 0; i = text.indexOf('export', i + 6)) {
    let b = i;
    while (b > 0 && (text.charCodeAt(b - 1) === 32 || text.charCodeAt(b - 1) === 9)) b--;
    if (b !== 0 && text.charCodeAt(b - 1) !== 10) continue;
    const c = text.charCodeAt(i + 6);
    if (c !== 32 && c !== 9) continue;
    // `export` followed only by blanks is a key named export, not a prefix.
    let k = i + 6;
    while (k < text.length && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
    const d = text.charCodeAt(k);
    if (k < text.length && d !== 10 && d !== 13) return true;
  }
  return false;
}
