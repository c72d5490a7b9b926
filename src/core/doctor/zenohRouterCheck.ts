// rmw_zenoh: whether the router a node connects to accepts a TCP connection. Only the port is
// checked (no Zenoh handshake), so the check says "port open", never "router up".
import { isLoopbackHost } from '../ros/masterUri';
import { sanitizeForDisplay as show } from '../text/sanitize';
import { zenohRouterTarget } from '../zenoh/routerTarget';
import type { Ros2LiveDeps } from './deps';
import { type DoctorFacts, variable } from './facts';
import type { Check } from './types';

export async function zenohRouterCheck(f: DoctorFacts, tcpPortOpen: Ros2LiveDeps['tcpPortOpen']): Promise<Check> {
  const id = 'ros2.zenohRouter';
  const t = await zenohRouterTarget((n) => variable(f.input, n), f.deps.readText);
  if (t.kind === 'untestable')
    return {
      id,
      group: 'ros2',
      title: 'Zenoh router port open',
      verdict: 'skipped',
      evidence: [`Router endpoints from ${t.from}: ${t.endpoints}: none is tcp/…, which is all this check can test.`, ...t.notes],
    };
  const title = `Zenoh router port ${show(t.text)} open`;
  const r = await tcpPortOpen(t.host, t.port, f.timeoutMs, f.signal);
  const attempts = variable(f.input, 'ZENOH_ROUTER_CHECK_ATTEMPTS');
  // rmw_zenoh reads it with strtoll: no leading digits is 0.
  const n = attempts === undefined ? 1 : Number(/^\s*([+-]?\d+)/.exec(attempts)?.[1] ?? 0);
  const evidence = [`Endpoint from ${t.from}: ${show(t.text)}`, ...t.notes];
  if (r.open)
    return {
      id,
      group: 'ros2',
      title,
      verdict: t.notes.length ? 'warning' : 'ok',
      evidence: [
        ...evidence,
        `A TCP connection to ${show(t.host)}:${t.port} was accepted in ${r.ms.toFixed(1)} ms (only the port is checked: no Zenoh handshake was made).`,
      ],
    };
  return {
    id,
    group: 'ros2',
    title,
    verdict: 'error',
    evidence: [
      ...evidence,
      `${show(t.host)}:${t.port}: ${show(r.error)}${r.error === 'ECONNREFUSED' ? ' (nothing listens there)' : ''}.`,
      n === 0
        ? 'ZENOH_ROUTER_CHECK_ATTEMPTS=0: nodes wait at start-up until the router is reachable.'
        : n < 0
          ? 'ZENOH_ROUTER_CHECK_ATTEMPTS < 0: nodes start without checking, and find no one until a router is reachable.'
          : `Nodes check for the router ${n === 1 ? 'once' : `${n} times`} (ZENOH_ROUTER_CHECK_ATTEMPTS${attempts === undefined ? ' unset' : `=${show(attempts)}`}), warn "Unable to connect to a Zenoh router", and then run without finding other nodes.`,
    ],
    fix: {
      title: isLoopbackHost(t.host)
        ? 'Start the router on this machine: ros2 run rmw_zenoh_cpp rmw_zenohd'
        : `Start the router on ${show(t.host)} (ros2 run rmw_zenoh_cpp rmw_zenohd) and let TCP ${t.port} through its firewall.`,
    },
  };
}
