import { safeJson } from '../../text/sanitize';
import { locateFindings, type FileLintReport } from './locate';

/** `rosnet lint --format json`: an array of findings with 1-based positions, one object per finding. */
export function formatJson(reports: readonly FileLintReport[]): string {
  const rows = locateFindings(reports).map((f) => ({
    file: f.file,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    severity: f.severity,
    code: f.code,
    message: f.message,
  }));
  return `${safeJson(rows, 2)}\n`;
}
