/**
 * Decodes XML-RPC replies with parseMethodResponse's results and errors, but a reply above
 * INLINE_MAX_BYTES is decoded on a worker thread. The codec's limits bound a reply's decode to about
 * 0.1 s of CPU at the 8 MB cap (bench/xmlrpcDecode.bench.ts); a master on the LAN answers every 3 s
 * poll, and the extension host that runs the poll is shared by every extension, so that time must not
 * be spent there. Below the threshold the worst reply costs a few ms inline (a real 25-node master's
 * getSystemState is 48 KB and decodes in under 1 ms), which is cheaper than a message to a thread.
 *
 * One worker, started on the first large reply and stopped after IDLE_MS without one; a reply it does
 * not answer within DEADLINE_MS ends it (the decode is an error). Where the worker script is missing
 * (a build without it), replies decode inline.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { markDoubleFirst, NotXmlRpcError, parseMethodResponse, XmlRpcFault } from './xmlrpcCodec';

export const INLINE_MAX_BYTES = 256 * 1024;
const IDLE_MS = 30_000;
const DEADLINE_MS = 5_000;

export interface WorkerRequest {
  readonly id: number;
  readonly bytes: Uint8Array;
}

export type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly value: unknown; readonly doubleFirst: boolean }
  | {
      readonly id: number;
      readonly ok: false;
      readonly kind: 'fault' | 'not-xmlrpc' | 'error';
      readonly message: string;
      readonly faultCode?: number;
      readonly faultString?: string;
    };

interface Pending {
  resolve(v: unknown): void;
  reject(e: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

/** How the worker is started: the bundle's dist/xmlrpcWorker.js, or the source through tsx (tests). */
function workerSource(): { file: string; eval: boolean } | undefined {
  const bundled = join(__dirname, 'xmlrpcWorker.js');
  if (existsSync(bundled)) return { file: bundled, eval: false };
  const source = join(__dirname, 'xmlrpcWorker.ts');
  if (!existsSync(source)) return undefined;
  try {
    const tsx = require.resolve('tsx/cjs/api');
    return { file: `require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(source)});`, eval: true };
  } catch {
    return undefined;
  }
}

let worker: Worker | undefined;
let idle: ReturnType<typeof setTimeout> | undefined;
let nextId = 0;
const pending = new Map<number, Pending>();
let source: ReturnType<typeof workerSource> | null = null;
/** How many replies went to the worker (tests, benchmarks). */
export const offThread = { replies: 0 };

function stop(reason: string): void {
  const w = worker;
  worker = undefined;
  if (idle) clearTimeout(idle);
  idle = undefined;
  for (const [id, p] of pending) {
    clearTimeout(p.timer);
    pending.delete(id);
    p.reject(new Error(reason));
  }
  void w?.terminate();
}

function start(): Worker | undefined {
  if (worker) return worker;
  if (source === null) source = workerSource();
  if (!source) return undefined;
  const w = new Worker(source.file, { eval: source.eval, env: {}, stdout: false, stderr: false });
  w.unref();
  w.on('message', (r: WorkerReply) => {
    const p = pending.get(r.id);
    if (!p) return;
    pending.delete(r.id);
    clearTimeout(p.timer);
    if (r.ok) {
      if (r.doubleFirst && Array.isArray(r.value)) markDoubleFirst(r.value);
      p.resolve(r.value);
    } else if (r.kind === 'fault') p.reject(new XmlRpcFault(r.faultCode, r.faultString));
    else p.reject(r.kind === 'not-xmlrpc' ? new NotXmlRpcError(r.message) : new Error(r.message));
    if (pending.size === 0) armIdle();
  });
  w.on('error', (e) => worker === w && stop(`the decoding thread failed: ${e.message}`));
  w.on('exit', () => worker === w && stop('the decoding thread exited'));
  worker = w;
  return w;
}

function armIdle(): void {
  if (idle) clearTimeout(idle);
  idle = setTimeout(() => pending.size === 0 && stop('idle'), IDLE_MS);
  idle.unref();
}

/** parseMethodResponse of the reply's UTF-8 text; large replies off this thread. */
export function decodeReply(chunks: readonly Buffer[], size: number): Promise<unknown> {
  const w = size > INLINE_MAX_BYTES ? start() : undefined;
  if (!w) {
    try {
      return Promise.resolve(parseMethodResponse(Buffer.concat(chunks, size).toString('utf8')));
    } catch (e) {
      return Promise.reject(e as Error);
    }
  }
  // One copy into memory of our own (not zero-filled first, not from the shared pool), then moved
  // (not copied) to the worker.
  const bytes = Buffer.allocUnsafeSlow(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  const id = ++nextId;
  offThread.replies++;
  if (idle) clearTimeout(idle);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => stop(`decoding a ${size}-byte reply took longer than ${DEADLINE_MS / 1000} s`), DEADLINE_MS);
    pending.set(id, { resolve, reject, timer });
    w.postMessage({ id, bytes } satisfies WorkerRequest, [bytes.buffer as ArrayBuffer]);
  });
}
