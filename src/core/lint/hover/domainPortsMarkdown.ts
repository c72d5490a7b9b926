import {
  DEFAULT_EPHEMERAL,
  MAX_DOMAIN_ID,
  MAX_PARTICIPANTS_PER_DOMAIN,
  nearestSafeDomain,
  type PortRange,
  type TargetOs,
} from '../../ros/domain';
import { buildPortTable } from '../../ros/portTable';

export interface DomainPortsOptions {
  /** Linux's range as configured on this machine (/proc/sys/net/ipv4/ip_local_port_range). */
  readonly linuxEphemeral?: PortRange;
  /** The OS this machine runs, listed first and marked. */
  readonly os?: TargetOs;
  /** How many participant rows to list before eliding (the first and the last that fit are always shown). */
  readonly rows?: number;
}

const OS_LABEL: Record<TargetOs, string> = { linux: 'Linux', darwin: 'macOS', win32: 'Windows' };

function ranges(opts: DomainPortsOptions): Array<{ os: TargetOs; range: PortRange; configured: boolean }> {
  const linux = opts.linuxEphemeral ?? DEFAULT_EPHEMERAL.linux;
  const configured =
    opts.linuxEphemeral !== undefined && (linux.lo !== DEFAULT_EPHEMERAL.linux.lo || linux.hi !== DEFAULT_EPHEMERAL.linux.hi);
  return [
    { os: 'linux' as const, range: linux, configured },
    { os: 'darwin' as const, range: DEFAULT_EPHEMERAL.darwin, configured: false },
    { os: 'win32' as const, range: DEFAULT_EPHEMERAL.win32, configured: false },
  ];
}

/** A valid ROS_DOMAIN_ID (0–232) for the calculator; anything else is undefined. */
export function domainForCalculator(value: number): number | undefined {
  return Number.isInteger(value) && value >= 0 && value <= MAX_DOMAIN_ID ? value : undefined;
}

/**
 * The ROS 2 docs' domain ID calculator as Markdown: multicast ports, per-participant unicast ports,
 * and how many participants fit on a host of each OS before the ports reach its ephemeral range.
 */
export function domainPortsMarkdown(domain: number, opts: DomainPortsOptions = {}): string {
  if (domainForCalculator(domain) === undefined) {
    return `**ROS_DOMAIN_ID ${domain}** is not a valid domain: use a whole number from 0 to ${MAX_DOMAIN_ID} (higher IDs overflow the UDP port range).`;
  }
  // One table per OS from portTable (the same rows `rosnet ports` prints): the port numbers are the
  // domain's, only where the participants stop fitting differs.
  const perOs = ranges(opts).map((r) => {
    const table = buildPortTable(domain, r.os, r.range);
    return { ...r, table, max: table.maxParticipants };
  });
  const here = perOs.find((r) => r.os === opts.os) ?? perOs.reduce((a, b) => (b.max < a.max ? b : a));
  const fitHere = here.max;
  // Rows run to the first participant that does not fit, so every row listed below is in this table.
  const d = here.table;
  const out: string[] = [];
  out.push(`**ROS_DOMAIN_ID ${domain}**: ports (UDP) from the RTPS formula \`7400 + 250·D\``, '');
  out.push('| Port | Number |', '|---|---|');
  out.push(`| Discovery multicast | ${d.discoveryMulticast} |`, `| User multicast | ${d.userMulticast} |`);
  out.push('', '| Participant | Discovery unicast | User unicast |', '|---:|---:|---:|');
  const listed = Math.max(fitHere, 1);
  const rows = opts.rows ?? 4;
  for (let p = 0; p < Math.min(rows, listed); p++) {
    const pp = d.participants[p]!;
    out.push(`| ${p} | ${pp.discoveryUnicast} | ${pp.userUnicast} |`);
  }
  if (listed > rows) {
    if (listed > rows + 1) out.push('| … | … | … |');
    const last = d.participants[listed - 1]!;
    out.push(`| ${listed - 1} | ${last.discoveryUnicast} | ${last.userUnicast} |`);
  }
  out.push('', 'One participant = one ROS 2 process. Participants that fit on one host:', '');
  out.push('| OS | Ephemeral range | Participants |', '|---|---|---:|');
  for (const r of perOs) {
    const label = `${OS_LABEL[r.os]}${r.os === opts.os ? ' (this machine)' : ''}`;
    const range = `${r.range.lo}–${r.range.hi}${r.configured ? ' (configured)' : ''}`;
    const fits = r.max === 0 ? '**0**: ports clash' : r.max < MAX_PARTICIPANTS_PER_DOMAIN ? `**${r.max}**` : `${r.max}`;
    out.push(`| ${label} | ${range} | ${fits} |`);
  }
  const unsafe = perOs.filter((r) => r.max === 0);
  if (unsafe.length) {
    const hint = unsafe.map((r) => `${OS_LABEL[r.os]}: nearest safe domain ${nearestSafeDomain(domain, r.range) ?? 'none'}`).join('; ');
    out.push('', `⚠️ Inside the ephemeral port range on ${unsafe.map((r) => OS_LABEL[r.os]).join(', ')} (${hint}).`);
  }
  out.push('', `More than ${MAX_PARTICIPANTS_PER_DOMAIN} participants on one host spill into the next domain's ports.`);
  return out.join('\n');
}
