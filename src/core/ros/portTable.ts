import { DEFAULT_EPHEMERAL, domainPorts, MAX_DOMAIN_ID, MAX_PARTICIPANTS_PER_DOMAIN, type PortRange, type TargetOs } from './domain';

export interface ParticipantRow {
  readonly participant: number;
  readonly discoveryUnicast: number;
  readonly userUnicast: number;
  /** Why this participant does not fit; undefined when it does. */
  readonly clash?: 'ephemeral' | 'next-domain' | 'over-65535';
}

export interface PortTable {
  readonly domain: number;
  readonly os: TargetOs;
  readonly ephemeral: PortRange;
  readonly discoveryMulticast: number;
  readonly userMulticast: number;
  /** Participants 0..maxParticipants-1 (all fit), then the first one that does not, if any. */
  readonly participants: readonly ParticipantRow[];
  readonly maxParticipants: number;
  /** The multicast ports and participant 0 stay clear of the ephemeral range and 65535. */
  readonly safe: boolean;
  /** One sentence for people: what the numbers mean for this domain on this OS. */
  readonly verdict: string;
}

const inRange = (p: number, r: PortRange) => p >= r.lo && p <= r.hi;
const OS_NAME: Record<TargetOs, string> = { linux: 'Linux', darwin: 'macOS', win32: 'Windows' };

/**
 * The RTPS port table of one domain (ros-network-env.md §2): multicast ports, unicast ports per
 * participant, how many participants fit before the ephemeral range or the next domain, and a
 * verdict. Pure: the caller passes the OS and (on Linux) the range read from /proc.
 */
export function buildPortTable(domain: number, os: TargetOs, ephemeral: PortRange = DEFAULT_EPHEMERAL[os]): PortTable {
  if (!Number.isInteger(domain) || domain < 0 || domain > MAX_DOMAIN_ID)
    throw new RangeError(`domain must be an integer 0–${MAX_DOMAIN_ID}`);
  const d = domainPorts(domain);
  const multicastOk = !inRange(d.discoveryMulticast, ephemeral) && !inRange(d.userMulticast, ephemeral);
  const participants: ParticipantRow[] = [];
  for (let p = 0; p <= MAX_PARTICIPANTS_PER_DOMAIN; p++) {
    const pp = d.participant(p);
    const clash: ParticipantRow['clash'] =
      pp.userUnicast > 65535
        ? 'over-65535'
        : p >= MAX_PARTICIPANTS_PER_DOMAIN
          ? 'next-domain'
          : !multicastOk || inRange(pp.discoveryUnicast, ephemeral) || inRange(pp.userUnicast, ephemeral)
            ? 'ephemeral'
            : undefined;
    participants.push({ ...pp, ...(clash ? { clash } : {}) });
    if (clash) break;
  }
  const max = participants.filter((r) => !r.clash).length;
  const range = `${ephemeral.lo}–${ephemeral.hi}`;
  const last = participants[max - 1];
  const limit = participants[max];
  const why =
    limit?.clash === 'ephemeral'
      ? `participant ${limit.participant} would use ${limit.discoveryUnicast}/${limit.userUnicast}, inside the ${OS_NAME[os]} ephemeral range ${range}`
      : limit?.clash === 'over-65535'
        ? `participant ${limit.participant} would need port ${limit.userUnicast} > 65535`
        : `participant ${MAX_PARTICIPANTS_PER_DOMAIN} would take domain ${domain + 1}'s multicast ports`;
  const verdict =
    max === 0
      ? `Unsafe on ${OS_NAME[os]}: the ports of domain ${domain} (from ${d.discoveryMulticast}) fall in the ephemeral range ${range}, where other programs' outgoing connections can take them.`
      : `Safe on ${OS_NAME[os]}: at most ${max} ROS 2 processes per host (ports ${d.discoveryMulticast}–${last!.userUnicast}); ${why}.`;
  return {
    domain,
    os,
    ephemeral,
    discoveryMulticast: d.discoveryMulticast,
    userMulticast: d.userMulticast,
    participants,
    maxParticipants: max,
    safe: max > 0,
    verdict,
  };
}
