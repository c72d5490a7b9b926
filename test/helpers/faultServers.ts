// Servers that misbehave in the ways a real rosmaster cannot: for the probe's failure kinds.
import * as http from 'node:http';
import * as net from 'node:net';

export interface Fault {
  readonly uri: string;
  close(): Promise<void>;
}

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as net.AddressInfo).port;
}

function closer(server: net.Server, sockets: Set<net.Socket>): () => Promise<void> {
  return () =>
    new Promise((r) => {
      for (const s of sockets) s.destroy();
      server.close(() => r());
    });
}

function track(server: net.Server): Set<net.Socket> {
  const sockets = new Set<net.Socket>();
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
  });
  return sockets;
}

/** Accepts the connection and never answers. */
export async function silentServer(): Promise<Fault> {
  const server = net.createServer(() => undefined);
  const sockets = track(server);
  return { uri: `http://127.0.0.1:${await listen(server)}`, close: closer(server, sockets) };
}

/** Sends HTTP headers, then one byte per 50 ms forever. */
export async function tricklingServer(): Promise<Fault> {
  const timers = new Set<ReturnType<typeof setInterval>>();
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/xml' });
    res.write('<?xml version="1.0"?><methodResponse>');
    const t = setInterval(() => res.write(' '), 50);
    timers.add(t);
    res.on('close', () => {
      clearInterval(t);
      timers.delete(t);
    });
  });
  const sockets = track(server);
  const close = closer(server, sockets);
  return {
    uri: `http://127.0.0.1:${await listen(server)}`,
    close: async () => {
      for (const t of timers) clearInterval(t);
      await close();
    },
  };
}

export async function replyServer(body: string | Buffer, opts: { status?: number; type?: string } = {}): Promise<Fault> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(opts.status ?? 200, { 'Content-Type': opts.type ?? 'text/xml' });
      res.end(body);
    });
  });
  const sockets = track(server);
  return { uri: `http://127.0.0.1:${await listen(server)}`, close: closer(server, sockets) };
}

/** Streams `bytes` of a syntactically plausible XML-RPC reply without a Content-Length. */
export async function hugeServer(bytes: number): Promise<Fault> {
  const server = http.createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'Content-Type': 'text/xml' });
    res.write('<?xml version="1.0"?><methodResponse><params><param><value><string>');
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    const pump = () => {
      while (sent < bytes) {
        sent += chunk.length;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
      res.end('</string></value></param></params></methodResponse>');
    };
    res.on('close', () => (sent = bytes));
    pump();
  });
  const sockets = track(server);
  return { uri: `http://127.0.0.1:${await listen(server)}`, close: closer(server, sockets) };
}

export const FAULT_XML =
  '<?xml version="1.0"?><methodResponse><fault><value><struct><member><name>faultCode</name><value><int>4</int></value></member><member><name>faultString</name><value><string>Too many parameters.</string></value></member></struct></value></fault></methodResponse>';
export const NO_METHOD_XML =
  '<?xml version="1.0"?><methodResponse><fault><value><struct><member><name>faultCode</name><value><int>1</int></value></member><member><name>faultString</name><value><string>&lt;class \'Exception\'&gt;:method "getSystemState" is not supported</string></value></member></struct></value></fault></methodResponse>';
export const MALFORMED_XML =
  '<?xml version="1.0"?><methodResponse><params><param><value><array><data><value><int>1</int></value></param></methodResponse>';
export const WRONG_SHAPE_XML =
  '<?xml version="1.0"?><methodResponse><params><param><value><array><data><value><int>1</int></value><value><string>ok</string></value><value><string>not a state</string></value></data></array></value></param></params></methodResponse>';
