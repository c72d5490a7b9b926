import * as http from 'node:http';
// Our own HTTP exchange (the xmlrpc package's Client has no timeout, no abort and no size limit: a
// ROS master on a flaky Wi-Fi must never hang a poll) and our own codec (see xmlrpcCodec.ts).
import { NotXmlRpcError, serializeMethodCall, XmlRpcFault } from './xmlrpcCodec';
import { decodeReply } from './replyDecoder';
import { clampTimerMs } from '../util/timerMs';
import { deadlineReached } from '../net/lookup';

export type RpcFailureKind =
  | 'bad-uri'
  | 'dns'
  | 'refused'
  | 'timeout'
  | 'unreachable'
  | 'reset'
  | 'not-xmlrpc'
  | 'not-ros-master'
  | 'fault'
  | 'malformed'
  | 'too-large'
  | 'aborted';

export class RpcError extends Error {
  constructor(
    readonly kind: RpcFailureKind,
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

export interface RpcOptions {
  readonly timeoutMs?: number;
  /** Reply bytes beyond which the call is aborted. */
  readonly maxBytes?: number;
  readonly signal?: AbortSignal;
  /** Injected for tests and the CLI; defaults to node:http with a fresh (non-pooled) socket. */
  readonly agent?: http.Agent;
}

export const DEFAULT_TIMEOUT_MS = 2000;
export const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;

interface Target {
  readonly hostname: string;
  readonly port: number;
  readonly path: string;
  readonly display: string;
}

function parseTarget(uri: string): Target {
  let u: URL;
  try {
    u = new URL(uri);
  } catch {
    throw new RpcError('bad-uri', `'${uri}' is not a URL`);
  }
  if (u.protocol !== 'http:') throw new RpcError('bad-uri', `'${uri}' is not an http:// URI`);
  const port = u.port === '' ? 80 : Number(u.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new RpcError('bad-uri', `'${uri}' has an invalid port`);
  return { hostname: u.hostname.replace(/^\[|\]$/g, ''), port, path: (u.pathname || '/') + u.search, display: `${u.hostname}:${port}` };
}

/** The first bytes a peer sent, quoted for a message (JSON escapes; the display filters the rest). */
function seen(first: Buffer | undefined): string {
  if (!first?.length) return 'nothing';
  return JSON.stringify(first.subarray(0, 48).toString('latin1')) + (first.length > 48 ? '…' : '');
}

function classifySocketError(e: NodeJS.ErrnoException, t: Target, first?: Buffer): RpcError {
  // node's HTTP parser refusing the reply (garbage, HTTP/0.9, a huge header, Content-Length with
  // Transfer-Encoding): the peer answered, it is just not an HTTP server.
  if (e.code?.startsWith('HPE_'))
    return new RpcError('not-xmlrpc', `${t.display} answered, but not with HTTP (${e.code}); it sent ${seen(first)}`, e.code);
  switch (e.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
    case 'EAI_FAIL':
      return new RpcError('dns', `cannot resolve '${t.hostname}'`, e.code);
    case 'ECONNREFUSED':
      return new RpcError('refused', `connection refused by ${t.display}`, e.code);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EHOSTDOWN':
    case 'ENETDOWN':
    case 'EADDRNOTAVAIL':
      return new RpcError('unreachable', `${t.display} is unreachable (${e.code})`, e.code);
    case 'ECONNRESET':
    case 'EPIPE':
      return new RpcError('reset', `${t.display} closed the connection without an XML-RPC reply`, e.code);
    default:
      return new RpcError('unreachable', `${t.display}: ${e.message}`, e.code);
  }
}

const METHOD_MISSING =
  /method .*(not found|not supported|unsupported|does not exist|is not supported)|unknown method|no such method|not implemented/i;

/**
 * One XML-RPC call with a hard timeout that destroys the socket, a reply size cap, and abort.
 * Rejects with an RpcError whose `kind` says what went wrong.
 */
export function callXmlRpc(uri: string, method: string, params: readonly unknown[], opts: RpcOptions = {}): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let t: Target;
    try {
      t = parseTarget(uri);
    } catch (e) {
      reject(e);
      return;
    }
    const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
    const body = Buffer.from(serializeMethodCall(method, params), 'utf8');
    let settled = false;
    const finish = (err: RpcError | undefined, value?: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      if (err) {
        req.destroy();
        reject(err);
      } else resolve(value);
    };
    const req = http.request({
      hostname: t.hostname,
      port: t.port,
      path: t.path,
      method: 'POST',
      agent: opts.agent ?? false,
      headers: { 'Content-Type': 'text/xml', 'Content-Length': body.length, 'User-Agent': 'ros-network', Connection: 'close' },
    });
    const timeoutMs = clampTimerMs(opts.timeoutMs, DEFAULT_TIMEOUT_MS);
    const timer = setTimeout(() => finish(new RpcError('timeout', `no reply from ${t.display} within ${timeoutMs} ms`)), timeoutMs);
    const onAbort = () =>
      finish(new RpcError('aborted', deadlineReached(opts.signal) ? `the deadline was reached before ${t.display} answered` : 'aborted'));
    if (opts.signal?.aborted) {
      onAbort();
      return;
    }
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    // node's HTTP parser errors carry the bytes it choked on (rawPacket): what a non-HTTP peer sent.
    req.on('error', (e: NodeJS.ErrnoException & { rawPacket?: Buffer }) => finish(classifySocketError(e, t, e.rawPacket)));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const type = String(res.headers['content-type'] ?? '');
      const declared = Number(res.headers['content-length'] ?? NaN);
      if (declared > maxBytes) {
        res.destroy();
        finish(new RpcError('too-large', `reply of ${declared} bytes exceeds the ${maxBytes}-byte limit`));
        return;
      }
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > maxBytes) {
          res.destroy();
          finish(new RpcError('too-large', `reply exceeds the ${maxBytes}-byte limit`));
          return;
        }
        chunks.push(c);
      });
      res.on('error', (e: NodeJS.ErrnoException) => finish(classifySocketError(e, t)));
      res.on('end', () => {
        if (settled) return;
        const head = Buffer.concat(chunks.slice(0, 4)).subarray(0, 512).toString('utf8');
        const notXmlRpc = (what: string) => finish(new RpcError('not-xmlrpc', `${t.display} answered with ${what}, not XML-RPC`));
        if (res.statusCode !== 200) {
          notXmlRpc(`HTTP ${res.statusCode}`);
          return;
        }
        decodeReply(chunks, size).then(
          (value) => finish(undefined, value),
          (err: unknown) => {
            if (err instanceof NotXmlRpcError) {
              notXmlRpc(
                /html/i.test(type) || /<html/i.test(head)
                  ? 'an HTML page'
                  : `a non-XML-RPC reply (${err.message}; it began ${JSON.stringify(head.slice(0, 48))})`,
              );
              return;
            }
            if (err instanceof XmlRpcFault) {
              const msg = String(err.faultString ?? err.message);
              finish(
                new RpcError(
                  METHOD_MISSING.test(msg) ? 'not-ros-master' : 'fault',
                  `XML-RPC fault ${err.faultCode ?? ''}: ${msg}`.replace('  ', ' '),
                ),
              );
            } else finish(new RpcError('malformed', `malformed XML-RPC reply: ${err instanceof Error ? err.message : String(err)}`));
          },
        );
      });
    });
    req.end(body);
  });
}
