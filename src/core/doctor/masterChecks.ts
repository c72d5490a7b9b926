import { CALLER_ID, hintFor, unwrapRosReply } from '../probe/masterProbe';
import { isIpLiteral } from '../ros/ipLiteral';
import { RpcError } from '../probe/xmlrpcCall';
import { type DoctorFacts, isLoopbackAddress, localList, preferred, uriFor } from './facts';
import type { Check } from './types';

const G = 'master' as const;

function skipped(id: string, title: string, why: string): Check {
  return { id, group: G, title, verdict: 'skipped', evidence: [why] };
}

function errText(e: unknown): { kind: string; message: string } {
  if (e instanceof RpcError) return { kind: e.kind, message: e.message };
  return { kind: 'malformed', message: e instanceof Error ? e.message : String(e) };
}

/** Node names from a getSystemState value, tolerating hostile shapes. */
export function nodesOfSystemState(value: unknown): string[] | undefined {
  if (!Array.isArray(value) || value.length !== 3) return undefined;
  const nodes = new Set<string>();
  for (const list of value) {
    if (!Array.isArray(list)) return undefined;
    for (const pair of list) {
      if (!Array.isArray(pair) || typeof pair[0] !== 'string' || !Array.isArray(pair[1])) return undefined;
      for (const n of pair[1]) if (typeof n === 'string') nodes.add(n);
    }
  }
  return [...nodes].sort();
}

export async function masterChecks(f: DoctorFacts): Promise<Check[]> {
  const tResolve = 'The master’s host name resolves';
  const tAnswer = 'The master answers';
  const tSelf = 'The master’s own URI (getUri) is reachable from here';
  if (f.input.rosVersion !== 1) return [skipped('master.resolve', tResolve, 'ROS 2 profile: there is no ROS master.')];
  if (!f.master) {
    const why = `ROS_MASTER_URI '${f.masterUriText}' cannot be parsed (see the lint findings).`;
    return [skipped('master.resolve', tResolve, why), skipped('master.answers', tAnswer, why), skipped('master.selfUri', tSelf, why)];
  }
  const host = f.master.host;
  const port = f.master.port;
  const out: Check[] = [];
  const r = await f.resolve(host);
  if (!r.ok) {
    out.push({
      id: 'master.resolve',
      group: G,
      title: tResolve,
      verdict: 'error',
      evidence: [`Cannot resolve hostname in ROS_MASTER_URI [${f.masterUriText}]: ${r.message}`],
      fix: { title: `Add '${host}' to /etc/hosts (or DNS) on this machine, or use the master's IP address in ROS_MASTER_URI.` },
    });
    const why = `'${host}' does not resolve.`;
    out.push(skipped('master.answers', tAnswer, why), skipped('master.selfUri', tSelf, why));
    return out;
  }
  f.masterAddresses = r.addresses;
  const localNote = r.addresses.every((a) => isLoopbackAddress(a) || f.isLocal(a)) ? ' (this machine)' : '';
  out.push({
    id: 'master.resolve',
    group: G,
    title: tResolve,
    verdict: 'ok',
    evidence: [isIpLiteral(host) ? `${host} is an IP address${localNote}` : `${host} resolves to ${r.addresses.join(', ')}${localNote}`],
  });

  // Connect the way a ROS client does: the first address getaddrinfo returns (IPv4 unless ROS_IPV6=on).
  const addr = preferred(r.addresses, f.ipv6)[0] ?? r.addresses[0]!;
  const target = uriFor(addr, port);
  const started = f.deps.now();
  let state: unknown;
  try {
    state = unwrapRosReply(
      'getSystemState',
      await f.deps.rpc(target, 'getSystemState', [CALLER_ID], { timeoutMs: f.timeoutMs, signal: f.signal }),
    );
  } catch (e) {
    const { kind, message } = errText(e);
    out.push({
      id: 'master.answers',
      group: G,
      title: tAnswer,
      verdict: 'error',
      evidence: [
        `getSystemState at ${target} failed: ${kind}: ${message}`,
        ...(kind === 'refused' && localNote
          ? [
              `ROS_MASTER_URI points at this machine${f.local.length ? ` (local addresses: ${localList(f)})` : ''}; is roscore running here?`,
            ]
          : []),
      ],
      fix: { title: hintFor(kind as Parameters<typeof hintFor>[0], host) },
    });
    out.push(skipped('master.selfUri', tSelf, 'The master does not answer.'));
    return out;
  }
  const ms = f.deps.now() - started;
  const nodes = nodesOfSystemState(state);
  if (!nodes) {
    out.push({
      id: 'master.answers',
      group: G,
      title: tAnswer,
      verdict: 'error',
      evidence: [`${target} answered getSystemState with something that is not [publishers, subscribers, services]`],
      fix: { title: hintFor('not-ros-master', host) },
    });
    out.push(skipped('master.selfUri', tSelf, 'The server is not a ROS master.'));
    return out;
  }
  f.nodes = nodes;
  out.push({
    id: 'master.answers',
    group: G,
    title: tAnswer,
    verdict: 'ok',
    evidence: [
      `getSystemState at ${target} answered in ${ms.toFixed(0)} ms: ${nodes.length} node${nodes.length === 1 ? '' : 's'} registered`,
    ],
  });
  out.push(await selfUriCheck(f, target, tSelf));
  return out;
}

/** roslaunch and tools that ask the master for its URI use this one; it must work from here too. */
async function selfUriCheck(f: DoctorFacts, target: string, title: string): Promise<Check> {
  const id = 'master.selfUri';
  let uri: string;
  try {
    const v = unwrapRosReply('getUri', await f.deps.rpc(target, 'getUri', [CALLER_ID], { timeoutMs: f.timeoutMs, signal: f.signal }));
    if (typeof v !== 'string') throw new RpcError('malformed', 'getUri did not return a string');
    uri = v;
  } catch (e) {
    return { id, group: G, title, verdict: 'warning', evidence: [`getUri failed: ${errText(e).message}`] };
  }
  let u: URL;
  try {
    u = new URL(uri);
  } catch {
    return { id, group: G, title, verdict: 'warning', evidence: [`The master reports the URI '${uri}', which is not a URL.`] };
  }
  if (u.protocol !== 'http:')
    return {
      id,
      group: G,
      title,
      verdict: 'warning',
      evidence: [`The master reports the URI '${uri}': a ROS master answers at an http:// URI, so it was not contacted.`],
    };
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const port = Number(u.port || 80);
  const r = await f.resolve(host);
  const fix = {
    title: `On the master's machine, set ROS_IP (or ROS_HOSTNAME) before starting roscore so it advertises an address every machine can reach, or add '${host}' to /etc/hosts here.`,
  };
  if (!r.ok)
    return {
      id,
      group: G,
      title,
      verdict: 'warning',
      evidence: [
        `The master advertises itself as ${uri}; '${host}' does not resolve here (${r.code}).`,
        'Nodes here use ROS_MASTER_URI, but roslaunch and some tools use this URI.',
      ],
      fix,
    };
  const masterRemote = !(f.masterAddresses ?? []).every((a) => isLoopbackAddress(a) || f.isLocal(a));
  if (masterRemote && r.addresses.every(isLoopbackAddress)) {
    return {
      id,
      group: G,
      title,
      verdict: 'warning',
      evidence: [`The master advertises itself as ${uri}, a loopback address, while it runs on another machine.`],
      fix,
    };
  }
  const addr = preferred(r.addresses, f.ipv6)[0] ?? r.addresses[0]!;
  try {
    unwrapRosReply('getPid', await f.deps.rpc(uriFor(addr, port), 'getPid', [CALLER_ID], { timeoutMs: f.timeoutMs, signal: f.signal }));
    return {
      id,
      group: G,
      title,
      verdict: 'ok',
      evidence: [`The master advertises ${uri}; ${host}${isIpLiteral(host) ? '' : ` → ${addr}`} answers getPid.`],
    };
  } catch (e) {
    return {
      id,
      group: G,
      title,
      verdict: 'warning',
      evidence: [`The master advertises ${uri}; getPid there failed: ${errText(e).message}`],
      fix,
    };
  }
}
