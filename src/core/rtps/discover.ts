/**
 * One-shot discovery for `rosnet discover`: the passive monitor for `timeoutMs`, plus with `graph`
 * the active probe beside it; participants from both (our own probe left out).
 */
import type * as os from 'node:os';
import type { Timers } from '../probe/poller';
import { createRos2GraphProbe } from './graphProbe';
import type { Ros2Graph, Ros2GraphParticipant } from './graph';
import { createRos2Monitor, type SocketFactory } from './monitor';

export interface DiscoverOptions {
  readonly domain: number;
  readonly interfaces?: readonly string[];
  readonly loopback: boolean;
  readonly timeoutMs: number;
  readonly graph: boolean;
  readonly socketFactory?: SocketFactory;
  readonly clock?: Timers;
  readonly networkInterfaces?: () => NodeJS.Dict<os.NetworkInterfaceInfo[]>;
}

export interface DiscoverResult {
  readonly domain: number;
  readonly participants: readonly Ros2GraphParticipant[];
  /** Present with `graph`. */
  readonly graph?: Ros2Graph;
  readonly problems: readonly string[];
  readonly listenedOn: readonly string[];
}

export async function discoverRos2(o: DiscoverOptions): Promise<DiscoverResult> {
  const common = {
    domain: o.domain,
    interfaces: o.interfaces,
    loopback: o.loopback,
    socketFactory: o.socketFactory,
    clock: o.clock,
    networkInterfaces: o.networkInterfaces,
  };
  const monitor = createRos2Monitor(common);
  const probe = o.graph ? createRos2GraphProbe(common) : undefined;
  await Promise.all([monitor.ready, probe?.ready]);
  await new Promise((r) => setTimeout(r, o.timeoutMs));
  const view = monitor.snapshot();
  const graph = probe?.snapshot();
  const problems = [...view.problems, ...(probe?.problems() ?? [])];
  monitor.dispose();
  await probe?.stop();
  // The probe's records carry the distro hint; the monitor's cover participants the probe missed.
  const byGuid = new Map<string, Ros2GraphParticipant>();
  for (const p of view.participants) if (!p.self) byGuid.set(p.guid, p);
  for (const p of graph?.participants ?? []) if (!p.self && p.guid !== probe?.guid) byGuid.set(p.guid, p);
  return {
    domain: o.domain,
    participants: [...byGuid.values()].sort((a, b) => a.firstSeen - b.firstSeen),
    ...(graph ? { graph } : {}),
    problems,
    listenedOn: view.listeners.map((l) => `${l.kind === 'multicast' ? 'multicast via' : 'unicast'} ${l.address}:${l.port}`),
  };
}

/** The `--json` document (schema rosnet.discover/1). */
export function discoverJson(r: DiscoverResult): object {
  return {
    schema: 'rosnet.discover/1',
    domain: r.domain,
    participants: r.participants.map((p) => ({
      guid: p.guid,
      vendor: p.vendor,
      ...(p.host !== undefined ? { host: p.host } : {}),
      ...(p.pid !== undefined ? { pid: p.pid } : {}),
      ...(p.process !== undefined ? { process: p.process } : {}),
      ...(p.enclave !== undefined ? { enclave: p.enclave } : {}),
      addresses: p.addresses,
      leaseSeconds: p.leaseSeconds,
    })),
    nodes: (r.graph?.nodes ?? []).map((n) => ({ namespace: n.namespace, name: n.name, participant: n.participant })),
    topics: (r.graph?.topics ?? []).map((t) => ({ name: t.name, type: t.type, publishers: t.publishers, subscribers: t.subscribers })),
    services: (r.graph?.services ?? []).map((s) => ({ name: s.name, type: s.type })),
  };
}
