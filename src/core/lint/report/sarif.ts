import { safeJson } from '../../text/sanitize';
import { locateFindings, type FileLintReport, type Region } from './locate';
import { RULE_CATALOG, ruleAnchor, ruleInfo, type RuleInfo } from '../ruleCatalog';
import type { Severity } from '../types';

export interface SarifOptions {
  readonly version: string;
  /** Project page: tool.driver.informationUri; rule help links point into its README. */
  readonly informationUri: string;
  /** file:// URI of the directory paths are relative to (ends with '/'); omitted when unknown. */
  readonly srcRoot?: string;
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
const SRCROOT = '%SRCROOT%';

/** Relative path → URI reference: forward slashes, each segment percent-encoded. */
function toUri(file: string): string {
  return file
    .split(/[\\/]/)
    .map((s) => (s === '..' || s === '.' ? s : encodeURIComponent(s)))
    .join('/');
}

const sarifRegion = (r: Region) => ({ startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn });

/**
 * `rosnet lint --format sarif`: a SARIF 2.1.0 log with one run, every catalogue rule in
 * tool.driver.rules (so ruleIndex is stable across runs) and the engine's fixes as replacements.
 */
export function formatSarif(reports: readonly FileLintReport[], opts: SarifOptions): string {
  const located = locateFindings(reports);
  const rules: RuleInfo[] = [...RULE_CATALOG];
  for (const f of located) {
    if (!ruleInfo(f.code) && !rules.some((r) => r.code === f.code))
      rules.push({ code: f.code, title: f.code, severity: f.severity, section: 'Other' });
  }
  const readme = `${opts.informationUri.replace(/\/$/, '')}/blob/main/README.md`;
  const index = new Map(rules.map((r, i) => [r.code, i]));
  const fileIndex = new Map(reports.map((r, i) => [r.file, i]));
  const artifact = (file: string) => ({ uri: toUri(file), uriBaseId: SRCROOT });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'rosnet',
            fullName: 'rosnet lint (ROS Network)',
            informationUri: opts.informationUri,
            version: opts.version,
            rules: rules.map((r) => ({
              id: r.code,
              name: r.code,
              shortDescription: { text: r.title },
              fullDescription: {
                text: `${r.title} (${r.section}${r.needs ? `; needs ${r.needs.toUpperCase()}, checked by rosnet doctor and, for the active profile, in the editor` : ''}).`,
              },
              helpUri: `${readme}#${ruleAnchor(r.code)}`,
              defaultConfiguration: { level: LEVEL[r.severity] },
              properties: { category: r.section },
            })),
          },
        },
        ...(opts.srcRoot ? { originalUriBaseIds: { [SRCROOT]: { uri: opts.srcRoot } } } : {}),
        columnKind: 'utf16CodeUnits',
        artifacts: reports.map((r) => ({ location: artifact(r.file) })),
        results: located.map((f) => ({
          ruleId: f.code,
          ruleIndex: index.get(f.code)!,
          level: LEVEL[f.severity],
          message: { text: f.message },
          locations: [
            { physicalLocation: { artifactLocation: { ...artifact(f.file), index: fileIndex.get(f.file)! }, region: sarifRegion(f) } },
          ],
          ...(f.fixes.length
            ? {
                fixes: f.fixes.map((x) => ({
                  description: { text: x.title },
                  artifactChanges: [
                    {
                      artifactLocation: artifact(f.file),
                      replacements: x.edits.map((e) => ({ deletedRegion: sarifRegion(e), insertedContent: { text: e.newText } })),
                    },
                  ],
                })),
              }
            : {}),
        })),
      },
    ],
  };
  return `${safeJson(log, 2)}\n`;
}
