/**
 * The ROS 2 graph from what the probe collected: endpoints (SEDP) grouped into topics and services
 * with ROS names, nodes from `ros_discovery_info`, and a distro hint per participant.
 */
import type { EndpointData } from './discoveryData';
import type { ParticipantEntitiesInfo } from './entitiesInfo';
import { formatGuid } from './guid';
import type { Ros2Participant } from './monitor';
import { demangleTopic, demangleType } from './rosNames';

export type DistroHint = 'humble' | 'iron-or-later';

export interface Ros2GraphParticipant extends Ros2Participant {
  /** From the Gid size in `ros_discovery_info` (24: Humble) or type hashes in endpoint USER_DATA (Iron+). */
  readonly distroHint?: DistroHint;
}

export interface Ros2Node {
  readonly namespace: string;
  readonly name: string;
  /** "/ns/name" */
  readonly fullName: string;
  /** Participant GUID (formatted). */
  readonly participant: string;
}

export interface Ros2Topic {
  /** ROS name ("/chatter"). */
  readonly name: string;
  /** ROS type ("std_msgs/msg/String"); several when endpoints disagree, joined by ", ". */
  readonly type: string;
  readonly publishers: number;
  readonly subscribers: number;
  /** Distinct QoS of the topic's endpoints, e.g. ["reliable"] or ["best-effort", "reliable"]. */
  readonly reliability: readonly string[];
  readonly durability: readonly string[];
}

export interface Ros2Service {
  readonly name: string;
  readonly type: string;
  /** Request readers (servers) and request writers (clients). */
  readonly servers: number;
  readonly clients: number;
}

export interface Ros2Endpoint {
  readonly guid: string;
  readonly participant: string;
  readonly kind: 'writer' | 'reader';
  /** DDS names as announced. */
  readonly ddsTopic: string;
  readonly ddsType: string;
  readonly reliability: string;
  readonly durability: string;
  readonly typeHash?: string;
}

export interface Ros2Graph {
  readonly domain: number;
  readonly participants: readonly Ros2GraphParticipant[];
  readonly nodes: readonly Ros2Node[];
  readonly topics: readonly Ros2Topic[];
  readonly services: readonly Ros2Service[];
  /** Every endpoint, ROS or not (DDS-only topics are listed only here). */
  readonly endpoints: readonly Ros2Endpoint[];
}

function fullName(ns: string, name: string): string {
  return ns === '/' || ns === '' ? `/${name}` : `${ns}/${name}`;
}

const joinDistinct = (xs: Iterable<string>): string => [...new Set(xs)].sort().join(', ');

export function buildGraph(
  domain: number,
  participants: readonly Ros2Participant[],
  endpoints: ReadonlyMap<string, { kind: 'writer' | 'reader'; data: EndpointData }>,
  infos: ReadonlyMap<string, ParticipantEntitiesInfo>,
): Ros2Graph {
  const eps: Ros2Endpoint[] = [];
  const topics = new Map<string, { types: string[]; pubs: number; subs: number; rel: Set<string>; dur: Set<string> }>();
  const services = new Map<string, { types: string[]; servers: number; clients: number }>();
  const typeHashParticipants = new Set<string>();
  for (const { kind, data } of endpoints.values()) {
    const reliability = data.reliability ?? (kind === 'writer' ? 'reliable' : 'best-effort');
    eps.push({
      guid: formatGuid(data.guid),
      participant: formatGuid(data.participantGuid),
      kind,
      ddsTopic: data.topic,
      ddsType: data.type,
      reliability,
      durability: data.durability,
      ...(data.typeHash !== undefined ? { typeHash: data.typeHash } : {}),
    });
    if (data.typeHash !== undefined) typeHashParticipants.add(data.participantGuid);
    const ros = demangleTopic(data.topic);
    if (!ros) continue;
    const type = demangleType(data.type);
    if (ros.kind === 'topic') {
      let t = topics.get(ros.name);
      if (!t) topics.set(ros.name, (t = { types: [], pubs: 0, subs: 0, rel: new Set(), dur: new Set() }));
      t.types.push(type);
      if (kind === 'writer') t.pubs++;
      else t.subs++;
      t.rel.add(reliability);
      t.dur.add(data.durability);
    } else {
      let s = services.get(ros.name);
      if (!s) services.set(ros.name, (s = { types: [], servers: 0, clients: 0 }));
      s.types.push(type);
      // Servers read requests; clients write them (replies are the mirror image: not counted twice).
      if (ros.kind === 'request') {
        if (kind === 'reader') s.servers++;
        else s.clients++;
      }
    }
  }
  const nodes: Ros2Node[] = [];
  const gidSize = new Map<string, 16 | 24>();
  for (const [participantGuid, info] of infos) {
    gidSize.set(participantGuid, info.gidSize);
    for (const n of info.nodes)
      nodes.push({
        namespace: n.namespace,
        name: n.name,
        fullName: fullName(n.namespace, n.name),
        participant: formatGuid(participantGuid),
      });
  }
  nodes.sort((a, b) => a.fullName.localeCompare(b.fullName) || a.participant.localeCompare(b.participant));
  const withHints = participants.map((p): Ros2GraphParticipant => {
    const key = p.guid.replace(/:/g, '');
    const size = gidSize.get(key);
    const hint: DistroHint | undefined =
      size === 24 ? 'humble' : size === 16 || typeHashParticipants.has(key) ? 'iron-or-later' : undefined;
    return hint ? { ...p, distroHint: hint } : p;
  });
  return {
    domain,
    participants: withHints,
    nodes,
    topics: [...topics]
      .map(([name, t]) => ({
        name,
        type: joinDistinct(t.types),
        publishers: t.pubs,
        subscribers: t.subs,
        reliability: [...t.rel].sort(),
        durability: [...t.dur].sort(),
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    services: [...services]
      .map(([name, s]) => ({ name, type: joinDistinct(s.types), servers: s.servers, clients: s.clients }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    endpoints: eps.sort((a, b) => a.ddsTopic.localeCompare(b.ddsTopic) || a.guid.localeCompare(b.guid)),
  };
}
