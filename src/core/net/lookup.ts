import * as dns from 'node:dns';
import { clampTimerMs } from '../util/timerMs';

export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(
      () => reject(Object.assign(new Error(`${what} timed out after ${ms} ms`), { code: 'ETIMEOUT' })),
      clampTimerMs(ms),
    );
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

/**
 * getaddrinfo (all addresses, in the resolver's order) with a timeout and an abort signal: a hung
 * resolver rejects with ETIMEOUT (or the signal's reason). getaddrinfo itself cannot be cancelled:
 * its thread finishes in the background, and a CLI exits without waiting for it.
 */
export function nodeLookup(host: string, timeoutMs = 5000, signal?: AbortSignal): Promise<string[]> {
  const p = withTimeout(
    dns.promises.lookup(host, { all: true, verbatim: true }).then((r) => r.map((a) => a.address)),
    timeoutMs,
    `resolving ${host}`,
  );
  return signal ? abortable(p, signal, `resolving ${host}`) : p;
}

/** `p`, or a rejection as soon as `signal` aborts (ETIMEOUT when the signal was a deadline). */
export function abortable<T>(p: Promise<T>, signal: AbortSignal, what: string): Promise<T> {
  const reason = () =>
    Object.assign(new Error(`${what}: ${deadlineReached(signal) ? 'the deadline was reached' : 'aborted'}`), {
      code: deadlineReached(signal) ? 'ETIMEOUT' : 'ABORT_ERR',
    });
  if (signal.aborted) return Promise.reject(reason());
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(reason());
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/** True when `signal` was aborted by a timeout (AbortSignal.timeout), not by a person. */
export function deadlineReached(signal: AbortSignal | undefined): boolean {
  return !!signal?.aborted && signal.reason instanceof Error && signal.reason.name === 'TimeoutError';
}
