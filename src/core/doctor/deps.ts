import * as dgram from 'node:dgram';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import { execFile } from 'node:child_process';
import { callXmlRpc, type RpcOptions } from '../probe/xmlrpcCall';
import { localAddresses, type LocalAddress } from '../net/addresses';
import { nodeLookup, withTimeout } from '../net/lookup';

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

/**
 * Everything the doctor does to the outside world, injected so the checks run against real
 * loopback servers and real interfaces in tests, with DNS answers supplied where a real resolver
 * cannot produce the case.
 */
export interface DoctorDeps {
  /** All addresses of a name (getaddrinfo); rejects with an error whose `code` is ENOTFOUND etc. */
  lookup(host: string): Promise<string[]>;
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
}

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
    lookup: (host) => nodeLookup(host),
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
  };
}
