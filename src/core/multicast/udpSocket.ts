import * as dgram from 'node:dgram';

/** The part of a dgram socket the multicast checks use; injected so tests can fake kernel errors. */
export type UdpSocket = Pick<
  dgram.Socket,
  | 'bind'
  | 'addMembership'
  | 'setMulticastInterface'
  | 'setMulticastLoopback'
  | 'setMulticastTTL'
  | 'send'
  | 'on'
  | 'once'
  | 'address'
  | 'close'
>;

export type UdpSocketFactory = (opts: { readonly type: 'udp4'; readonly reuseAddr?: boolean }) => UdpSocket;

export const nodeUdpSockets: UdpSocketFactory = (opts) => dgram.createSocket({ type: opts.type, reuseAddr: opts.reuseAddr ?? false });

/** Binds and resolves, or rejects with the bind error (EADDRINUSE, EADDRNOTAVAIL …). */
export function bindSocket(s: UdpSocket, port: number, address?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => reject(e);
    s.once('error', onError);
    s.bind({ port, ...(address ? { address } : {}) }, () => {
      s.on('error', () => undefined); // later errors are reported per send
      resolve();
    });
  });
}

/** Sends one datagram; resolves with the error code, or undefined when the kernel took it. */
export function sendDatagram(s: UdpSocket, msg: Uint8Array, port: number, address: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    try {
      s.send(msg, port, address, (err) => resolve(err ? errorCode(err) : undefined));
    } catch (e) {
      resolve(errorCode(e));
    }
  });
}

export function errorCode(e: unknown): string {
  const c = (e as NodeJS.ErrnoException | undefined)?.code;
  return typeof c === 'string' && c ? c : e instanceof Error ? e.message : String(e);
}

export function closeQuietly(s: UdpSocket | undefined): void {
  try {
    s?.close();
  } catch {
    // already closed
  }
}
