import type { CliCommand } from '../cliTypes';

/**
 * Every subcommand; each lives in its own file next to this one and is loaded only when it runs
 * (or for the help text), so `rosnet doctor` does not load the lint engine's parsers.
 */
export interface CommandEntry {
  readonly name: string;
  load(): Promise<CliCommand>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'probe', load: async () => (await import('./probe')).probeCommand },
  { name: 'lint', load: async () => (await import('./lint')).lintCommand },
  { name: 'ports', load: async () => (await import('./ports')).portsCommand },
  { name: 'doctor', load: async () => (await import('./doctor')).doctorCommand },
  { name: 'discover', load: async () => (await import('./discover')).discoverCommand },
  { name: 'multicast', load: async () => (await import('./multicast')).multicastCommand },
];
