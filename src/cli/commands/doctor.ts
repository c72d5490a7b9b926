import { safeJson } from '../../core/text/sanitize';
import { readRegularFile } from '../../core/util/readRegularFile';
import { resolve } from 'node:path';
import { inputFromEnvFile, inputFromEnvironment, inputFromProfile } from '../../core/doctor/doctorInput';
import { nodeDeps } from '../../core/doctor/deps';
import { runDoctor } from '../../core/doctor/runDoctor';
import { renderMarkdown, renderText } from '../../core/doctor/renderReport';
import type { DoctorInput } from '../../core/doctor/types';
import { UsageError, type CliCommand } from '../cliTypes';
import { workspaceProfile } from '../workspaceProfiles';
import { parseCliArgs, positiveMs } from '../cliOptions';

export const doctorCommand: CliCommand = {
  name: 'doctor',
  usage: 'rosnet doctor [--profile NAME | --env-file FILE] [--json | --markdown] [--timeout ms] [--verbose]',
  summary: 'Check this machine’s ROS network setup: variables, master, advertised address, nodes (exit 0 ok/warnings, 1 errors, 2 usage).',
  async run(args, io) {
    const { values, positionals } = parseCliArgs(args, {
      profile: { type: 'string' },
      'env-file': { type: 'string' },
      json: { type: 'boolean' },
      markdown: { type: 'boolean' },
      timeout: { type: 'string' },
      verbose: { type: 'boolean' },
    });
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const { profile, 'env-file': envFile, verbose } = values;
    const timeoutMs = positiveMs('--timeout', values.timeout, 2000, io.err);
    if (profile !== undefined && envFile !== undefined) throw new UsageError('give either --profile or --env-file, not both');
    let input: DoctorInput;
    if (profile !== undefined) input = inputFromProfile(workspaceProfile(profile, io.cwd), io.env.ROS_DISTRO);
    else if (envFile !== undefined) {
      const path = resolve(io.cwd, envFile);
      const r = readRegularFile(path);
      if (!r.ok && !r.reason) throw new UsageError(`cannot read ${path}`);
      // It exists but is no file to read (a FIFO would block forever): a failure, not a usage error.
      if (!r.ok) throw new Error(`--env-file ${path} is skipped: ${r.reason}`);
      input = inputFromEnvFile(envFile, r.text, io.env);
    } else input = inputFromEnvironment(io.env);
    const report = await runDoctor(input, nodeDeps(), { timeoutMs });
    io.out(
      values.json ? safeJson(report, 2) + '\n' : values.markdown ? renderMarkdown(report) : renderText(report, { verbose: !!verbose }),
    );
    return report.verdict === 'error' ? 1 : 0;
  },
};
