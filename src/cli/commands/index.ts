import type { CliCommand } from '../cliTypes';

/** Every subcommand; each lives in its own file next to this one. */
export const COMMANDS: readonly CliCommand[] = [];
