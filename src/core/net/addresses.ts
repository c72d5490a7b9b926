import * as os from 'node:os';
import { isIpv4Literal } from '../ros/ipLiteral';

export interface LocalAddress {
  readonly iface: string;
  readonly address: string;
  readonly family: 'IPv4' | 'IPv6';
  readonly internal: boolean;
}

export function localAddresses(): LocalAddress[] {
  const out: LocalAddress[] = [];
  for (const [iface, list] of Object.entries(os.networkInterfaces())) {
    for (const a of list ?? [])
      out.push({ iface, address: a.address, family: a.family === 'IPv6' ? 'IPv6' : 'IPv4', internal: a.internal });
  }
  return out;
}

export function normalizeAddress(a: string): string {
  const s = a
    .replace(/^\[|\]$/g, '')
    .replace(/%.*$/, '')
    .toLowerCase();
  return s.startsWith('::ffff:') && isIpv4Literal(s.slice(7)) ? s.slice(7) : s;
}

export function isLoopbackAddress(a: string): boolean {
  const s = normalizeAddress(a);
  return /^127\./.test(s) || s === '::1';
}

/** One inet_aton part: decimal, 0x hex or 0-prefixed octal (what getaddrinfo accepts for IPv4). */
function inetAtonPart(p: string): number | undefined {
  if (/^0[xX][0-9a-fA-F]*$/.test(p)) return p.length === 2 ? 0 : parseInt(p.slice(2), 16);
  if (/^0[0-7]*$/.test(p)) return parseInt(p, 8);
  if (/^[1-9][0-9]*$/.test(p)) return Number(p);
  return undefined;
}

/**
 * The unspecified ("any", wildcard) address in any spelling a resolver accepts: 0.0.0.0, 0, 0x0,
 * 0.0, 000.000.000.000, ::, ::0, 0:0:0:0:0:0:0:0, [::], ::ffff:0.0.0.0. A socket may bind it; nobody
 * can connect to it as someone else's address.
 */
export function isUnspecifiedAddress(a: string): boolean {
  const s = a
    .trim()
    .replace(/^\[|\]$/g, '')
    .replace(/%.*$/, '')
    .toLowerCase();
  if (s === '') return false;
  if (s.includes(':')) {
    if (!/^[0-9a-f:.]+$/.test(s) || (s.match(/::/g)?.length ?? 0) > 1) return false;
    const mapped = /^(?:0{0,4}:){0,5}(?::|0{0,4}:)?ffff:(.+)$/.exec(s);
    if (mapped && mapped[1]!.includes('.')) return isUnspecifiedAddress(mapped[1]!);
    return /^[0:]+$/.test(s) && (s.includes('::') || s.split(':').length === 8);
  }
  const parts = s.split('.');
  if (parts.length > 4) return false;
  const values = parts.map(inetAtonPart);
  return values.every((v) => v === 0);
}
