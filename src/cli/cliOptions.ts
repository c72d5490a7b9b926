// Argument parsing shared by the subcommands (each is its own bundle; this module is small on purpose).
// node:util's parseArgs does the splitting (`--name value`, `--name=value`, `-f value`, `--`); this adds
// our wording of the errors, all as UsageError (exit 2 with the command's usage, in main.ts).
import { parseArgs } from 'node:util';
import { TARGET_OSES, targetOsOf, type TargetOs } from '../core/ros/domain';
import { UsageError } from './cliTypes';
import { clampTimerMs, MAX_TIMER_MS } from '../core/util/timerMs';

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
}

export type OptionValues<S extends Record<string, OptionSpec>> = {
  -readonly [K in keyof S]?: S[K]['type'] extends 'string' ? string : boolean;
};

export interface CliArgs<S extends Record<string, OptionSpec>> {
  readonly values: OptionValues<S>;
  readonly positionals: readonly string[];
}

/**
 * Splits `args` by `options`. Unknown options, a missing value and a value given to a flag are usage
 * errors. A negative number (`-1`) is a positional, so a command can say why the number is wrong.
 */
export function parseCliArgs<S extends Record<string, OptionSpec>>(args: readonly string[], options: S): CliArgs<S> {
  const { tokens } = parseArgs({ args: [...args], options: { ...options }, strict: false, allowPositionals: true, tokens: true });
  const values: Record<string, string | boolean> = {};
  const positionals: Array<{ index: number; value: string }> = [];
  const seen = new Set<number>();
  for (const t of tokens) {
    if (t.kind === 'positional') positionals.push({ index: t.index, value: t.value });
    if (t.kind !== 'option') continue;
    if (/^-\d/.test(args[t.index]!)) {
      // parseArgs reads `-1.5` as the short options 1, . and 5: one positional, once.
      if (!seen.has(t.index)) positionals.push({ index: t.index, value: args[t.index]! });
      seen.add(t.index);
      continue;
    }
    const spec = options[t.name];
    if (!spec) throw new UsageError(`unknown option '${t.rawName}'`);
    if (spec.type === 'boolean') {
      if (t.value !== undefined) throw new UsageError(`${t.rawName} takes no value`);
      values[t.name] = true;
    } else {
      // `--format --json`: parseArgs takes the next option as the value; a value never starts with `--` here.
      if (t.value === undefined || (!t.inlineValue && t.value.startsWith('--'))) throw new UsageError(`${t.rawName} needs a value`);
      values[t.name] = t.value;
    }
  }
  return { values: values as OptionValues<S>, positionals: positionals.sort((a, b) => a.index - b.index).map((p) => p.value) };
}

/** `value` when it is one of `allowed` (undefined stays undefined), else a usage error naming them. */
export function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined || (allowed as readonly string[]).includes(value)) return value as T | undefined;
  const list = allowed.length === 2 ? `${allowed[0]} or ${allowed[1]}` : `one of ${allowed.join(', ')}`;
  throw new UsageError(`${name} must be ${list}, got '${value}'`);
}

/**
 * A `--timeout`-style value in milliseconds. Node's timers hold at most 2³¹−1 ms and turn anything
 * larger into 1 ms, so a larger value is clamped to that, with a note through `warn`.
 */
export function positiveMs(name: string, value: string | undefined, fallback: number, warn?: (text: string) => void): number {
  if (value === undefined) return fallback;
  const v = Number(value);
  if (!Number.isFinite(v) || v <= 0) throw new UsageError(`${name} needs a positive number of milliseconds`);
  if (v > MAX_TIMER_MS)
    warn?.(`rosnet: ${name} ${value} is more than the longest timer (${MAX_TIMER_MS} ms, about 24.8 days); using ${MAX_TIMER_MS}\n`);
  return clampTimerMs(v);
}

/** `--os` value, defaulting to the OS the CLI runs on. */
export function parseOs(value: string | undefined): TargetOs {
  return oneOf('--os', value, TARGET_OSES) ?? targetOsOf(process.platform);
}
