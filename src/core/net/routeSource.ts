import * as dgram from 'node:dgram';
import { withTimeout } from './lookup';

/**
 * The local source address for a destination: a connected UDP socket is bound by the kernel to
 * the route's source address without sending anything (portable; works in network namespaces).
 */
export function udpRouteSource(address: string, timeoutMs: number): Promise<string | undefined> {
  // An address literal: only IPv6 has a ':' (see ros/ipLiteral.ts for why not net.isIPv6).
  const type = address.includes(':') ? 'udp6' : 'udp4';
  return withTimeout(
    new Promise<string | undefined>((resolve) => {
      const s = dgram.createSocket(type);
      const done = (v: string | undefined) => {
        try {
          s.close();
        } catch {
          // already closed
        }
        resolve(v);
      };
      s.on('error', () => done(undefined));
      try {
        s.connect(9, address, () => {
          try {
            done(s.address().address);
          } catch {
            done(undefined);
          }
        });
      } catch {
        done(undefined);
      }
    }),
    timeoutMs,
    'route lookup',
  ).catch(() => undefined);
}
