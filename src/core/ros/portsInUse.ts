// Which RTPS participant indexes of a domain are taken on this host, from the UDP sockets the kernel
// lists in /proc/net/udp and /proc/net/udp6 (Linux). A participant with index i binds the discovery
// and user unicast ports 7410+250·d+2i and 7411+250·d+2i; participants without an index (Cyclone
// DDS by default) bind random ports and show only on the domain's multicast port.
import { domainPorts, MAX_PARTICIPANTS_PER_DOMAIN } from './domain';

export const PROC_NET_UDP = '/proc/net/udp';
export const PROC_NET_UDP6 = '/proc/net/udp6';

export interface BoundUdpSocket {
  readonly address: string;
  readonly port: number;
  readonly inode: number;
}

function ipv4FromHex(h: string): string {
  // The kernel prints the address as one 32-bit word in host order (little-endian on x86/ARM).
  const n = parseInt(h, 16);
  return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24].join('.');
}

function ipv6FromHex(h: string): string {
  const bytes: number[] = [];
  for (let w = 0; w < 4; w++) {
    const word = h.slice(w * 8, w * 8 + 8);
    for (let b = 3; b >= 0; b--) bytes.push(parseInt(word.slice(b * 2, b * 2 + 2), 16));
  }
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  // The URL parser writes the canonical (RFC 5952) form: '::1', '::ffff:10.0.0.1'-style compression.
  return new URL(`http://[${groups.join(':')}]/`).hostname.slice(1, -1);
}

/** Bound sockets of one /proc/net/udp{,6} text; malformed lines are skipped. */
export function parseProcNetUdp(text: string): BoundUdpSocket[] {
  const out: BoundUdpSocket[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10 || !/^\d+:$/.test(f[0]!)) continue;
    const m = /^([0-9A-Fa-f]{8}|[0-9A-Fa-f]{32}):([0-9A-Fa-f]{4})$/.exec(f[1]!);
    if (!m) continue;
    out.push({
      address: m[1]!.length === 8 ? ipv4FromHex(m[1]!) : ipv6FromHex(m[1]!),
      port: parseInt(m[2]!, 16),
      inode: Number(f[9]),
    });
  }
  return out;
}

export interface TakenIndex {
  readonly participant: number;
  readonly discoveryUnicast: number;
  readonly userUnicast: number;
  /** Addresses the index's ports are bound to (0.0.0.0 = all). */
  readonly addresses: readonly string[];
}

export interface DomainPortUse {
  readonly domain: number;
  /** Participants that fit on this host (ports below the ephemeral range); see ros/domain.ts. */
  readonly capacity: number;
  readonly discoveryMulticastPort: number;
  /** Sockets bound to the discovery multicast port: about one or two per participant of the domain here. */
  readonly multicastSockets: number;
  readonly taken: readonly TakenIndex[];
  /** The lowest index not taken, if it fits. */
  readonly nextFree?: number;
}

export function domainPortUse(domain: number, sockets: readonly BoundUdpSocket[], capacity: number): DomainPortUse {
  const d = domainPorts(domain);
  const byPort = new Map<number, Set<string>>();
  for (const s of sockets) {
    let set = byPort.get(s.port);
    if (!set) byPort.set(s.port, (set = new Set()));
    set.add(s.address);
  }
  const taken: TakenIndex[] = [];
  for (let i = 0; i < MAX_PARTICIPANTS_PER_DOMAIN; i++) {
    const p = d.participant(i);
    const a = byPort.get(p.discoveryUnicast);
    const b = byPort.get(p.userUnicast);
    if (!a && !b) continue;
    taken.push({ ...p, addresses: [...new Set([...(a ?? []), ...(b ?? [])])].sort() });
  }
  const used = new Set(taken.map((t) => t.participant));
  let nextFree: number | undefined;
  for (let i = 0; i < capacity; i++)
    if (!used.has(i)) {
      nextFree = i;
      break;
    }
  return {
    domain,
    capacity,
    discoveryMulticastPort: d.discoveryMulticast,
    multicastSockets: sockets.filter((s) => s.port === d.discoveryMulticast).length,
    taken,
    ...(nextFree !== undefined ? { nextFree } : {}),
  };
}

export type PortUseReading =
  { readonly ok: true; readonly sockets: readonly BoundUdpSocket[] } | { readonly ok: false; readonly reason: string };

/** The host's bound UDP sockets; says why when it cannot know (not Linux, /proc unreadable). */
export async function readBoundUdpSockets(
  platform: NodeJS.Platform,
  readText: (path: string) => Promise<string | undefined>,
): Promise<PortUseReading> {
  if (platform !== 'linux') return { ok: false, reason: `needs ${PROC_NET_UDP} (Linux); it cannot run on ${platform}.` };
  const [v4, v6] = await Promise.all([readText(PROC_NET_UDP), readText(PROC_NET_UDP6)]);
  if (v4 === undefined && v6 === undefined) return { ok: false, reason: `${PROC_NET_UDP} cannot be read.` };
  return { ok: true, sockets: [...parseProcNetUdp(v4 ?? ''), ...parseProcNetUdp(v6 ?? '')] };
}
