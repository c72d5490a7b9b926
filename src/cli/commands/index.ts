import type { CliCommand } from '../cliTypes';
import { probeCommand } from './probe';
import { lintCommand } from './lint';
import { portsCommand } from './ports';
import { doctorCommand } from './doctor';

/** Every subcommand; each lives in its own file next to this one. */
export const COMMANDS: readonly CliCommand[] = [probeCommand, lintCommand, portsCommand, doctorCommand];
