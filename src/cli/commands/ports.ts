import { safeJson } from '../../core/text/sanitize';
import { DEFAULT_EPHEMERAL, MAX_DOMAIN_ID } from '../../core/ros/domain';
import { buildPortTable } from '../../core/ros/portTable';
import { UsageError, type CliCommand } from '../cliTypes';
import { parseCliArgs, parseOs } from '../cliOptions';
import { readHostEphemeralRange } from '../../core/ros/ephemeralRange';

export const portsCommand: CliCommand = {
  name: 'ports',
  usage: 'rosnet ports <domain> [--os linux|darwin|win32] [--json]',
  summary: 'RTPS ports of a ROS 2 domain and how many processes fit (exit 0 safe, 1 inside the ephemeral range, 2 usage error).',
  async run(args, io) {
    const { values, positionals } = parseCliArgs(args, { os: { type: 'string' }, json: { type: 'boolean' } });
    if (positionals.length !== 1) throw new UsageError('give one domain ID');
    const raw = positionals[0]!;
    if (!/^\d+$/.test(raw) || Number(raw) > MAX_DOMAIN_ID)
      throw new UsageError(`the domain must be a whole number 0–${MAX_DOMAIN_ID} (higher IDs overflow the UDP port range), got '${raw}'`);
    const os = parseOs(values.os);
    const ephemeral = (await readHostEphemeralRange(os)) ?? DEFAULT_EPHEMERAL[os];
    const t = buildPortTable(Number(raw), os, ephemeral);
    if (values.json) {
      io.out(`${safeJson(t, 2)}\n`);
      return t.safe ? 0 : 1;
    }
    const fits = t.participants.filter((p) => !p.clash);
    const shown = fits.length <= 6 ? fits : [...fits.slice(0, 4), undefined, fits[fits.length - 1]!];
    const limit = t.participants.find((p) => p.clash);
    const lines = [
      `Domain ${t.domain} on ${os} (ephemeral ports ${t.ephemeral.lo}–${t.ephemeral.hi})`,
      `  multicast  discovery ${t.discoveryMulticast}  user ${t.userMulticast}`,
      '  participant  discovery unicast  user unicast',
      ...shown.map((p) =>
        p
          ? `  ${String(p.participant).padStart(11)}  ${String(p.discoveryUnicast).padStart(17)}  ${String(p.userUnicast).padStart(12)}`
          : `  ${'…'.padStart(11)}`,
      ),
      ...(limit
        ? [
            `  ${String(limit.participant).padStart(11)}  ${String(limit.discoveryUnicast).padStart(17)}  ${String(limit.userUnicast).padStart(12)}  ✗ ${limit.clash === 'ephemeral' ? 'ephemeral range' : limit.clash === 'next-domain' ? `domain ${t.domain + 1}'s multicast` : 'over 65535'}`,
          ]
        : []),
      t.verdict,
    ];
    io.out(`${lines.join('\n')}\n`);
    return t.safe ? 0 : 1;
  },
};
