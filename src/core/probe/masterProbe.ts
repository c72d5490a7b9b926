import * as z from 'zod/mini';
import { parseMasterUri, describeMasterUriProblem, formatMasterUri } from '../ros/masterUri';
import { callXmlRpc, RpcError, type RpcFailureKind, type RpcOptions } from './xmlrpcCall';

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
  readonly counts: { readonly nodes: number; readonly topics: number; readonly services: number; readonly publishers: number; readonly subscribers: number };
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

const ApiReply = z.tuple([z.number(), z.string(), z.unknown()]);
const PairList = z.array(z.tuple([z.string(), z.array(z.string())]));
const SystemState = z.tuple([PairList, PairList, PairList]);

/** Unwraps the ROS master API's [code, statusMessage, value] triple. */
export function unwrapRosReply(method: string, reply: unknown): unknown {
  const r = z.safeParse(ApiReply, reply);
  if (!r.success) throw new RpcError('malformed', `${method} did not return a ROS [code, message, value] triple`);
  const [code, msg, value] = r.data;
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

function toGraph(state: z.infer<typeof SystemState>): MasterGraph {
  const [pubs, subs, srvs] = state;
  const topics = new Map<string, { publishers: string[]; subscribers: string[] }>();
  const nodes = new Set<string>();
  for (const [topic, ns] of pubs) {
    (topics.get(topic) ?? topics.set(topic, { publishers: [], subscribers: [] }).get(topic)!).publishers.push(...ns);
    ns.forEach((n) => nodes.add(n));
  }
  for (const [topic, ns] of subs) {
    (topics.get(topic) ?? topics.set(topic, { publishers: [], subscribers: [] }).get(topic)!).subscribers.push(...ns);
    ns.forEach((n) => nodes.add(n));
  }
  const services = srvs.map(([name, providers]) => {
    providers.forEach((n) => nodes.add(n));
    return { name, providers };
  });
  return {
    nodes: [...nodes].sort(),
    topics: [...topics.entries()].map(([name, v]) => ({ name, ...v })).sort((a, b) => a.name.localeCompare(b.name)),
    services: services.sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** Asks a ROS master for its system state. Never throws: every failure is a typed result. */
export async function probeMaster(uri: string, opts: RpcOptions & { now?: () => number } = {}): Promise<ProbeResult> {
  const now = opts.now ?? (() => performance.now());
  const started = now();
  const parsed = parseMasterUri(uri);
  const host = parsed.ok ? parsed.uri.host : uri;
  const fail = (kind: ProbeFailure['kind'], message: string): ProbeFailure => ({ ok: false, uri, kind, message, hint: hintFor(kind, host), elapsedMs: now() - started });
  if (!parsed.ok) return fail('bad-uri', `ROS_MASTER_URI '${uri}' is invalid: ${describeMasterUriProblem(parsed.problem)}`);
  const target = formatMasterUri(parsed.uri.host, parsed.uri.port);
  try {
    const reply = await callXmlRpc(target, 'getSystemState', [CALLER_ID], opts);
    const value = unwrapRosReply('getSystemState', reply);
    const state = z.safeParse(SystemState, value);
    if (!state.success) return fail('malformed', 'getSystemState returned a value that is not [publishers, subscribers, services]');
    const graph = toGraph(state.data);
    const roundTripMs = now() - started;
    return {
      ok: true,
      uri,
      roundTripMs,
      ...graph,
      counts: {
        nodes: graph.nodes.length,
        topics: graph.topics.length,
        services: graph.services.length,
        publishers: graph.topics.reduce((n, t) => n + t.publishers.length, 0),
        subscribers: graph.topics.reduce((n, t) => n + t.subscribers.length, 0),
      },
    };
  } catch (e) {
    if (e instanceof RpcError) return fail(e.kind, e.message);
    return fail('malformed', e instanceof Error ? e.message : String(e));
  }
}

/** Extra facts about a master, fetched on demand (tooltip, graph view, doctor). */
export async function masterDetails(uri: string, opts: RpcOptions = {}): Promise<{ pid?: number; masterUri?: string; topicTypes: ReadonlyMap<string, string> }> {
  const call = async (method: string, params: unknown[]) => unwrapRosReply(method, await callXmlRpc(uri, method, params, opts));
  const [pid, masterUri, types] = await Promise.allSettled([call('getPid', [CALLER_ID]), call('getUri', [CALLER_ID]), call('getTopicTypes', [CALLER_ID])]);
  const topicTypes = new Map<string, string>();
  if (types.status === 'fulfilled') {
    const t = z.safeParse(z.array(z.tuple([z.string(), z.string()])), types.value);
    if (t.success) for (const [name, type] of t.data) topicTypes.set(name, type);
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
  const v = z.safeParse(z.array(z.string()), unwrapRosReply('getParamNames', await callXmlRpc(masterUri, 'getParamNames', [CALLER_ID], opts)));
  if (!v.success) throw new RpcError('malformed', 'getParamNames did not return a list of names');
  return v.data.sort();
}

export async function getParam(masterUri: string, name: string, opts: RpcOptions = {}): Promise<unknown> {
  return unwrapRosReply('getParam', await callXmlRpc(masterUri, 'getParam', [CALLER_ID, name], opts));
}
