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
