// Real loopback XML-RPC servers that play a ROS master and ROS nodes, for the doctor's unit tests.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { callXmlRpc } from '../../../src/core/probe/xmlrpcCall';
import { nodeDeps, type DoctorDeps, type LocalAddress, type Ros2LiveDeps } from '../../../src/core/doctor/deps';

function xml(v: unknown): string {
  if (typeof v === 'number') return `<value><int>${v}</int></value>`;
  if (typeof v === 'string') return `<value><string>${v.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</string></value>`;
  if (Array.isArray(v)) return `<value><array><data>${v.map(xml).join('')}</data></array></value>`;
  throw new Error(`cannot serialize ${typeof v}`);
}

export interface FakeServer {
  readonly port: number;
  readonly uri: string;
  readonly calls: string[];
  close(): Promise<void>;
}

/** An XML-RPC server on 127.0.0.1 whose replies come from `handler(method, params text)`. */
export async function xmlRpcServer(handler: (method: string, body: string) => unknown): Promise<FakeServer> {
  const calls: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const method = /<methodName>([^<]*)<\/methodName>/.exec(body)?.[1] ?? '';
      calls.push(method);
      const value = handler(method, body);
      const text =
        typeof value === 'string' && value.startsWith('<')
          ? value
          : `<?xml version="1.0"?><methodResponse><params><param>${xml(value)}</param></params></methodResponse>`;
      res.writeHead(200, { 'Content-Type': 'text/xml' });
      res.end(text);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    uri: `http://127.0.0.1:${port}/`,
    calls,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** A ROS node: answers getPid. */
export function fakeNode(pid = 4242): Promise<FakeServer> {
  return xmlRpcServer(() => [1, '', pid]);
}

/** A ROS master with the given publishers of /chatter and node URIs. */
export function fakeMaster(nodes: Record<string, string>, selfUri?: string): Promise<FakeServer> {
  let port = 0;
  const s = xmlRpcServer((method, body) => {
    switch (method) {
      case 'getSystemState':
        return [1, 'state', [[['/chatter', Object.keys(nodes)]], [], []]];
      case 'getUri':
        return [1, '', selfUri ?? `http://127.0.0.1:${port}/`];
      case 'getPid':
        return [1, '', 1];
      case 'lookupNode': {
        const name = [...body.matchAll(/<string>([^<]*)<\/string>|<value>([^<]+)<\/value>/g)].map((m) => m[1] ?? m[2]).pop() ?? '';
        return nodes[name] ? [1, '', nodes[name]] : [-1, `unknown node [${name}]`, ''];
      }
      default:
        return [-1, 'no such method', 0];
    }
  });
  return s.then((srv) => {
    port = srv.port;
    return srv;
  });
}

export const LO: LocalAddress = { iface: 'lo', address: '127.0.0.1', family: 'IPv4', internal: true };

/**
 * The real machine's deps with some facts replaced: DNS answers for made-up names (everything else
 * fails like a name that is nowhere), interfaces, the hostname, and "remote" addresses mapped to
 * loopback servers so a master "on another machine" is a real server here.
 */
export function testDeps(over: {
  hosts?: Record<string, string[]>;
  interfaces?: LocalAddress[];
  hostname?: string;
  remap?: Record<string, string>;
  route?: string;
  files?: Record<string, string>;
  ros2Live?: Partial<Ros2LiveDeps>;
}): DoctorDeps {
  const real = nodeDeps();
  return {
    ...real,
    lookup: async (h) => {
      const a = over.hosts?.[h];
      if (a) return a;
      if (h === 'localhost') return ['127.0.0.1'];
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${h}`), { code: 'ENOTFOUND' });
    },
    interfaces: () => over.interfaces ?? real.interfaces(),
    hostname: () => over.hostname ?? 'testhost',
    routeSource: over.route ? async () => ({ address: over.route!, detail: [`injected route source ${over.route}`] }) : real.routeSource,
    rpc: (uri, method, params, opts) => {
      let u = uri;
      for (const [from, to] of Object.entries(over.remap ?? {})) u = u.replace(from, to);
      return callXmlRpc(u, method, params, opts);
    },
    ...(over.files ? { readText: async (p: string) => over.files![p], exists: async (p: string) => p in over.files! } : {}),
    ros2Live: { ...quietRos2Live, ...over.ros2Live },
  };
}

/** A network where nothing else runs: multicast loops back, nobody announces, servers stay silent. No socket is opened. */
export const quietRos2Live: Ros2LiveDeps = {
  multicast: async (domain) => ({
    group: '239.255.0.1',
    port: 7400 + 250 * domain,
    routed: { ok: true },
    interfaces: [{ iface: 'eth0', address: '10.0.0.2', outcome: { ok: true, roundTripMs: 0.1 } }],
    remote: [],
    localRtps: 0,
    listenedMs: 0,
  }),
  observeDomain: async (domain) => ({
    domain,
    participants: [],
    listeners: [{ kind: 'multicast', address: '10.0.0.2', port: 7400 + 250 * domain }],
    problems: [],
    limits: { maxParticipants: 1000, evictedParticipants: 0, droppedFragments: 0, malformedDatagrams: 0 },
    datagrams: 0,
  }),
  pingDiscoveryServer: Object.assign(async () => ({ kind: 'silent' as const }), { answers: true }),
  tcpPortOpen: async () => ({ open: false, error: 'ECONNREFUSED' }),
};
