import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { lintPaths } from '../../core/lint/walkLint';
import { settingsHostFindings } from '../../core/lint/settingsHostFindings';
import { nodeHostDeps } from '../../core/lint/hostRules';
import type { FileLintReport } from '../../core/lint/report/locate';
import { formatJson } from '../../core/lint/report/json';
import { formatSarif } from '../../core/lint/report/sarif';
import { formatText } from '../../core/lint/report/text';
import { PROFILES_SETTING } from '../../core/profiles/parseProfiles';
import type { LintContext } from '../../core/lint/types';
import type { Profile } from '../../core/profiles/profileSchema';
import { UsageError, type CliCommand, type CliIo } from '../cliTypes';
import { hostEphemeral, optionValue, parseOs } from '../cliOptions';
import { readWorkspaceProfiles } from '../workspaceProfiles';

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
  const paths: string[] = [];
  let format: Format = 'text';
  let profile: string | undefined;
  let ros: 1 | 2 | undefined;
  let os: string | undefined;
  let online = false;
  let onlyPaths = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (onlyPaths || !a.startsWith('-') || a === '-') {
      paths.push(a);
      continue;
    }
    if (a === '--') {
      onlyPaths = true;
      continue;
    }
    if (a === '--online') {
      online = true;
      continue;
    }
    const f = optionValue(args, i, '--format') ?? optionValue(args, i, '-f');
    const p = optionValue(args, i, '--profile');
    const r = optionValue(args, i, '--ros');
    const o = optionValue(args, i, '--os');
    if (f) {
      if (!(FORMATS as readonly string[]).includes(f[0]))
        throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got '${f[0]}'`);
      format = f[0] as Format;
      i += f[1];
    } else if (p) {
      profile = p[0];
      i += p[1];
    } else if (r) {
      if (r[0] !== '1' && r[0] !== '2') throw new UsageError(`--ros must be 1 or 2, got '${r[0]}'`);
      ros = Number(r[0]) as 1 | 2;
      i += r[1];
    } else if (o) {
      os = o[0];
      i += o[1];
    } else throw new UsageError(`unknown option '${a}'`);
  }
  if (online && profile === undefined) throw new UsageError('--online needs --profile NAME (the profile that describes this machine)');
  return {
    paths,
    format,
    ...(profile !== undefined ? { profile } : {}),
    ...(ros ? { ros } : {}),
    ...(os !== undefined ? { os } : {}),
    ...(online ? { online } : {}),
  };
}

/** `--online`: the profile's URI004/HOST003 findings, in the report of .vscode/settings.json (added when it was not linted). */
async function withHostFindings(reports: readonly FileLintReport[], profile: string, cwd: string): Promise<FileLintReport[]> {
  const file = '.vscode/settings.json';
  const text = readFileSync(join(cwd, '.vscode', 'settings.json'), 'utf8').replace(/^\uFEFF/, '');
  const found = await settingsHostFindings(text, profile, nodeHostDeps());
  if (!found.length) return [...reports];
  const at = reports.findIndex((r) => r.file === file && r.text === text);
  if (at < 0) return [...reports, { file, text, findings: found }].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const merged = [...reports[at]!.findings, ...found].sort(
    (a, b) => a.span.start - b.span.start || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
  return reports.map((r, i) => (i === at ? { ...r, findings: merged } : r));
}

function selectProfile(name: string, io: CliIo): Profile {
  const { file, parsed } = readWorkspaceProfiles(io.cwd);
  const profiles = parsed?.profiles ?? [];
  const problems = parsed
    ? parsed.problems.map((p) => `${p.path}${p.profileName ? ` ('${p.profileName}')` : ''} ${p.message}`)
    : [`${file} cannot be read`];
  const found = profiles.find((p) => p.name === name);
  if (found) return found;
  const names = profiles.map((p) => p.name);
  const invalid = problems.length ? `\n${problems.map((p) => `  (invalid: ${p})`).join('\n')}` : '';
  throw new UsageError(
    `no profile '${name}' in .vscode/settings.json (${PROFILES_SETTING}); profiles: ${names.length ? names.join(', ') : 'none'}${invalid}`,
  );
}

export const lintCommand: CliCommand = {
  name: 'lint',
  usage: 'rosnet lint [paths…] [--format text|json|sarif] [--profile NAME [--online]] [--ros 1|2] [--os linux|darwin|win32]',
  summary: 'Lint ROS network settings in .env, shell, launch, compose, devcontainer and settings files (exit 1 on errors).',
  async run(args, io) {
    const a = parseLintArgs(args);
    const os = parseOs(a.os);
    const profile = a.profile !== undefined ? selectProfile(a.profile, io) : undefined;
    const ephemeral = hostEphemeral(os);
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
        `rosnet lint: skipped ${s}: not a file kind rosnet lints (.env, *.sh, *.launch, *.launch.{xml,yaml,py}, compose.yaml, devcontainer.json, .vscode/settings.json)\n`,
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
