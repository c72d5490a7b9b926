// Option parsing shared by the subcommands (each is its own bundle; this module is small on purpose).
import { readFileSync } from 'node:fs';
import { parseEphemeralRange, type PortRange, type TargetOs } from '../core/ros/domain';
import { UsageError } from './cliTypes';

const OSES: readonly TargetOs[] = ['linux', 'darwin', 'win32'];

/** `--os` value, defaulting to the OS the CLI runs on. */
export function parseOs(value: string | undefined): TargetOs {
  if (value === undefined) return (OSES as readonly string[]).includes(process.platform) ? (process.platform as TargetOs) : 'linux';
  if (!(OSES as readonly string[]).includes(value)) throw new UsageError(`--os must be one of ${OSES.join(', ')}, got '${value}'`);
  return value as TargetOs;
}

/** The ephemeral range of this host when it is the OS asked about (Linux: read from /proc). */
export function hostEphemeral(os: TargetOs): PortRange | undefined {
  if (os !== 'linux' || process.platform !== 'linux') return undefined;
  try {
    return parseEphemeralRange(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8'));
  } catch {
    return undefined;
  }
}

/** Takes `--name value` or `--name=value`; returns the value and how many args it used. */
export function optionValue(args: readonly string[], i: number, name: string): [string, number] | undefined {
  const a = args[i]!;
  if (a.startsWith(`${name}=`)) return [a.slice(name.length + 1), 0];
  if (a !== name) return undefined;
  const v = args[i + 1];
  if (v === undefined || v.startsWith('--')) throw new UsageError(`${name} needs a value`);
  return [v, 1];
}
