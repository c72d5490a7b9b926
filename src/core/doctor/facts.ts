import { DEFAULT_MASTER_URI, isLoopbackHost, parseMasterUri, type MasterUri } from '../ros/masterUri';
import { isIpLiteral, isIpv4Literal } from '../ros/ipLiteral';
import type { DoctorDeps, LocalAddress } from './deps';
import { isLoopbackAddress, normalizeAddress } from '../net/addresses';

export { isLoopbackAddress, normalizeAddress };
import type { DoctorInput, DoctorOptions } from './types';
import { clampTimerMs } from '../util/timerMs';

/** How long the ROS 2 checks listen for participants by default (ms). */
export const DEFAULT_LISTEN_MS = 3500;

export type Resolution =
  { readonly ok: true; readonly addresses: readonly string[] } | { readonly ok: false; readonly code: string; readonly message: string };

export interface Advertised {
  /** Where the advertised name comes from (ROS's precedence: ROS_HOSTNAME > ROS_IP > gethostname()). */
  readonly source: 'ROS_HOSTNAME' | 'ROS_IP' | 'hostname';
  readonly value: string;
}

/** What every check group needs to know, computed once per run. */
export interface DoctorFacts {
  readonly input: DoctorInput;
  readonly deps: DoctorDeps;
  readonly timeoutMs: number;
  /** The whole run's deadline (ms): every step shares it, so sequential steps cannot add up. */
  readonly deadlineMs: number;
  readonly nodeConcurrency: number;
  readonly maxNodes: number;
  readonly listenMs: number;
  /** Aborts at the run's deadline (and with the caller's signal): passed to every network step. */
  readonly signal: AbortSignal;
  readonly masterUriText: string;
  readonly masterUriExplicit: boolean;
  readonly master?: MasterUri;
  readonly advertised: Advertised;
  readonly ipv6: boolean;
  readonly local: readonly LocalAddress[];
  /** getaddrinfo with a per-run cache; IP literals pass through. */
  resolve(host: string): Promise<Resolution>;
  isLocal(address: string): boolean;
  /** Filled by the master checks for the node checks. */
  nodes?: readonly string[];
  /** The master's resolved addresses (when it resolves). */
  masterAddresses?: readonly string[];
}

export function variable(input: DoctorInput, name: string): string | undefined {
  const v = input.variables.get(name);
  return v === undefined || v === '' ? undefined : v;
}

/**
 * The whole run's deadline: twice the per-step timeout (a lookup, then a call on what it found), plus
 * the ROS 2 checks' deliberate listening time.
 */
export function runDeadlineMs(input: DoctorInput, opts: DoctorOptions): number {
  const listen = input.rosVersion === 2 ? Math.max(0, opts.listenMs ?? DEFAULT_LISTEN_MS) : 0;
  return clampTimerMs(2 * clampTimerMs(opts.timeoutMs, 2000) + listen);
}

export function buildFacts(input: DoctorInput, deps: DoctorDeps, opts: DoctorOptions): DoctorFacts {
  const explicit = variable(input, 'ROS_MASTER_URI');
  const masterUriText = explicit ?? DEFAULT_MASTER_URI;
  const parsed = parseMasterUri(masterUriText);
  const hostName = variable(input, 'ROS_HOSTNAME');
  const ip = variable(input, 'ROS_IP');
  const advertised: Advertised =
    hostName !== undefined
      ? { source: 'ROS_HOSTNAME', value: hostName }
      : ip !== undefined
        ? { source: 'ROS_IP', value: ip }
        : { source: 'hostname', value: deps.hostname() };
  const local = deps.interfaces();
  const localSet = new Set(local.map((l) => normalizeAddress(l.address)));
  const timeoutMs = clampTimerMs(opts.timeoutMs, 2000);
  const deadlineMs = runDeadlineMs(input, opts);
  // runDoctor passes its deadline in opts.signal; facts built elsewhere (tests, benchmarks) have none.
  const signal = opts.signal ?? new AbortController().signal;
  const cache = new Map<string, Promise<Resolution>>();
  const resolve = (host: string): Promise<Resolution> => {
    const h = host.replace(/^\[|\]$/g, '');
    if (isIpLiteral(h)) return Promise.resolve({ ok: true, addresses: [h] });
    let p = cache.get(h);
    if (!p) {
      p = deps.lookup(h, { timeoutMs, signal }).then(
        (addresses): Resolution =>
          addresses.length ? { ok: true, addresses } : { ok: false, code: 'ENOTFOUND', message: `'${h}' has no addresses` },
        (e: NodeJS.ErrnoException): Resolution => ({
          ok: false,
          code: e.code ?? 'ERROR',
          message: `cannot resolve '${h}' (${e.code ?? e.message})`,
        }),
      );
      cache.set(h, p);
    }
    return p;
  };
  return {
    input,
    deps,
    timeoutMs,
    deadlineMs,
    nodeConcurrency: Math.max(1, opts.nodeConcurrency ?? 8),
    maxNodes: Math.max(1, opts.maxNodes ?? 200),
    listenMs: Math.max(0, opts.listenMs ?? DEFAULT_LISTEN_MS),
    signal,
    masterUriText,
    masterUriExplicit: explicit !== undefined,
    ...(parsed.ok ? { master: parsed.uri } : {}),
    advertised,
    ipv6: input.variables.get('ROS_IPV6') === 'on',
    local,
    resolve,
    isLocal: (a) => localSet.has(normalizeAddress(a)),
  };
}

/** The master is on this machine: a loopback name, or every address it resolves to is local. */
export function masterIsLocal(f: DoctorFacts): boolean {
  if (!f.master) return false;
  if (isLoopbackHost(f.master.host)) return true;
  return !!f.masterAddresses?.length && f.masterAddresses.every((a) => isLoopbackAddress(a) || f.isLocal(a));
}

/** Addresses other processes would use to reach `host` from here: IPv4 first unless ROS_IPV6=on. */
export function preferred(addresses: readonly string[], ipv6: boolean): string[] {
  const v4 = addresses.filter((a) => isIpv4Literal(normalizeAddress(a)));
  const v6 = addresses.filter((a) => !isIpv4Literal(normalizeAddress(a)));
  return ipv6 ? [...v6, ...v4] : [...v4, ...(v4.length ? [] : v6)];
}

export function uriFor(address: string, port: number): string {
  const a = normalizeAddress(address);
  return `http://${a.includes(':') ? `[${a}]` : a}:${port}/`;
}

export function localList(f: DoctorFacts): string {
  return f.local.map((l) => l.address).join(', ') || 'none';
}
