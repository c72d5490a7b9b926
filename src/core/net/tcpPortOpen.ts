import * as net from 'node:net';

export type TcpPortCheck = { readonly open: true; readonly ms: number } | { readonly open: false; readonly error: string };

/** Whether a TCP connection to host:port is accepted within the timeout (the socket is closed at once). */
export function tcpPortOpen(host: string, port: number, timeoutMs: number, signal?: AbortSignal): Promise<TcpPortCheck> {
  return new Promise((resolve) => {
    const started = performance.now();
    const s = net.connect({ host, port });
    let settled = false;
    const done = (r: TcpPortCheck) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      s.destroy();
      resolve(r);
    };
    const onAbort = () => done({ open: false, error: 'aborted' });
    const timer = setTimeout(() => done({ open: false, error: `no answer within ${timeoutMs} ms` }), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    s.once('connect', () => done({ open: true, ms: performance.now() - started }));
    s.once('error', (e: NodeJS.ErrnoException) => done({ open: false, error: e.code ?? e.message }));
  });
}

/** The router endpoint rmw_zenoh connects to: `connect/endpoints` of ZENOH_CONFIG_OVERRIDE, else tcp/localhost:7447. */
export function zenohRouterEndpoint(override: string | undefined): { host: string; port: number; text: string } {
  const fallback = { host: 'localhost', port: 7447, text: 'tcp/localhost:7447' };
  if (!override) return fallback;
  for (const part of override.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== 'connect/endpoints') continue;
    const m = /tcp\/(\[[^\]]+\]|[^:"'\]\s,]+):(\d+)/.exec(part.slice(eq + 1));
    if (m) return { host: m[1]!.replace(/^\[|\]$/g, ''), port: Number(m[2]), text: `tcp/${m[1]}:${m[2]}` };
  }
  return fallback;
}
