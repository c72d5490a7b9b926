// A stand-in for dgram sockets so tests can feed datagrams straight into the monitor or the probe
// (fuzzing, floods) and count what they try to send. Binding always succeeds.
import { EventEmitter } from 'node:events';
import type * as dgram from 'node:dgram';

export class FakeSocket extends EventEmitter {
  readonly sent: { bytes: Uint8Array; port: number; address: string }[] = [];
  private port = 0;
  constructor(private readonly onSend?: (s: FakeSocket) => void) {
    super();
  }
  bind(o: { port: number }, cb: () => void): this {
    this.port = o.port || 40000 + Math.floor(Math.random() * 20000);
    setImmediate(cb);
    return this;
  }
  address(): { address: string; port: number; family: string } {
    return { address: '0.0.0.0', port: this.port, family: 'IPv4' };
  }
  addMembership(): void {}
  setMulticastInterface(): void {}
  setMulticastLoopback(): void {}
  send(bytes: Uint8Array, port: number, address: string, cb?: (e: Error | null) => void): void {
    this.sent.push({ bytes, port, address });
    this.onSend?.(this);
    cb?.(null);
  }
  close(): void {
    this.removeAllListeners('message');
  }
  /** Delivers one datagram as if it came from `address`. */
  deliver(bytes: Uint8Array, address = '10.0.0.9', port = 7410): void {
    const rinfo: dgram.RemoteInfo = { address, port, family: 'IPv4', size: bytes.length };
    this.emit('message', Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), rinfo);
  }
}

/** A socket factory that remembers every socket it made. */
export function fakeSocketFactory(): { factory: (o: dgram.SocketOptions) => dgram.Socket; sockets: FakeSocket[] } {
  const sockets: FakeSocket[] = [];
  return {
    sockets,
    factory: () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s as unknown as dgram.Socket;
    },
  };
}
