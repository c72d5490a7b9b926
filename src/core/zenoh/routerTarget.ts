// Where a rmw_zenoh node looks for its router: the `connect/endpoints` of ZENOH_CONFIG_OVERRIDE,
// else of the ZENOH_SESSION_CONFIG_URI file (JSON5), else rmw_zenoh_cpp's default tcp/localhost:7447.
// The doctor and the status bar both check this one target, with tcpPortOpen.
import JSON5 from 'json5';
import { zenohRouterEndpoint, type TcpPortCheck } from '../net/tcpPortOpen';
import { sanitizeForDisplay as show } from '../text/sanitize';
import { parseZenohOverride } from './configOverride';

export type ZenohRouterTarget =
  | {
      readonly kind: 'tcp';
      readonly host: string;
      readonly port: number;
      readonly text: string;
      readonly from: string;
      readonly notes: readonly string[];
    }
  /** The configured endpoints are not TCP (udp/, quic/, tls/ …): a TCP connect cannot test them. */
  | { readonly kind: 'untestable'; readonly endpoints: string; readonly from: string; readonly notes: readonly string[] };

const DEFAULT_FROM = 'rmw_zenoh_cpp’s default session config';

export async function zenohRouterTarget(
  get: (name: string) => string | undefined,
  readText: (path: string) => Promise<string | undefined>,
): Promise<ZenohRouterTarget> {
  const override = get('ZENOH_CONFIG_OVERRIDE');
  const entry = override ? parseZenohOverride(override).find((e) => e.key === 'connect/endpoints' && !e.problem) : undefined;
  if (entry) return target(entry.value!, 'ZENOH_CONFIG_OVERRIDE connect/endpoints', []);
  const file = get('ZENOH_SESSION_CONFIG_URI');
  if (!file) return target(undefined, DEFAULT_FROM, []);
  const text = await readText(file);
  if (text === undefined)
    return target(undefined, DEFAULT_FROM, [
      `ZENOH_SESSION_CONFIG_URI ${show(file)} cannot be read here: nodes started with it fail ("Invalid configuration file").`,
    ]);
  try {
    const endpoints = (JSON5.parse(text) as { connect?: { endpoints?: unknown } } | null)?.connect?.endpoints;
    return Array.isArray(endpoints)
      ? target(JSON.stringify(endpoints), `${show(file)} connect/endpoints`, [])
      : target(undefined, `${show(file)} (no connect/endpoints)`, []);
  } catch (e) {
    return target(undefined, DEFAULT_FROM, [
      `${show(file)} is not valid JSON5 (${show(e instanceof Error ? e.message : String(e))}): nodes started with it fail.`,
    ]);
  }
}

/** `endpoints`: the JSON5 list text, as in the override; undefined for the default. */
function target(endpoints: string | undefined, from: string, notes: string[]): ZenohRouterTarget {
  if (endpoints !== undefined) {
    let listed: unknown;
    try {
      listed = JSON5.parse(endpoints);
    } catch {
      listed = undefined;
    }
    const list = Array.isArray(listed) ? listed.filter((l): l is string => typeof l === 'string') : [];
    if (!list.some((l) => l.startsWith('tcp/'))) return { kind: 'untestable', endpoints: show(list.join(', ') || endpoints), from, notes };
  }
  const ep = zenohRouterEndpoint(endpoints === undefined ? undefined : `connect/endpoints=${endpoints}`);
  return { kind: 'tcp', host: ep.host, port: ep.port, text: ep.text, from, notes };
}

/** What the status bar shows for the router: the endpoint, and whether its port accepted a connection. */
export interface ZenohRouterState {
  readonly endpoint: string;
  readonly open?: boolean;
  readonly error?: string;
  /** Set when the endpoint is not checked (not TCP); `open` stays undefined. */
  readonly untested?: string;
}

export async function checkZenohRouter(
  t: ZenohRouterTarget,
  tcpPortOpen: (host: string, port: number, timeoutMs: number, signal?: AbortSignal) => Promise<TcpPortCheck>,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<ZenohRouterState> {
  if (t.kind === 'untestable') return { endpoint: t.endpoints, untested: `not TCP (from ${t.from}): not checked` };
  const r = await tcpPortOpen(t.host, t.port, timeoutMs, signal);
  return r.open ? { endpoint: t.text, open: true } : { endpoint: t.text, open: false, error: r.error };
}
