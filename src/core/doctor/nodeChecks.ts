import { CALLER_ID, unwrapRosReply } from '../probe/masterProbe';
import { isIpLiteral } from '../ros/ipLiteral';
import { RpcError } from '../probe/xmlrpcCall';
import { isLoopbackHost } from '../ros/masterUri';
import { mapLimit } from '../util/mapLimit';
import { type DoctorFacts, masterIsLocal, preferred, uriFor } from './facts';
import type { Check } from './types';

const G = 'nodes' as const;

function message(e: unknown): string {
  return e instanceof RpcError ? `${e.kind}: ${e.message}` : e instanceof Error ? e.message : String(e);
}

/**
 * Every node registered at the master: its XML-RPC URI must resolve and answer here, because
 * subscribers (rostopic echo) call publishers at exactly that URI. A node that advertises a name
 * this machine cannot resolve is the "rostopic list shows the topic, rostopic echo stays empty" trap.
 */
export async function nodeChecks(f: DoctorFacts): Promise<Check[]> {
  if (f.input.rosVersion !== 1)
    return [{ id: 'nodes.ping', group: G, title: 'Registered nodes answer', verdict: 'skipped', evidence: ['ROS 2 profile.'] }];
  if (!f.nodes)
    return [
      {
        id: 'nodes.ping',
        group: G,
        title: 'Registered nodes answer',
        verdict: 'skipped',
        evidence: ['The master does not answer, so its nodes are unknown.'],
      },
    ];
  if (!f.nodes.length)
    return [
      { id: 'nodes.ping', group: G, title: 'Registered nodes answer', verdict: 'ok', evidence: ['No nodes are registered at the master.'] },
    ];
  const sample = f.nodes.slice(0, f.maxNodes);
  const target = uriFor(preferred(f.masterAddresses ?? [], f.ipv6)[0] ?? f.master!.host, f.master!.port);
  const checks = await mapLimit(sample, f.nodeConcurrency, (node) => nodeCheck(f, target, node));
  if (f.nodes.length > sample.length)
    checks.push({
      id: 'nodes.sampled',
      group: G,
      title: 'Not every node was checked',
      verdict: 'warning',
      evidence: [`${f.nodes.length} nodes are registered; the first ${sample.length} were checked.`],
    });
  return checks;
}

async function nodeCheck(f: DoctorFacts, masterTarget: string, node: string): Promise<Check> {
  const id = `nodes.ping:${node}`;
  const title = `Node ${node} is reachable from here`;
  const rpcOpts = { timeoutMs: f.timeoutMs, maxBytes: 64 * 1024, signal: f.signal };
  let uri: string;
  try {
    const v = unwrapRosReply('lookupNode', await f.deps.rpc(masterTarget, 'lookupNode', [CALLER_ID, node], rpcOpts));
    if (typeof v !== 'string') throw new RpcError('malformed', 'lookupNode did not return a URI');
    uri = v;
  } catch (e) {
    return {
      id,
      group: G,
      title,
      verdict: 'warning',
      evidence: [`Master does not have lookup information for node [${node}]: ${message(e)}`],
    };
  }
  let u: URL;
  try {
    u = new URL(uri);
  } catch {
    return { id, group: G, title, verdict: 'error', evidence: [`${node} registered the URI '${uri}', which is not a URL.`] };
  }
  // ROS nodes serve XML-RPC over http:// only; any other scheme is never contacted (the master
  // handed it over, and it may point anywhere).
  if (u.protocol !== 'http:')
    return {
      id,
      group: G,
      title,
      verdict: 'error',
      evidence: [`${node} registered the URI '${uri}': ROS nodes answer XML-RPC at http:// URIs only, so it was not contacted.`],
    };
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const port = Number(u.port || 80);
  const fixFor = (what: string) => ({
    title: `On ${node}'s machine set ROS_IP to its address that this machine can reach (rosnet doctor there offers it) and restart the node${what}.`,
  });
  if (isLoopbackHost(host) && f.master && !masterIsLocal(f)) {
    return {
      id,
      group: G,
      title,
      verdict: 'error',
      evidence: [
        `${node} advertises ${uri}: a loopback address, registered at a master on another machine. Nobody but its own machine can connect to it.`,
      ],
      fix: fixFor(''),
    };
  }
  const r = await f.resolve(host);
  if (!r.ok) {
    return {
      id,
      group: G,
      title,
      verdict: 'error',
      evidence: [
        `${node} advertises ${uri}, but '${host}' does not resolve on this machine (${r.code}).`,
        'Its topics are listed (rostopic list), but subscribers here never receive a message: rostopic echo stays empty.',
      ],
      fix: fixFor(`, or add '${host}' to /etc/hosts on this machine`),
    };
  }
  const addr = preferred(r.addresses, f.ipv6)[0] ?? r.addresses[0]!;
  const started = f.deps.now();
  try {
    const pid = unwrapRosReply('getPid', await f.deps.rpc(uriFor(addr, port), 'getPid', [CALLER_ID], rpcOpts));
    const ms = f.deps.now() - started;
    return {
      id,
      group: G,
      title,
      verdict: 'ok',
      evidence: [
        `${uri}${isIpLiteral(host) ? '' : ` (${host} → ${addr})`} answered getPid${typeof pid === 'number' ? ` (pid ${pid})` : ''} in ${ms.toFixed(0)} ms`,
      ],
    };
  } catch (e) {
    return {
      id,
      group: G,
      title,
      verdict: 'error',
      evidence: [
        `Could not contact ${node} at ${uri}${isIpLiteral(host) ? '' : ` (${host} → ${addr})`}: ${message(e)}`,
        'Subscribers here cannot connect to it: its messages never arrive (or it has died without unregistering).',
      ],
      fix: fixFor(''),
    };
  }
}
