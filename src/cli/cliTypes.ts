/** A `rosnet` subcommand. Exit codes: 0 ok, 1 findings/unreachable (or a failure), 2 usage error only. */
export interface CliCommand {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  run(args: readonly string[], io: CliIo): Promise<number>;
}

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Bad arguments: exit 2 with the usage. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** By name, not `instanceof`: each subcommand is a bundle of its own with its own copy of the class. */
export function isUsageError(e: unknown): e is UsageError {
  return e instanceof Error && e.name === 'UsageError';
}
