/**
 * DDS/RTPS port arithmetic for ROS_DOMAIN_ID (ros2_documentation "About Domain ID" calculator,
 * ros-network-env.md §2).
 */
export const PORT_BASE = 7400;
export const DOMAIN_GAIN = 250;
export const PARTICIPANT_GAIN = 2;
export const MAX_DOMAIN_ID = 232;
export const MAX_PARTICIPANTS_PER_DOMAIN = 120;

export type TargetOs = 'linux' | 'darwin' | 'win32';

export const TARGET_OSES: readonly TargetOs[] = ['linux', 'darwin', 'win32'];

/** The OS whose port rules apply on a Node `process.platform`: other Unixes count as Linux. */
export function targetOsOf(platform: string): TargetOs {
  return platform === 'darwin' || platform === 'win32' ? platform : 'linux';
}

export interface PortRange {
  readonly lo: number;
  readonly hi: number;
}

export const DEFAULT_EPHEMERAL: Record<TargetOs, PortRange> = {
  linux: { lo: 32768, hi: 60999 },
  darwin: { lo: 49152, hi: 65535 },
  win32: { lo: 49152, hi: 65535 },
};

export interface ParticipantPorts {
  readonly participant: number;
  readonly discoveryUnicast: number;
  readonly userUnicast: number;
}

export interface DomainPorts {
  readonly domain: number;
  readonly discoveryMulticast: number;
  readonly userMulticast: number;
  participant(p: number): ParticipantPorts;
}

export function domainPorts(domain: number): DomainPorts {
  const base = PORT_BASE + DOMAIN_GAIN * domain;
  return {
    domain,
    discoveryMulticast: base,
    userMulticast: base + 1,
    participant: (p) => ({
      participant: p,
      discoveryUnicast: base + 10 + PARTICIPANT_GAIN * p,
      userUnicast: base + 11 + PARTICIPANT_GAIN * p,
    }),
  };
}

function inRange(port: number, r: PortRange): boolean {
  return port >= r.lo && port <= r.hi;
}

/** How many participants (ROS 2 processes) fit on one host before a port clash or overflow. */
/**
 * One number per (domain, range) for the caches below: exact for integer domains and ports
 * (domain < 2^21, ports < 2^16); undefined for anything else, which is computed every time.
 */
function cacheKey(domain: number, ephemeral: PortRange): number | undefined {
  return Number.isInteger(domain) &&
    domain >= 0 &&
    domain < 2 ** 21 &&
    Number.isInteger(ephemeral.lo) &&
    Number.isInteger(ephemeral.hi) &&
    ephemeral.lo >= 0 &&
    ephemeral.hi >= 0 &&
    ephemeral.lo < 65536 &&
    ephemeral.hi < 65536
    ? (domain * 65536 + ephemeral.lo) * 65536 + ephemeral.hi
    : undefined;
}

/** By domain and range: the lint asks once per ROS_DOMAIN_ID assignment, and files repeat a few domains. */
const MAX_PARTICIPANTS = new Map<number, number>();

export function maxParticipants(domain: number, ephemeral: PortRange): number {
  const key = cacheKey(domain, ephemeral);
  if (key === undefined) return countParticipants(domain, ephemeral);
  let n = MAX_PARTICIPANTS.get(key);
  if (n === undefined) {
    n = countParticipants(domain, ephemeral);
    if (MAX_PARTICIPANTS.size >= 4096) MAX_PARTICIPANTS.clear();
    MAX_PARTICIPANTS.set(key, n);
  }
  return n;
}

function countParticipants(domain: number, ephemeral: PortRange): number {
  const d = domainPorts(domain);
  if (d.userMulticast > 65535 || inRange(d.discoveryMulticast, ephemeral) || inRange(d.userMulticast, ephemeral)) return 0;
  let n = 0;
  for (let p = 0; p < MAX_PARTICIPANTS_PER_DOMAIN; p++) {
    const pp = d.participant(p);
    if (pp.userUnicast > 65535 || inRange(pp.discoveryUnicast, ephemeral) || inRange(pp.userUnicast, ephemeral)) break;
    n++;
  }
  return n;
}

export interface DomainAssessment {
  readonly domain: number;
  readonly valid: boolean;
  /** True when no port of the first participant falls in the ephemeral range. */
  readonly safe: boolean;
  readonly maxParticipants: number;
  readonly ephemeral: PortRange;
  readonly firstPort: number;
  readonly lastPort: number;
}

const ASSESSMENTS = new Map<number, DomainAssessment>();

/** Assessments are read-only and cached like maxParticipants (each one builds the domain's port table). */
export function assessDomain(domain: number, ephemeral: PortRange): DomainAssessment {
  const key = cacheKey(domain, ephemeral);
  if (key === undefined) return assess(domain, ephemeral);
  let a = ASSESSMENTS.get(key);
  if (!a) {
    a = assess(domain, ephemeral);
    if (ASSESSMENTS.size >= 4096) ASSESSMENTS.clear();
    ASSESSMENTS.set(key, a);
  }
  return a;
}

function assess(domain: number, ephemeral: PortRange): DomainAssessment {
  const valid = Number.isInteger(domain) && domain >= 0 && domain <= MAX_DOMAIN_ID;
  const d = domainPorts(domain);
  const max = valid ? maxParticipants(domain, ephemeral) : 0;
  const lastP = Math.max(max, 1) - 1;
  return {
    domain,
    valid,
    safe: valid && max > 0,
    maxParticipants: max,
    ephemeral,
    firstPort: d.discoveryMulticast,
    lastPort: d.participant(lastP).userUnicast,
  };
}

/** Nearest domain ID whose ports stay clear of the ephemeral range (ties go to the lower ID). */
export function nearestSafeDomain(domain: number, ephemeral: PortRange): number | undefined {
  for (let delta = 0; delta <= MAX_DOMAIN_ID; delta++) {
    for (const cand of [domain - delta, domain + delta]) {
      if (cand >= 0 && cand <= MAX_DOMAIN_ID && maxParticipants(cand, ephemeral) > 0) return cand;
    }
  }
  return undefined;
}

/** Parses /proc/sys/net/ipv4/ip_local_port_range content ("32768\t60999\n"). */
export function parseEphemeralRange(text: string): PortRange | undefined {
  const m = /^\s*(\d+)\s+(\d+)\s*$/.exec(text);
  if (!m) return undefined;
  const lo = Number(m[1]);
  const hi = Number(m[2]);
  return lo > 0 && hi >= lo && hi <= 65535 ? { lo, hi } : undefined;
}

/**
 * rcl reads ROS_DOMAIN_ID with strtoul(value, &end, 0): octal for a leading 0, hex for 0x, trailing
 * junk ignored unless nothing parsed. Returns what rcl will actually use.
 */
export type DomainIdParse =
  { kind: 'unset' } | { kind: 'decimal'; value: number } | { kind: 'lenient'; value: number; why: string } | { kind: 'error'; why: string };

export function parseDomainIdLikeRcl(raw: string): DomainIdParse {
  if (raw === '') return { kind: 'unset' };
  if (/^(0|[1-9]\d*)$/.test(raw)) {
    const v = Number(raw);
    return v > Number.MAX_SAFE_INTEGER ? { kind: 'error', why: 'out of range' } : { kind: 'decimal', value: v };
  }
  // strtoul skips leading whitespace and accepts a sign.
  const m = /^\s*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)?(.*)$/s.exec(raw)!;
  const sign = m[1];
  const digits = m[2];
  const rest = m[3] ?? '';
  if (!digits) return { kind: 'error', why: 'not an integral number (rcl: "ROS_DOMAIN_ID is not an integral number")' };
  let value: number;
  let base = 'decimal';
  if (/^0[xX]/.test(digits)) {
    value = parseInt(digits.slice(2), 16);
    base = 'hexadecimal';
  } else if (digits.length > 1 && digits.startsWith('0')) {
    value = parseInt(digits, 8);
    base = 'octal';
  } else value = Number(digits);
  if (sign === '-' && value !== 0) {
    return {
      kind: 'lenient',
      value: 0,
      why: `negative values wrap to SIZE_MAX, the "default domain" marker, so the middleware uses domain 0`,
    };
  }
  if (value === 0 && rest !== '') return { kind: 'error', why: 'not an integral number (rcl: "ROS_DOMAIN_ID is not an integral number")' };
  const reasons: string[] = [];
  if (base !== 'decimal') reasons.push(`'${digits}' is read as ${base}`);
  if (rest !== '') reasons.push(`the trailing '${rest}' is ignored`);
  if (/^\s/.test(raw)) reasons.push('leading whitespace is skipped');
  return { kind: 'lenient', value, why: reasons.join('; ') || 'not a plain decimal' };
}
