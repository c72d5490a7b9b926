import { readFileSync } from 'node:fs';
import { DEFAULT_EPHEMERAL, MAX_DOMAIN_ID, parseEphemeralRange, type PortRange, type TargetOs } from '../../core/ros/domain';
import { buildPortTable } from '../../core/ros/portTable';
import { UsageError, type CliCommand } from '../cliTypes';

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

export const portsCommand: CliCommand = {
  name: 'ports',
  usage: 'rosnet ports <domain> [--os linux|darwin|win32] [--json]',
  summary: 'RTPS ports of a ROS 2 domain and how many processes fit (exit 0 safe, 1 inside the ephemeral range, 2 usage error).',
  async run(args, io) {
    let json = false;
    let osArg: string | undefined;
    const rest: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      const os = optionValue(args, i, '--os');
      if (os) {
        osArg = os[0];
        i += os[1];
      } else if (a === '--json') json = true;
      else if (a.startsWith('-') && !/^-\d/.test(a)) throw new UsageError(`unknown option '${a}'`);
      else rest.push(a);
    }
    if (rest.length !== 1) throw new UsageError('give one domain ID');
    const raw = rest[0]!;
    if (!/^\d+$/.test(raw) || Number(raw) > MAX_DOMAIN_ID) throw new UsageError(`the domain must be a whole number 0–${MAX_DOMAIN_ID} (higher IDs overflow the UDP port range), got '${raw}'`);
    const os = parseOs(osArg);
    const ephemeral = hostEphemeral(os) ?? DEFAULT_EPHEMERAL[os];
    const t = buildPortTable(Number(raw), os, ephemeral);
    if (json) {
      io.out(`${JSON.stringify(t, null, 2)}\n`);
      return t.safe ? 0 : 1;
    }
    const fits = t.participants.filter((p) => !p.clash);
    const shown = fits.length <= 6 ? fits : [...fits.slice(0, 4), undefined, fits[fits.length - 1]!];
    const limit = t.participants.find((p) => p.clash);
    const lines = [
      `Domain ${t.domain} on ${os} (ephemeral ports ${t.ephemeral.lo}–${t.ephemeral.hi})`,
      `  multicast  discovery ${t.discoveryMulticast}  user ${t.userMulticast}`,
      '  participant  discovery unicast  user unicast',
      ...shown.map((p) => (p ? `  ${String(p.participant).padStart(11)}  ${String(p.discoveryUnicast).padStart(17)}  ${String(p.userUnicast).padStart(12)}` : `  ${'…'.padStart(11)}`)),
      ...(limit ? [`  ${String(limit.participant).padStart(11)}  ${String(limit.discoveryUnicast).padStart(17)}  ${String(limit.userUnicast).padStart(12)}  ✗ ${limit.clash === 'ephemeral' ? 'ephemeral range' : limit.clash === 'next-domain' ? `domain ${t.domain + 1}'s multicast` : 'over 65535'}`] : []),
      t.verdict,
    ];
    io.out(`${lines.join('\n')}\n`);
    return t.safe ? 0 : 1;
  },
};
