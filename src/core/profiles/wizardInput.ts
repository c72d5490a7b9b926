// What the Create Profile wizard accepts and suggests, apart from the UI (tested in Node).
import { isIpLiteral } from '../ros/ipLiteral';
import { MAX_DOMAIN_ID } from '../ros/domain';
import { ROS2_DISTROS } from '../ros/variables';
import { isLoopbackAddress, normalizeAddress, type LocalAddress } from '../net/addresses';

export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** A ROS_DOMAIN_ID typed by the user; the message speaks about what was typed. */
export function checkDomainInput(raw: string): Checked<number> {
  const v = raw.trim();
  if (v === '') return { ok: false, message: 'Enter a domain ID: a whole number from 0 to 232 (0 is the default)' };
  if (/^[+-]?\d+$/.test(v)) {
    if (v.startsWith('-')) return { ok: false, message: `${v} is negative: domain IDs go from 0 to 232` };
    if (v.startsWith('+')) return { ok: false, message: `Write ${v.slice(1)} without the '+'` };
    if (v.length > 1 && v.startsWith('0'))
      return {
        ok: false,
        message: `rcl reads '${v}' as octal (${/^[0-7]+$/.test(v) ? `domain ${parseInt(v, 8)}` : 'an error'}); write ${Number(v)} without the leading zero`,
      };
    const n = Number(v);
    if (n > MAX_DOMAIN_ID) return { ok: false, message: `${n} is above ${MAX_DOMAIN_ID}: its ports would exceed 65535` };
    return { ok: true, value: n };
  }
  return { ok: false, message: `'${v}' is not a number: enter a whole number from 0 to 232` };
}

const WILDCARDS = new Set(['0.0.0.0', '::', '0:0:0:0:0:0:0:0']);

/** A ROS_IP typed by the user: trimmed, a literal address, not the wildcard. */
export function checkRosIpInput(raw: string): Checked<string> {
  const v = raw.trim();
  if (v === '') return { ok: false, message: 'Enter an IP address of this machine that the other machines can reach' };
  if (WILDCARDS.has(normalizeAddress(v)))
    return {
      ok: false,
      message: `${v} is the wildcard address: other machines cannot connect to it. Enter one of this machine's addresses`,
    };
  if (/\s/.test(v)) return { ok: false, message: `'${v}' contains a space: enter one address` };
  if (isIpLiteral(v)) return { ok: true, value: v };
  if (/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i.test(v) && /[a-z]/i.test(v))
    return { ok: false, message: `'${v}' is a host name: ROS_IP takes an address (go back and choose ROS_HOSTNAME for names)` };
  return { ok: false, message: `'${v}' is not an IPv4 or IPv6 address` };
}

/** A ROS_HOSTNAME typed by the user: trimmed, no scheme, port or wildcard. */
export function checkHostnameInput(raw: string): Checked<string> {
  const v = raw.trim();
  if (v === '') return { ok: false, message: 'Enter the name (or address) other machines use to reach this one' };
  if (WILDCARDS.has(normalizeAddress(v)))
    return { ok: false, message: `${v} is the wildcard address: other machines cannot connect to it` };
  if (/\s/.test(v)) return { ok: false, message: `'${v}' contains a space` };
  if (v.includes('://')) return { ok: false, message: 'Enter the host only, without http://' };
  if (!isIpLiteral(v) && /:\d+$/.test(v)) return { ok: false, message: 'Enter the host only, without a port' };
  return { ok: true, value: v };
}

export interface AddressSuggestion {
  readonly address: string;
  /** "eth0, route to hal" */
  readonly detail: string;
  /** The source address of the route to the master. */
  readonly routesToMaster: boolean;
}

/**
 * This machine's addresses for ROS_IP, the one the kernel would use to reach the master first,
 * then other non-loopback IPv4, then IPv6 (link-local last: it needs a zone), loopback last unless
 * the master is on this machine.
 */
export function suggestAddresses(
  locals: readonly LocalAddress[],
  masterHost: string | undefined,
  routeSource: string | undefined,
): AddressSuggestion[] {
  const seen = new Set<string>();
  const out: Array<AddressSuggestion & { rank: number }> = [];
  const route = routeSource && normalizeAddress(routeSource);
  const masterLocal = masterHost !== undefined && (masterHost === 'localhost' || isLoopbackAddress(masterHost));
  for (const a of locals) {
    const address = normalizeAddress(a.address);
    if (seen.has(address) || WILDCARDS.has(address)) continue;
    seen.add(address);
    const routes = route === address;
    const linkLocal = /^fe80:/i.test(address);
    const rank = routes ? 0 : a.internal ? (masterLocal ? 1 : 5) : a.family === 'IPv4' ? 2 : linkLocal ? 4 : 3;
    const detail = [
      a.iface,
      routes && masterHost ? `route to ${masterHost}` : undefined,
      a.internal ? 'loopback: this machine only' : undefined,
    ]
      .filter(Boolean)
      .join(', ');
    out.push({ address, detail, routesToMaster: routes, rank });
  }
  return out.sort((x, y) => x.rank - y.rank).map(({ rank: _rank, ...s }) => s);
}

/** Discovery settings by distro: ROS_AUTOMATIC_DISCOVERY_RANGE/ROS_STATIC_PEERS exist from Iron on. */
export function discoveryStyle(distro: string | undefined): 'range' | 'localhost-only' | 'unknown' {
  const d = distro?.trim().toLowerCase();
  if (!d) return 'unknown';
  const i = (ROS2_DISTROS as readonly string[]).indexOf(d);
  if (i < 0) return 'unknown';
  return i >= ROS2_DISTROS.indexOf('iron') ? 'range' : 'localhost-only';
}

export const RMW_CHOICES = [
  { id: 'rmw_fastrtps_cpp', detail: 'Fast DDS: the default of Humble–Kilted' },
  { id: 'rmw_cyclonedds_cpp', detail: 'Cyclone DDS' },
  { id: 'rmw_zenoh_cpp', detail: 'Zenoh: needs a running router (ros2 run rmw_zenoh_cpp rmw_zenohd)' },
  { id: 'rmw_connextdds', detail: 'RTI Connext DDS' },
] as const;
