import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { inputFromEnvFile, inputFromEnvironment, inputFromProfile } from '../../core/doctor/doctorInput';
import { nodeDeps } from '../../core/doctor/deps';
import { runDoctor } from '../../core/doctor/runDoctor';
import { renderMarkdown, renderText } from '../../core/doctor/renderReport';
import type { DoctorInput } from '../../core/doctor/types';
import { UsageError, type CliCommand, type CliIo } from '../cliTypes';
import { readWorkspaceProfiles } from '../workspaceProfiles';

function profileInput(name: string, io: CliIo): DoctorInput {
  const { file, parsed } = readWorkspaceProfiles(io.cwd);
  if (!parsed) throw new UsageError(`--profile reads ${file}, which cannot be read`);
  const profile = parsed.profiles.find((p) => p.name === name);
  if (!profile) {
    const problems = parsed.problems.filter((p) => p.profileName === name).map((p) => `${p.path} ${p.message}`);
    const names = parsed.profiles.map((p) => `'${p.name}'`).join(', ') || 'none';
    throw new UsageError(
      problems.length ? `profile '${name}' is invalid: ${problems.join('; ')}` : `no profile '${name}' in ${file} (profiles: ${names})`,
    );
  }
  return inputFromProfile(profile, io.env.ROS_DISTRO);
}

export const doctorCommand: CliCommand = {
  name: 'doctor',
  usage: 'rosnet doctor [--profile NAME | --env-file FILE] [--json | --markdown] [--timeout ms] [--verbose]',
  summary: 'Check this machine’s ROS network setup: variables, master, advertised address, nodes (exit 0 ok/warnings, 1 errors, 2 usage).',
  async run(args, io) {
    let profile: string | undefined;
    let envFile: string | undefined;
    let format: 'text' | 'json' | 'markdown' = 'text';
    let timeoutMs = 2000;
    let verbose = false;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      const value = () => {
        const v = args[++i];
        if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} needs a value`);
        return v;
      };
      if (a === '--json') format = 'json';
      else if (a === '--markdown') format = 'markdown';
      else if (a === '--verbose') verbose = true;
      else if (a === '--profile') profile = value();
      else if (a === '--env-file') envFile = value();
      else if (a === '--timeout') {
        const v = Number(value());
        if (!Number.isFinite(v) || v <= 0) throw new UsageError('--timeout needs a positive number of milliseconds');
        timeoutMs = v;
      } else throw new UsageError(`unknown argument '${a}'`);
    }
    if (profile !== undefined && envFile !== undefined) throw new UsageError('give either --profile or --env-file, not both');
    let input: DoctorInput;
    if (profile !== undefined) input = profileInput(profile, io);
    else if (envFile !== undefined) {
      const path = resolve(io.cwd, envFile);
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        throw new UsageError(`cannot read ${path}`);
      }
      input = inputFromEnvFile(envFile, text, io.env);
    } else input = inputFromEnvironment(io.env);
    const report = await runDoctor(input, nodeDeps(), { timeoutMs });
    io.out(
      format === 'json'
        ? JSON.stringify(report, null, 2) + '\n'
        : format === 'markdown'
          ? renderMarkdown(report)
          : renderText(report, { verbose }),
    );
    return report.verdict === 'error' ? 1 : 0;
  },
};
