import * as dns from 'node:dns';

export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(Object.assign(new Error(`${what} timed out after ${ms} ms`), { code: 'ETIMEOUT' })), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}

/** getaddrinfo (all addresses, in the resolver's order) with a timeout: a hung resolver rejects with ETIMEOUT. */
export function nodeLookup(host: string, timeoutMs = 5000): Promise<string[]> {
  return withTimeout(
    dns.promises.lookup(host, { all: true, verbatim: true }).then((r) => r.map((a) => a.address)),
    timeoutMs,
    `resolving ${host}`,
  );
}
