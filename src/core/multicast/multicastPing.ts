// A two-machine multicast test that interoperates with `ros2 multicast send|receive` (ros2cli's
// ros2multicast: 'Hello World!' to 225.0.0.1:49150): either side can be ours or theirs.
import type { LocalAddress } from '../net/addresses';
import { multicastAdvice, type MulticastAdvice } from './multicastAdvice';
import { bindSocket, closeQuietly, errorCode, sendDatagram, type UdpSocket, type UdpSocketFactory } from './udpSocket';

export const ROS2_MULTICAST_GROUP = '225.0.0.1';
export const ROS2_MULTICAST_PORT = 49150;
export const ROS2_MULTICAST_MESSAGE = 'Hello World!';

export interface MulticastTarget {
  readonly group: string;
  readonly port: number;
  /** A local IPv4 address to send from / join on; without it the routing table decides (like ros2). */
  readonly interfaceAddress?: string;
}

export type SendResult =
  { readonly ok: true; readonly bytes: number } | { readonly ok: false; readonly code: string; readonly advice: MulticastAdvice };

export async function sendMulticast(
  t: MulticastTarget & { readonly message?: string; readonly ttl?: number },
  createSocket: UdpSocketFactory,
): Promise<SendResult> {
  const s = createSocket({ type: 'udp4' });
  const where = { group: t.group, port: t.port, ...(t.interfaceAddress ? { iface: t.interfaceAddress } : {}) };
  try {
    try {
      await bindSocket(s, 0, t.interfaceAddress);
      if (t.interfaceAddress) s.setMulticastInterface(t.interfaceAddress);
      s.setMulticastTTL(t.ttl ?? 1);
    } catch (e) {
      const code = errorCode(e);
      return { ok: false, code, advice: multicastAdvice('send', code, where) };
    }
    const msg = Buffer.from(t.message ?? ROS2_MULTICAST_MESSAGE, 'utf8');
    const code = await sendDatagram(s, msg, t.port, t.group);
    return code ? { ok: false, code, advice: multicastAdvice('send', code, where) } : { ok: true, bytes: msg.length };
  } finally {
    closeQuietly(s);
  }
}

export type ReceiveResult =
  | { readonly ok: true; readonly from: { readonly address: string; readonly port: number }; readonly data: Buffer }
  | { readonly ok: false; readonly step: 'bind' | 'join' | 'remote'; readonly code?: string; readonly advice: MulticastAdvice };

/**
 * Waits for the first datagram on the group. Without an interface it joins on every IPv4 address of
 * this machine (ros2 joins only on the routing table's choice, INADDR_ANY), so a second NIC counts.
 */
export async function receiveMulticast(
  t: MulticastTarget & { readonly timeoutMs: number; readonly interfaces: readonly LocalAddress[]; readonly signal?: AbortSignal },
  createSocket: UdpSocketFactory,
): Promise<ReceiveResult> {
  const s: UdpSocket = createSocket({ type: 'udp4', reuseAddr: true });
  const where = { group: t.group, port: t.port, ...(t.interfaceAddress ? { iface: t.interfaceAddress } : {}) };
  try {
    try {
      await bindSocket(s, t.port);
    } catch (e) {
      const code = errorCode(e);
      return { ok: false, step: 'bind', code, advice: multicastAdvice('bind', code, where) };
    }
    const on = t.interfaceAddress
      ? [t.interfaceAddress]
      : t.interfaces.filter((a) => a.family === 'IPv4' && !a.internal).map((a) => a.address);
    let joined = 0;
    let firstError: string | undefined;
    for (const addr of on.length ? on : [undefined]) {
      try {
        s.addMembership(t.group, addr);
        joined++;
      } catch (e) {
        firstError ??= errorCode(e);
      }
    }
    if (joined === 0) return { ok: false, step: 'join', code: firstError, advice: multicastAdvice('join', firstError, where) };
    return await new Promise<ReceiveResult>((resolve) => {
      const done = (r: ReceiveResult) => {
        clearTimeout(timer);
        t.signal?.removeEventListener('abort', onAbort);
        resolve(r);
      };
      const silent = (): ReceiveResult => ({ ok: false, step: 'remote', advice: multicastAdvice('remote', undefined, where) });
      const onAbort = () => done(silent());
      const timer = setTimeout(onAbort, t.timeoutMs);
      t.signal?.addEventListener('abort', onAbort, { once: true });
      s.on('message', (data, rinfo) => done({ ok: true, from: { address: rinfo.address, port: rinfo.port }, data }));
    });
  } finally {
    closeQuietly(s);
  }
}
