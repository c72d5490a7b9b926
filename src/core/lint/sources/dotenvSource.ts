import { parseDotenv } from '../../sources/dotenvParser';
import { ROS_VARIABLE_BY_NAME } from '../../ros/variables';
import type { Assignment, Finding, SourceModel } from '../types';
import { dotenvQuote } from '../../env/exportFormats';
import { LineIndex } from '../../text/positions';

/** Values whose `;`/`&` end the command when the file is sourced by a shell. */
const SHELL_SENSITIVE = /[;&|<>`]|\$\(/;

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

/** A value in double quotes that bash, compose and python-dotenv all read back unchanged. */
function startsLikeName(key: string): boolean {
  const c = key.charCodeAt(0);
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/**
 * `.env` files and shell scripts (their `export NAME=value` lines). Structural checks follow
 * dotenv-linter (reported as FMT001 with the check's name) plus the shell pitfalls (FMT003/FMT004).
 */
export function dotenvSource(text: string, dialect: 'dotenv' | 'shell'): SourceModel {
  const parsed = parseDotenv(text);
  const findings: Finding[] = [];
  const assignments: Assignment[] = [];
  /** Key → offset of its first assignment; the line is computed only for a duplicate. */
  const seen = new Map<string, number>();
  let lines: LineIndex | undefined;
  const fmt = (check: string, severity: Finding['severity'], message: string, span: { start: number; end: number }, fixes?: Finding['fixes']) =>
    findings.push({ code: 'FMT001', severity, message: `${check}: ${message}`, span, ...(fixes ? { fixes } : {}) });

  if (dialect === 'dotenv') {
    for (const e of parsed.errors) findings.push({ code: 'FMT001', severity: 'error', message: `Syntax: ${e.message}`, span: e.span });
  }
  const sourced = dialect === 'shell' || parsed.entries.some((e) => e.exported);
  for (const e of parsed.entries) {
    if (dialect === 'shell' && !e.delimiter) continue;
    const shape = keyShape(e.key);
    const upper = shape === 'upper' ? e.key : e.key.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
    const known = ROS_VARIABLE_BY_NAME.has(upper);
    const hasDollar = e.value.includes('$');
    // One map lookup per entry (a 0.5 MB file has ~15,000 keys).
    const prev = seen.get(e.key);
    if (dialect === 'dotenv') {
      if (shape !== 'upper' && e.key !== e.key.toUpperCase()) {
        fmt('LowercaseKey', known ? 'error' : 'warning', `The ${e.key} key should be in uppercase${known ? ` (ROS reads ${upper}; '${e.key}' is a different variable)` : ''}`, e.keySpan, [{ title: `Rename to ${upper}`, edits: [{ span: e.keySpan, newText: upper }], isPreferred: known }]);
      } else if (shape === 'other') {
        fmt('IncorrectDelimiter', known ? 'error' : 'warning', `The ${e.key} key has incorrect delimiter${known ? ` (ROS reads ${upper})` : ''}`, e.keySpan, [{ title: `Rename to ${upper}`, edits: [{ span: e.keySpan, newText: upper }], isPreferred: known }]);
      } else if (!startsLikeName(e.key)) {
        fmt('LeadingCharacter', 'warning', 'Invalid leading character detected', e.keySpan);
      }
      if (!e.delimiter) {
        fmt('KeyWithoutValue', 'info', `The ${e.key} key should be with a value or have an equal sign (docker compose takes it from the shell, python-dotenv reads None)`, e.keySpan);
      }
      if (e.delimiter && (e.spaceBeforeDelimiter || e.spaceAfterDelimiter)) {
        const span = { start: e.keySpan.end, end: e.valueSpan.start };
        fmt('SpaceCharacter', sourced ? 'error' : 'warning', `The line has spaces around equal sign${sourced ? ' (a shell runs this as a command)' : ''}`, span, [{ title: 'Remove the spaces', edits: [{ span, newText: e.delimiter }], isPreferred: true }]);
      }
      if (e.delimiter === ':') findings.push({ code: 'FMT004', severity: 'warning', message: `'${e.key}:' uses the YAML-style delimiter only docker compose accepts; python-dotenv and shells need '='`, span: e.delimiterSpan!, fixes: [{ title: "Use '='", edits: [{ span: e.delimiterSpan!, newText: '=' }], isPreferred: true }] });
      if (prev !== undefined) fmt('DuplicatedKey', 'warning', `The ${e.key} key is duplicated (line ${(lines ??= new LineIndex(text)).positionAt(prev).line + 1}); the later value wins`, e.keySpan);
      if (e.quote === 'none' && e.value !== '' && /\s/.test(e.value)) {
        fmt('ValueWithoutQuotes', sourced ? 'error' : 'warning', 'This value needs to be surrounded in quotes', e.valueSpan, [{ title: 'Quote the value', edits: [{ span: e.valueSpan, newText: dotenvQuote(e.value) }], isPreferred: true }]);
      }
      if (e.quote !== 'single' && hasDollar && /\$\{[^}]*$|\$\{[^}]*[^A-Za-z0-9_:?+\-=}][^}]*\}/.test(e.value)) fmt('SubstitutionKey', 'warning', `The ${e.key} key is not assigned properly`, e.valueSpan);
      if (e.quote === 'none' && e.rawValue.includes('#')) findings.push({ code: 'FMT004', severity: 'warning', message: `Unquoted '#': some docker compose versions cut the value here; quote it so every consumer reads '${e.value}'`, span: e.valueSpan, fixes: [{ title: 'Quote the value', edits: [{ span: e.valueSpan, newText: dotenvQuote(e.value) }], isPreferred: true }] });
      if (e.quote === 'single' && hasDollar && /\$\{?[A-Za-z_]/.test(e.value)) findings.push({ code: 'FMT004', severity: 'info', message: `'${e.value}' is single-quoted: no consumer expands the variable in it`, span: e.valueSpan });
      if (e.quote === 'none' && hasDollar && /(^|[^$])\$[A-Za-z_]/.test(e.value)) findings.push({ code: 'FMT004', severity: 'warning', message: 'python-dotenv does not expand a bare $VAR; write ${VAR} so every consumer expands it', span: e.valueSpan, fixes: [{ title: 'Use ${VAR}', edits: [{ span: e.valueSpan, newText: e.rawValue.replace(/(^|[^$])\$([A-Za-z_][A-Za-z0-9_]*)/g, '$1${$2}') }], isPreferred: true }] });
    }
    if (e.delimiter && e.quote === 'none' && sourced && SHELL_SENSITIVE.test(e.value)) {
      const cut = e.value.search(/[;&|<>`]|\$\(/);
      const c = e.value[cut];
      findings.push({
        code: 'FMT003',
        severity: 'error',
        message: `Unquoted '${c}' ends the command in sh/bash: only '${e.value.slice(0, cut)}' is assigned${c === ';' ? ` and '${e.value.slice(cut + 1)}' runs as a command` : ''}`,
        span: e.valueSpan,
        fixes: [{ title: 'Quote the value', edits: [{ span: e.valueSpan, newText: dotenvQuote(e.value) }], isPreferred: true }],
      });
    }
    if (dialect === 'shell' && e.delimiter && e.spaceBeforeDelimiter) {
      findings.push({ code: 'FMT003', severity: 'error', message: `Spaces around '=': the shell runs '${e.key}' as a command instead of assigning it`, span: { start: e.keySpan.end, end: e.valueSpan.start }, fixes: [{ title: 'Remove the spaces', edits: [{ span: { start: e.keySpan.end, end: e.valueSpan.start }, newText: '=' }], isPreferred: true }] });
    }
    if (prev === undefined) seen.set(e.key, e.keySpan.start);
    const quoteLen = e.quote === 'none' ? 0 : 1;
    assignments.push({
      name: e.key,
      value: e.delimiter ? e.value : undefined,
      keySpan: e.keySpan,
      valueSpan: e.quote === 'none' ? e.valueSpan : { start: e.valueSpan.start + quoteLen, end: Math.max(e.valueSpan.start + quoteLen, e.valueSpan.end - (e.unterminated ? 0 : quoteLen)) },
      rawSpan: e.valueSpan,
      op: 'set',
      scope: 'file',
      quote: e.quote,
      exported: e.exported,
    });
  }
  if (dialect === 'dotenv' && text.length > 0) {
    // Whole-file checks: trailing whitespace, blank lines.
    let blankRun = 0;
    for (const l of parsed.lines) {
      if (l.kind !== 'blank') {
        // Trailing blanks before the line break (and one '\r'), found from the end without a slice.
        let end = l.span.end;
        if (end > l.span.start && text.charCodeAt(end - 1) === 13) end--;
        let ws = end;
        while (ws > l.span.start && (text.charCodeAt(ws - 1) === 32 || text.charCodeAt(ws - 1) === 9)) ws--;
        if (ws < end) {
          const span = { start: ws, end };
          fmt('TrailingWhitespace', 'info', 'Trailing whitespace detected', span, [{ title: 'Remove trailing whitespace', edits: [{ span, newText: '' }], isPreferred: true }]);
        }
      }
      blankRun = l.kind === 'blank' ? blankRun + 1 : 0;
      if (blankRun === 2 && l.span.end < text.length) fmt('ExtraBlankLine', 'info', 'Extra blank line detected', l.span, [{ title: 'Remove the blank line', edits: [{ span: { start: l.span.start, end: Math.min(text.length, l.span.end + 1) }, newText: '' }], isPreferred: true }]);
    }
    if (!text.endsWith('\n')) fmt('EndingBlankLine', 'info', 'No blank line at the end of the file', { start: text.length, end: text.length }, [{ title: 'Add a final newline', edits: [{ span: { start: text.length, end: text.length }, newText: '\n' }], isPreferred: true }]);
  }
  const rosVersion = assignments.find((a) => a.name === 'ROS_VERSION')?.value;
  const distro = assignments.find((a) => a.name === 'ROS_DISTRO')?.value;
  return { kind: dialect, text, assignments, findings, ...(rosVersion === '1' || rosVersion === '2' ? { ros: Number(rosVersion) as 1 | 2 } : {}), ...(distro ? { distro } : {}) };
}
