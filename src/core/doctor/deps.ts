import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import { execFile } from 'node:child_process';
import { callXmlRpc, type RpcOptions } from '../probe/xmlrpcCall';
import { localAddresses, type LocalAddress } from '../net/addresses';
import { udpRouteSource } from '../net/routeSource';
import { tcpPortOpen, type TcpPortCheck } from '../net/tcpPortOpen';
import { nodeLookup } from '../net/lookup';
import { checkMulticast, type MulticastCheckResult } from '../multicast/multicastCheck';
import { nodeUdpSockets } from '../multicast/udpSocket';
import { pingDiscoveryServer } from '../rtps/discoveryServerPing';
import { createRos2Monitor, type Ros2DomainView } from '../rtps/monitor';

export type { LocalAddress };

export interface RouteSource {
  /** The local address the kernel would send from to reach the target; undefined when there is no route. */
  readonly address?: string;
  /** How it was found (the UDP-connect result, `ip route get` output), for the evidence. */
  readonly detail: readonly string[];
}

export interface Listener {
  readonly port: number;
  close(): Promise<void>;
}

/** A discovery server's answer to one ping. */
export type DsPing =
  | { readonly kind: 'answered'; readonly roundTripMs: number }
  /** ICMP port unreachable on a connected socket: the host is there, no server on the port. */
  | { readonly kind: 'refused'; readonly roundTripMs: number }
  /** Nothing within the timeout. */
  | { readonly kind: 'silent' }
  | { readonly kind: 'error'; readonly code: string };

/** The ROS 2 checks that touch the network: each listens or sends for a bounded time. */
export interface Ros2LiveDeps {
  /** The multicast check on the domain's SPDP group (core/multicast). */
  multicast(domain: number, o: { readonly timeoutMs: number; readonly listenMs: number }): Promise<MulticastCheckResult>;
  /** The passive monitor's table after listening for `listenMs` (core/rtps/monitor); sends nothing. */
  observeDomain(domain: number, listenMs: number): Promise<Ros2DomainView>;
  /**
   * One discovery-server ping. `answers`: whether it can see a server answer (the RTPS ping) or
   * only a refusal (a plain UDP probe); silence means "unreachable" only in the first case.
   */
  readonly pingDiscoveryServer: ((address: string, port: number, timeoutMs: number) => Promise<DsPing>) & { readonly answers: boolean };
  /** rmw_zenoh: one TCP connect to the router's endpoint (core/net/tcpPortOpen). */
  tcpPortOpen(host: string, port: number, timeoutMs: number, signal?: AbortSignal): Promise<TcpPortCheck>;
}

/**
 * Everything the doctor does to the outside world, injected so the checks run against real
 * loopback servers and real interfaces in tests, with DNS answers supplied where a real resolver
 * cannot produce the case.
 */
export interface DoctorDeps {
  /** All addresses of a name (getaddrinfo); rejects with an error whose `code` is ENOTFOUND etc. */
  lookup(host: string, opts?: { readonly timeoutMs?: number; readonly signal?: AbortSignal }): Promise<string[]>;
  interfaces(): LocalAddress[];
  hostname(): string;
  /** `evidence`: also gather the slower, human-readable evidence (`ip route get`), not only the address. */
  routeSource(address: string, timeoutMs: number, opts?: { readonly evidence?: boolean }): Promise<RouteSource>;
  rpc(uri: string, method: string, params: readonly unknown[], opts: RpcOptions): Promise<unknown>;
  /** Starts a throwaway XML-RPC endpoint (answers getPid) on one local address, port 0. */
  listen(address: string): Promise<Listener>;
  readText(path: string): Promise<string | undefined>;
  exists(path: string): Promise<boolean>;
  now(): number;
  readonly platform: NodeJS.Platform;
  readonly ros2Live: Ros2LiveDeps;
}

/** The RTPS discovery-server ping (core/rtps) in the doctor's terms. */
export const rtpsServerPing = Object.assign(
  async (address: string, port: number, timeoutMs: number): Promise<DsPing> => {
    const r = await pingDiscoveryServer({ address, port, timeoutMs });
    switch (r.state) {
      case 'up':
        return { kind: 'answered', roundTripMs: r.rttMs };
      case 'down':
        return { kind: 'refused', roundTripMs: r.rttMs };
      case 'timeout':
        return { kind: 'silent' };
      case 'error':
        return { kind: 'error', code: r.code };
    }
  },
  { answers: true },
);

export function nodeRos2Live(): Ros2LiveDeps {
  return {
    multicast: (domain, o) => checkMulticast({ domain, interfaces: localAddresses(), createSocket: nodeUdpSockets, ...o }),
    async observeDomain(domain, listenMs) {
      const m = createRos2Monitor({ domain, loopback: true });
      try {
        await m.ready;
        await new Promise((r) => setTimeout(r, listenMs));
        return m.snapshot();
      } finally {
        m.dispose();
      }
    },
    pingDiscoveryServer: rtpsServerPing,
    tcpPortOpen,
  };
}

export { udpRouteSource };

/** `ip -o route get <addr>` (Linux; as jsk's rossetip does): the `src` field, or undefined. */
export function ipRouteGet(address: string, timeoutMs: number): Promise<{ src?: string; line?: string; error?: string }> {
  return new Promise((resolve) => {
    execFile('ip', ['-o', 'route', 'get', address], { timeout: timeoutMs, maxBuffer: 64 * 1024 }, (err, stdout, stderr) => {
      if (err) {
        resolve({ error: (String(stderr).trim() || err.message).split('\n')[0] });
        return;
      }
      const line = String(stdout)
        .split('\n')[0]!
        .replace(/\\\s*$/, '')
        .replace(/\s+/g, ' ')
        .trim();
      const m = /\bsrc (\S+)/.exec(line);
      resolve({ line, ...(m ? { src: m[1] } : {}) });
    });
  });
}

/** A minimal XML-RPC reply to any call: [1, "", pid], what a ROS node answers to getPid. */
function pidReply(): string {
  return `<?xml version="1.0"?><methodResponse><params><param><value><array><data><value><int>1</int></value><value><string></string></value><value><int>${process.pid}</int></value></data></array></value></param></params></methodResponse>`;
}

export function listenXmlRpc(address: string): Promise<Listener> {
  return new Promise((resolve, reject) => {
    const sockets = new Set<net.Socket>();
    const server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const body = pidReply();
        res.writeHead(200, { 'Content-Type': 'text/xml', 'Content-Length': Buffer.byteLength(body), Connection: 'close' });
        res.end(body);
      });
    });
    server.on('connection', (s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    server.once('error', reject);
    server.listen({ port: 0, host: address, exclusive: true }, () => {
      const port = (server.address() as net.AddressInfo).port;
      resolve({
        port,
        close: () =>
          new Promise<void>((r) => {
            for (const s of sockets) s.destroy();
            server.close(() => r());
          }),
      });
    });
  });
}

/** The real machine: node's resolver, interfaces, sockets, `ip route`, files. */
export function nodeDeps(): DoctorDeps {
  return {
    lookup: (host, opts = {}) => nodeLookup(host, opts.timeoutMs, opts.signal),
    interfaces: localAddresses,
    hostname: () => os.hostname(),
    async routeSource(address, timeoutMs, opts = {}) {
      // The UDP-connect answer is the address; `ip route get` (a process spawn, the slow part) runs
      // alongside it only for the evidence, or afterwards when the UDP answer is unusable.
      const linux = process.platform === 'linux';
      const ipP = linux && opts.evidence ? ipRouteGet(address, timeoutMs) : undefined;
      const udp = await udpRouteSource(address, timeoutMs);
      const udpOk = !!udp && udp !== '0.0.0.0' && udp !== '::';
      const detail = [
        udp ? `UDP connect() to ${address} is bound to ${udp} (no packet sent)` : `UDP connect() to ${address} failed: no route`,
      ];
      const ip = ipP ? await ipP : linux && !udpOk ? await ipRouteGet(address, timeoutMs) : undefined;
      if (ip) detail.push(ip.line ? `ip -o route get ${address}: ${ip.line}` : `ip -o route get ${address}: ${ip.error ?? 'no output'}`);
      const src = udpOk ? udp : ip?.src;
      return { ...(src ? { address: src } : {}), detail };
    },
    rpc: (uri, method, params, opts) => callXmlRpc(uri, method, params, opts),
    listen: listenXmlRpc,
    readText: (path) => fs.promises.readFile(path, 'utf8').catch(() => undefined),
    exists: (path) =>
      fs.promises.access(path).then(
        () => true,
        () => false,
      ),
    now: () => performance.now(),
    platform: process.platform,
    ros2Live: nodeRos2Live(),
  };
}
