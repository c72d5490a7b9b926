import { sanitizeForTerminal } from '../../text/sanitize';
import { locateFindings, type FileLintReport } from './locate';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * `rosnet lint` default output, like gcc/eslint's compact format so editors and CI log parsers
 * pick it up: `file:line:col: severity CODE message`, then one summary line.
 */
export function formatText(reports: readonly FileLintReport[]): string {
  const located = locateFindings(reports);
  // Paths and messages quote file contents: filtered, so a value cannot drive the terminal or forge a line.
  const lines = located.map(
    (f) =>
      `${sanitizeForTerminal(f.file)}:${f.line}:${f.column}: ${f.severity} ${f.code} ${sanitizeForTerminal(f.message.replace(/\r?\n/g, ' '))}`,
  );
  const count = (s: string) => located.filter((f) => f.severity === s).length;
  const files = new Set(located.map((f) => f.file)).size;
  const checked = plural(reports.length, 'file');
  lines.push(
    located.length === 0
      ? `No problems in ${checked}.`
      : `${plural(located.length, 'problem')} (${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('info')} info) in ${plural(files, 'file')} of ${checked} checked.`,
  );
  return `${lines.join('\n')}\n`;
}
