import { sanitizeForTerminal } from '../../core/text/sanitize';
import { readRegularFile } from '../../core/util/readRegularFile';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { lintPaths } from '../../core/lint/walkLint';
import { settingsHostFindings } from '../../core/lint/settingsHostFindings';
import { nodeHostDeps } from '../../core/lint/hostRules';
import type { FileLintReport } from '../../core/lint/report/locate';
import { formatJson } from '../../core/lint/report/json';
import { formatSarif } from '../../core/lint/report/sarif';
import { formatText } from '../../core/lint/report/text';
import type { LintContext } from '../../core/lint/types';
import { UsageError, type CliCommand } from '../cliTypes';
import { oneOf, parseCliArgs, parseOs } from '../cliOptions';
import { readHostEphemeralRange } from '../../core/ros/ephemeralRange';
import { workspaceProfile } from '../workspaceProfiles';

const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];
const INFORMATION_URI = 'https://github.com/ros-network/ros-network';

export interface LintArgs {
  readonly paths: readonly string[];
  readonly format: Format;
  readonly profile?: string;
  readonly ros?: 1 | 2;
  readonly os?: string;
  /** URI004/HOST003 for the --profile (it describes this machine): asks the resolver and the interfaces. */
  readonly online?: boolean;
}

/** Argument parsing on its own, so usage errors are tested without running a lint. */
export function parseLintArgs(args: readonly string[]): LintArgs {
  const { values: v, positionals } = parseCliArgs(args, {
    format: { type: 'string', short: 'f' },
    profile: { type: 'string' },
    ros: { type: 'string' },
    os: { type: 'string' },
    online: { type: 'boolean' },
  });
  const format = oneOf('--format', v.format, FORMATS) ?? 'text';
  const ros = oneOf('--ros', v.ros, ['1', '2'] as const);
  if (v.online && v.profile === undefined) throw new UsageError('--online needs --profile NAME (the profile that describes this machine)');
  return {
    paths: positionals,
    format,
    ...(v.profile !== undefined ? { profile: v.profile } : {}),
    ...(ros ? { ros: Number(ros) as 1 | 2 } : {}),
    ...(v.os !== undefined ? { os: v.os } : {}),
    ...(v.online ? { online: true } : {}),
  };
}

/** `--online`: the profile's URI004/HOST003 findings, in the report of .vscode/settings.json (added when it was not linted). */
async function withHostFindings(reports: readonly FileLintReport[], profile: string, cwd: string): Promise<FileLintReport[]> {
  const file = '.vscode/settings.json';
  const r = readRegularFile(join(cwd, '.vscode', 'settings.json'));
  if (!r.ok) return [...reports];
  const text = r.text.replace(/^\uFEFF/, '');
  const found = await settingsHostFindings(text, profile, nodeHostDeps());
  if (!found.length) return [...reports];
  const at = reports.findIndex((r) => r.file === file && r.text === text);
  if (at < 0) return [...reports, { file, text, findings: found }].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const merged = [...reports[at]!.findings, ...found].sort(
    (a, b) => a.span.start - b.span.start || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
  return reports.map((r, i) => (i === at ? { ...r, findings: merged } : r));
}

export const lintCommand: CliCommand = {
  name: 'lint',
  usage: 'rosnet lint [paths…] [--format text|json|sarif] [--profile NAME [--online]] [--ros 1|2] [--os linux|darwin|win32]',
  summary: 'Lint ROS network settings in .env, shell, launch, compose, devcontainer and settings files (exit 1 on errors).',
  async run(args, io) {
    const a = parseLintArgs(args);
    const os = parseOs(a.os);
    const profile = a.profile !== undefined ? workspaceProfile(a.profile, io.cwd) : undefined;
    const ephemeral = await readHostEphemeralRange(os);
    const ros = a.ros ?? (profile && !profile.rosVersionInferred ? profile.rosVersion : undefined);
    const ctx: LintContext = {
      os,
      ...(ros ? { ros } : {}),
      ...(ephemeral ? { ephemeral } : {}),
      ...(profile ? { profile: { name: profile.name, variables: profile.variables } } : {}),
    };
    const r = await lintPaths(a.paths, io.cwd, ctx);
    if (r.missing.length) throw new UsageError(`no such file or folder: ${r.missing.join(', ')}`);
    const reports = profile && a.online ? await withHostFindings(r.reports, profile.name, io.cwd) : r.reports;
    for (const s of r.skipped)
      io.err(
        `rosnet lint: skipped ${sanitizeForTerminal(s)}: not a file kind rosnet lints (.env, *.sh, *.launch, *.launch.{xml,yaml,py}, compose.yaml, devcontainer.json, .vscode/settings.json)\n`,
      );
    if (a.format === 'json') io.out(formatJson(reports));
    else if (a.format === 'sarif')
      io.out(
        formatSarif(reports, {
          version: process.env.ROSNET_VERSION ?? '0.0.0-dev',
          informationUri: INFORMATION_URI,
          srcRoot: pathToFileURL(io.cwd.endsWith('/') ? io.cwd : `${io.cwd}/`).href,
        }),
      );
    else io.out(formatText(reports));
    return reports.some((x) => x.findings.some((f) => f.severity === 'error')) ? 1 : 0;
  },
};
