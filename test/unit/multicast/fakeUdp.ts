// An in-memory multicast "kernel" for the multicast checks: joins, sends and loopback with the
// errno codes real kernels give (ENODEV, ENETUNREACH …) chosen per interface.
import { EventEmitter } from 'node:events';
import type { UdpSocket, UdpSocketFactory } from '../../../src/core/multicast/udpSocket';

export interface FakeNetOptions {
  readonly bindError?: string;
  /** Interface address → errno of addMembership. */
  readonly joinErrors?: Readonly<Record<string, string>>;
  /** Interface address (or 'routed' for a socket without one) → errno of send. */
  readonly sendErrors?: Readonly<Record<string, string>>;
  /** Interfaces whose own datagrams never come back (a local firewall). */
  readonly dropLoopback?: readonly string[];
  /** Datagrams from other machines, delivered to every receiver right after it binds. */
  readonly foreign?: ReadonlyArray<{ readonly from: string; readonly data: Buffer }>;
}

function err(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`fake ${code}`), { code });
}

export class FakeNet {
  readonly sockets: FakeSocket[] = [];
  readonly sent: Array<{ from?: string; to: string; port: number; data: string }> = [];
  constructor(readonly o: FakeNetOptions = {}) {}
  readonly factory: UdpSocketFactory = () => {
    const s = new FakeSocket(this);
    this.sockets.push(s);
    return s as unknown as UdpSocket;
  };
}

export class FakeSocket extends EventEmitter {
  port = 0;
  boundAddress: string | undefined;
  iface: string | undefined;
  loop = true;
  closed = false;
  readonly groups = new Map<string, Set<string | undefined>>();
  constructor(private readonly net: FakeNet) {
    super();
  }
  bind(opts: { port?: number; address?: string }, cb?: () => void): this {
    setImmediate(() => {
      if (this.net.o.bindError && opts.port) return void this.emit('error', err(this.net.o.bindError));
      this.port = opts.port || 40000 + this.net.sockets.indexOf(this);
      this.boundAddress = opts.address;
      cb?.();
      if (opts.port) for (const f of this.net.o.foreign ?? []) setImmediate(() => this.deliver(f.data, f.from, 7400));
    });
    return this;
  }
  addMembership(group: string, iface?: string): void {
    const code = iface !== undefined ? this.net.o.joinErrors?.[iface] : undefined;
    if (code) throw err(code);
    if (!this.groups.has(group)) this.groups.set(group, new Set());
    this.groups.get(group)!.add(iface);
  }
  setMulticastInterface(a: string): void {
    this.iface = a;
  }
  setMulticastLoopback(flag: boolean): boolean {
    this.loop = flag;
    return flag;
  }
  setMulticastTTL(ttl: number): number {
    return ttl;
  }
  send(msg: Buffer, port: number, address: string, cb?: (e: Error | null, n: number) => void): void {
    const from = this.iface ?? this.boundAddress;
    const code = this.net.o.sendErrors?.[from ?? 'routed'];
    setImmediate(() => {
      if (code) return cb?.(err(code), 0);
      this.net.sent.push({ ...(from ? { from } : {}), to: address, port, data: msg.toString() });
      cb?.(null, msg.length);
      if (!this.loop || (from && this.net.o.dropLoopback?.includes(from))) return;
      for (const s of this.net.sockets)
        if (!s.closed && s.port === port && s.groups.has(address)) s.deliver(msg, from ?? '10.0.0.99', this.port);
    });
  }
  deliver(data: Buffer, address: string, port: number): void {
    if (!this.closed) this.emit('message', data, { address, port, family: 'IPv4', size: data.length });
  }
  address() {
    return { address: this.boundAddress ?? '0.0.0.0', port: this.port, family: 'IPv4' };
  }
  close(): this {
    this.closed = true;
    return this;
  }
}
