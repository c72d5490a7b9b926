import type { CliCommand } from '../cliTypes';
import { probeCommand } from './probe';

/** Every subcommand; each lives in its own file next to this one. */
export const COMMANDS: readonly CliCommand[] = [probeCommand];
