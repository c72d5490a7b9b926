import { isIpLiteral } from '../ros/ipLiteral';
import { isLoopbackHost, parseMasterUri } from '../ros/masterUri';
import { isLoopbackAddress, localAddresses, normalizeAddress, type LocalAddress } from '../net/addresses';
import { nodeLookup } from '../net/lookup';
import type { Span } from '../text/positions';
import type { Assignment, Finding } from './types';
import { clampTimerMs } from '../util/timerMs';

// URI004 and HOST003: the rules that ask this machine (its resolver, its interfaces) rather than
// read the text. Asynchronous and cached, so an editor runs them after the text lint and off the
// typing path; only meaningful for a profile that describes this machine.

export interface HostValue {
  readonly value: string;
  /** Span of the value in its file. */
  readonly span: Span;
}

export interface HostInputs {
  readonly ROS_MASTER_URI?: HostValue;
  readonly ROS_IP?: HostValue;
  readonly ROS_HOSTNAME?: HostValue;
}

/** The doctor's resolver and interface list (same contract: lookup rejects with a `code`). */
export interface HostDeps {
  /** All addresses of a name (getaddrinfo); rejects with an error whose `code` is ENOTFOUND etc. */
  lookup(host: string): Promise<string[]>;
  interfaces(): LocalAddress[];
}

export type HostResolution =
  | { readonly kind: 'ok'; readonly addresses: readonly string[] }
  | { readonly kind: 'failed'; readonly code: string }
  | { readonly kind: 'timeout' };

export const HOST_LOOKUP_TIMEOUT_MS = 2000;
export const HOST_CACHE_TTL_MS = 60_000;

/** The real machine, with the doctor's resolver (getaddrinfo) and interface list. */
export function nodeHostDeps(): HostDeps {
  return { lookup: (h) => nodeLookup(h), interfaces: localAddresses };
}

/**
 * Name → resolution, kept for `ttlMs` (a lookup in flight is shared). Typing the same value again
 * costs nothing; a changed /etc/hosts or DNS shows up within the TTL.
 */
export class HostLookupCache {
  private readonly entries = new Map<string, { readonly at: number; readonly result: Promise<HostResolution> }>();

  constructor(
    private readonly ttlMs = HOST_CACHE_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  resolve(deps: HostDeps, host: string, timeoutMs: number): Promise<HostResolution> {
    const key = host.toLowerCase();
    const t = this.now();
    const hit = this.entries.get(key);
    if (hit && t - hit.at < this.ttlMs) return hit.result;
    const result = lookupWithTimeout(deps, host, timeoutMs);
    this.entries.set(key, { at: t, result });
    // Bounded: only the values of one profile are looked up, but values typed letter by letter add up.
    if (this.entries.size > 256) this.entries.delete(this.entries.keys().next().value!);
    return result;
  }
}

function lookupWithTimeout(deps: HostDeps, host: string, timeoutMs: number): Promise<HostResolution> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ kind: 'timeout' }), clampTimerMs(timeoutMs));
    deps.lookup(host).then(
      (addresses) => {
        clearTimeout(timer);
        resolve(addresses.length ? { kind: 'ok', addresses } : { kind: 'failed', code: 'ENOTFOUND' });
      },
      (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        // The doctor's resolver has its own timeout: that is not knowledge about the name either.
        resolve(e.code === 'ETIMEOUT' ? { kind: 'timeout' } : { kind: 'failed', code: e.code ?? 'ERROR' });
      },
    );
  });
}

/** The last value of each name in one scope (the profile's own assignments). */
export function hostInputs(assignments: readonly Assignment[], scope?: string): HostInputs {
  const out: Record<string, HostValue> = {};
  for (const a of assignments) {
    if (scope !== undefined && a.scope !== scope) continue;
    if (a.name !== 'ROS_MASTER_URI' && a.name !== 'ROS_IP' && a.name !== 'ROS_HOSTNAME') continue;
    if (a.op === 'unset' || a.value === undefined) delete out[a.name];
    else out[a.name] = { value: a.value, span: a.valueSpan };
  }
  return out;
}

/** `$VAR`, `${VAR}`, `$(cmd)`: the value is not known until a shell expands it. */
const substituted = (v: string) => v.includes('$');

export interface HostFindingOptions {
  readonly cache?: HostLookupCache;
  readonly timeoutMs?: number;
}

/** URI004 (master host does not resolve) and HOST003 (ROS_IP / ROS_HOSTNAME not this machine), roswtf's texts. */
export async function hostFindings(inputs: HostInputs, deps: HostDeps, opts: HostFindingOptions = {}): Promise<Finding[]> {
  const cache = opts.cache ?? new HostLookupCache();
  const timeoutMs = opts.timeoutMs ?? HOST_LOOKUP_TIMEOUT_MS;
  const resolve = (h: string) => cache.resolve(deps, h, timeoutMs);
  let local: { readonly set: ReadonlySet<string>; readonly list: string } | undefined;
  const locals = () => {
    if (!local) {
      const all = deps.interfaces();
      local = { set: new Set(all.map((l) => normalizeAddress(l.address))), list: all.map((l) => l.address).join(', ') || 'none' };
    }
    return local;
  };
  const isLocal = (a: string) => isLoopbackAddress(a) || locals().set.has(normalizeAddress(a));
  const jobs: Array<Promise<Finding | undefined>> = [];

  const uri = inputs.ROS_MASTER_URI;
  if (uri && !substituted(uri.value)) {
    const parsed = parseMasterUri(uri.value);
    if (parsed.ok && !isIpLiteral(parsed.uri.host) && !isLoopbackHost(parsed.uri.host)) {
      const host = parsed.uri.host;
      const at = uri.value.indexOf(host, uri.value.indexOf('://') + 3);
      const span = at >= 0 ? { start: uri.span.start + at, end: uri.span.start + at + host.length } : uri.span;
      jobs.push(
        resolve(host).then((r) =>
          r.kind === 'failed'
            ? { code: 'URI004', severity: 'warning', message: `Cannot resolve hostname '${host}' in ROS_MASTER_URI`, span }
            : undefined,
        ),
      );
    }
  }

  const ip = inputs.ROS_IP;
  // Not a literal (or with whitespace) is HOST001/HOST002's business, from the text alone.
  if (ip && !substituted(ip.value) && isIpLiteral(ip.value) && !isLocal(ip.value)) {
    jobs.push(
      Promise.resolve({
        code: 'HOST003',
        severity: 'warning',
        message: `ROS_IP may be incorrect: ROS_IP [${ip.value}] does not appear to be an IP address of a local network interface (one of ${locals().list}).`,
        span: ip.span,
      }),
    );
  }

  const name = inputs.ROS_HOSTNAME;
  if (name && name.value !== '' && !substituted(name.value) && !/[\s/:]/.test(name.value) && !isLoopbackHost(name.value)) {
    const h = name.value;
    const at = (addresses: readonly string[]): Finding | undefined =>
      addresses.some((a) => !isLocal(a))
        ? {
            code: 'HOST003',
            severity: 'warning',
            message: `ROS_HOSTNAME may be incorrect: ROS_HOSTNAME [${h}] resolves to [${addresses.join(', ')}], which does not appear to be a local IP address (${locals().list}).`,
            span: name.span,
          }
        : undefined;
    if (isIpLiteral(h)) jobs.push(Promise.resolve(at([h])));
    else
      jobs.push(
        resolve(h).then((r) =>
          r.kind === 'failed'
            ? {
                code: 'HOST003',
                severity: 'warning',
                message: `ROS_HOSTNAME may be incorrect: ROS_HOSTNAME [${h}] cannot be resolved to an IP address`,
                span: name.span,
              }
            : r.kind === 'ok'
              ? at(r.addresses)
              : undefined,
        ),
      );
  }

  const found = (await Promise.all(jobs)).filter((f): f is Finding => f !== undefined);
  return found.sort((a, b) => a.span.start - b.span.start);
}
