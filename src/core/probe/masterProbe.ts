import { parseMasterUri, describeMasterUriProblem, formatMasterUri } from '../ros/masterUri';
import { callXmlRpc, RpcError, type RpcFailureKind, type RpcOptions } from './xmlrpcCall';
import { firstItemIsDouble } from './xmlrpcCodec';

export const CALLER_ID = '/ros_network_probe';

export interface TopicInfo {
  readonly name: string;
  readonly type?: string;
  readonly publishers: readonly string[];
  readonly subscribers: readonly string[];
}

export interface ServiceInfo {
  readonly name: string;
  readonly providers: readonly string[];
}

export interface MasterGraph {
  readonly nodes: readonly string[];
  readonly topics: readonly TopicInfo[];
  readonly services: readonly ServiceInfo[];
}

export interface ProbeReachable extends MasterGraph {
  readonly ok: true;
  readonly uri: string;
  readonly roundTripMs: number;
  readonly counts: {
    readonly nodes: number;
    readonly topics: number;
    readonly services: number;
    readonly publishers: number;
    readonly subscribers: number;
  };
}

export interface ProbeFailure {
  readonly ok: false;
  readonly uri: string;
  readonly kind: RpcFailureKind | 'ros-error';
  /** What happened, in plain words. */
  readonly message: string;
  /** What to try. */
  readonly hint: string;
  readonly elapsedMs: number;
}

export type ProbeResult = ProbeReachable | ProbeFailure;

// Replies are checked by hand rather than with zod: on the poll's hot path a schema walk of a
// 25-node state cost as much again as building the graph, and the shapes are three small tuples.
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** Unwraps the ROS master API's [code, statusMessage, value] triple. */
export function unwrapRosReply(method: string, reply: unknown): unknown {
  if (
    !Array.isArray(reply) ||
    reply.length !== 3 ||
    typeof reply[0] !== 'number' ||
    !Number.isInteger(reply[0]) ||
    firstItemIsDouble(reply) ||
    typeof reply[1] !== 'string'
  ) {
    throw new RpcError('malformed', `${method} did not return a ROS [code, message, value] triple`);
  }
  const [code, msg, value] = reply as [number, string, unknown];
  if (code !== 1) throw new RpcError('fault', `${method} failed (code ${code}): ${msg}`);
  return value;
}

export function hintFor(kind: ProbeFailure['kind'], host: string): string {
  switch (kind) {
    case 'bad-uri':
      return 'Fix ROS_MASTER_URI in the profile: it must look like http://HOST:11311.';
    case 'dns':
      return `Check the name: is '${host}' in /etc/hosts or DNS on this machine? Use the master's IP address otherwise.`;
    case 'refused':
      return `Is roscore running on ${host}? Nothing listens on that port.`;
    case 'timeout':
      return `${host} does not answer: check that it is on, on this network, and that no firewall drops the port.`;
    case 'unreachable':
      return `No route to ${host}: check the network connection (Wi-Fi, VPN, cable) and the address.`;
    case 'reset':
    case 'not-xmlrpc':
      return `Something else listens on that port of ${host}: check the port in ROS_MASTER_URI (roscore uses 11311).`;
    case 'not-ros-master':
      return `The XML-RPC server on ${host} is not a ROS master: check the port in ROS_MASTER_URI.`;
    case 'too-large':
      return 'The reply was too large to be a ROS master state; check the port.';
    case 'malformed':
    case 'fault':
    case 'ros-error':
      return 'The master answered with an error; see the log, and restart roscore if it persists.';
    case 'aborted':
      return 'The check was cancelled.';
  }
}

/** Failures that hold a socket (or the resolver) for long; see `slowFailure`. */
const SLOW_KINDS: ReadonlySet<ProbeFailure['kind']> = new Set(['timeout', 'unreachable', 'dns', 'aborted']);

/**
 * Whether a poll's failure was expensive enough to back off for. A refused connection (what a
 * restarting roscore looks like) or any other quick answer costs a millisecond, so the poller keeps
 * its normal cadence and notices the master's return within one interval; timeouts, unreachable
 * hosts and resolver failures, or anything that took over a second, slow it down.
 */
export function slowFailure(r: ProbeResult | undefined): boolean {
  return r === undefined || (!r.ok && (SLOW_KINDS.has(r.kind) || r.elapsedMs >= 1000));
}

/** A [[name, [node…]]…] list of getSystemState, or undefined when it has another shape. */
function pairList(v: unknown): Array<[string, string[]]> | undefined {
  if (!Array.isArray(v)) return undefined;
  for (const p of v) if (!Array.isArray(p) || p.length !== 2 || typeof p[0] !== 'string' || !isStrings(p[1])) return undefined;
  return v as Array<[string, string[]]>;
}

/** Code-unit order, as `rosnode list` (Python's sorted) prints; localeCompare was 4× slower. */
const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

type SystemState = readonly [pubs: Array<[string, string[]]>, subs: Array<[string, string[]]>, srvs: Array<[string, string[]]>];

/** A getSystemState value, or undefined when it is not [publishers, subscribers, services]. */
function systemState(v: unknown): SystemState | undefined {
  if (!Array.isArray(v) || v.length !== 3) return undefined;
  const pubs = pairList(v[0]);
  const subs = pairList(v[1]);
  const srvs = pairList(v[2]);
  return pubs && subs && srvs ? [pubs, subs, srvs] : undefined;
}

/** What the status poll needs, without building (and sorting) the graph. */
function countState([pubs, subs, srvs]: SystemState): ProbeReachable['counts'] {
  const nodes = new Set<string>();
  const topics = new Set<string>();
  let publishers = 0;
  let subscribers = 0;
  for (const [name, ns] of pubs) {
    topics.add(name);
    publishers += ns.length;
    for (const n of ns) nodes.add(n);
  }
  for (const [name, ns] of subs) {
    topics.add(name);
    subscribers += ns.length;
    for (const n of ns) nodes.add(n);
  }
  for (const [, ns] of srvs) for (const n of ns) nodes.add(n);
  return { nodes: nodes.size, topics: topics.size, services: srvs.length, publishers, subscribers };
}

function toGraph([pubs, subs, srvs]: SystemState): MasterGraph {
  const topics = new Map<string, { name: string; publishers: string[]; subscribers: string[] }>();
  const nodes = new Set<string>();
  const topic = (name: string) => {
    let t = topics.get(name);
    if (!t) topics.set(name, (t = { name, publishers: [], subscribers: [] }));
    return t;
  };
  for (const [name, ns] of pubs) {
    const t = topic(name);
    for (const n of ns) {
      t.publishers.push(n);
      nodes.add(n);
    }
  }
  for (const [name, ns] of subs) {
    const t = topic(name);
    for (const n of ns) {
      t.subscribers.push(n);
      nodes.add(n);
    }
  }
  const services = srvs.map(([name, providers]) => {
    for (const n of providers) nodes.add(n);
    return { name, providers };
  });
  return { nodes: [...nodes].sort(), topics: [...topics.values()].sort(byName), services: services.sort(byName) };
}

/** Asks a ROS master for its system state. Never throws: every failure is a typed result. */
export async function probeMaster(uri: string, opts: RpcOptions & { now?: () => number } = {}): Promise<ProbeResult> {
  const now = opts.now ?? (() => performance.now());
  const started = now();
  const parsed = parseMasterUri(uri);
  const host = parsed.ok ? parsed.uri.host : uri;
  const fail = (kind: ProbeFailure['kind'], message: string): ProbeFailure => ({
    ok: false,
    uri,
    kind,
    message,
    hint: hintFor(kind, host),
    elapsedMs: now() - started,
  });
  if (!parsed.ok) return fail('bad-uri', `ROS_MASTER_URI '${uri}' is invalid: ${describeMasterUriProblem(parsed.problem)}`);
  const target = formatMasterUri(parsed.uri.host, parsed.uri.port);
  try {
    const reply = await callXmlRpc(target, 'getSystemState', [CALLER_ID], opts);
    const state = systemState(unwrapRosReply('getSystemState', reply));
    if (!state) return fail('malformed', 'getSystemState returned a value that is not [publishers, subscribers, services]');
    const counts = countState(state);
    const roundTripMs = now() - started;
    // The status poll reads only the counts; the sorted graph (the view, the CLI, JSON output) is
    // built on first access. Own enumerable getters, so spreading and JSON.stringify still see it.
    let graph: MasterGraph | undefined;
    const g = () => (graph ??= toGraph(state));
    return {
      ok: true,
      uri,
      roundTripMs,
      get nodes() {
        return g().nodes;
      },
      get topics() {
        return g().topics;
      },
      get services() {
        return g().services;
      },
      counts,
    };
  } catch (e) {
    if (e instanceof RpcError) return fail(e.kind, e.message);
    return fail('malformed', e instanceof Error ? e.message : String(e));
  }
}

/** Extra facts about a master, fetched on demand (tooltip, graph view, doctor). */
export async function masterDetails(
  uri: string,
  opts: RpcOptions = {},
): Promise<{ pid?: number; masterUri?: string; topicTypes: ReadonlyMap<string, string> }> {
  const call = async (method: string, params: unknown[]) => unwrapRosReply(method, await callXmlRpc(uri, method, params, opts));
  const [pid, masterUri, types] = await Promise.allSettled([
    call('getPid', [CALLER_ID]),
    call('getUri', [CALLER_ID]),
    call('getTopicTypes', [CALLER_ID]),
  ]);
  const topicTypes = new Map<string, string>();
  if (
    types.status === 'fulfilled' &&
    Array.isArray(types.value) &&
    types.value.every((p) => Array.isArray(p) && p.length === 2 && isStrings(p))
  ) {
    for (const [name, type] of types.value as Array<[string, string]>) topicTypes.set(name, type);
  }
  return {
    ...(pid.status === 'fulfilled' && typeof pid.value === 'number' ? { pid: pid.value } : {}),
    ...(masterUri.status === 'fulfilled' && typeof masterUri.value === 'string' ? { masterUri: masterUri.value } : {}),
    topicTypes,
  };
}

/** Node name → XML-RPC URI (lookupNode). */
export async function lookupNode(masterUri: string, node: string, opts: RpcOptions = {}): Promise<string> {
  const v = unwrapRosReply('lookupNode', await callXmlRpc(masterUri, 'lookupNode', [CALLER_ID, node], opts));
  if (typeof v !== 'string') throw new RpcError('malformed', 'lookupNode did not return a URI');
  return v;
}

export async function getParamNames(masterUri: string, opts: RpcOptions = {}): Promise<string[]> {
  const v = unwrapRosReply('getParamNames', await callXmlRpc(masterUri, 'getParamNames', [CALLER_ID], opts));
  if (!isStrings(v)) throw new RpcError('malformed', 'getParamNames did not return a list of names');
  return v.sort();
}

export async function getParam(masterUri: string, name: string, opts: RpcOptions = {}): Promise<unknown> {
  return unwrapRosReply('getParam', await callXmlRpc(masterUri, 'getParam', [CALLER_ID, name], opts));
}
