// The ROS 2 checks that look at the network: multicast on the domain's own SPDP group, each
// discovery server, the participants seen on the domain (and from which hosts), this host's
// participant ports, vendors mixed on one domain, and Fast DDS shared memory across a container
// boundary; for rmw_zenoh the router's TCP port. Each listens for a bounded time; only the multicast
// check, the server pings and the router port connect send.
import { maxParticipants, parseDomainIdLikeRcl, type PortRange } from '../ros/domain';
import { parseDiscoveryServers } from '../ros/discoveryServers';
import { domainPortUse, readBoundUdpSockets, type PortUseReading } from '../ros/portsInUse';
import type { Ros2DomainView, Ros2Participant } from '../rtps/monitor';
import { sanitizeForDisplay } from '../text/sanitize';
import type { MulticastCheckResult } from '../multicast/multicastCheck';
import { type DoctorFacts, variable } from './facts';
import type { Check, Verdict } from './types';
import { zenohRouterCheck } from './zenohRouterCheck';

const G = 'ros2' as const;

type Range = 'SUBNET' | 'LOCALHOST' | 'OFF' | 'SYSTEM_DEFAULT';

function discoveryRange(f: DoctorFacts): Range {
  if (variable(f.input, 'ROS_LOCALHOST_ONLY')?.startsWith('1')) return 'LOCALHOST';
  const r = variable(f.input, 'ROS_AUTOMATIC_DISCOVERY_RANGE');
  return r === 'LOCALHOST' || r === 'OFF' || r === 'SYSTEM_DEFAULT' ? r : 'SUBNET';
}

function staticPeers(f: DoctorFacts): string[] {
  return (variable(f.input, 'ROS_STATIC_PEERS') ?? '')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
}

const show = (s: string | undefined) => sanitizeForDisplay(s ?? '');

function isLocalParticipant(f: DoctorFacts, p: Ros2Participant): boolean {
  return f.isLocal(p.sourceAddress) || p.sourceAddress.startsWith('127.') || p.addresses.some((a) => f.isLocal(a));
}

function hostLabel(p: Ros2Participant): string {
  return p.host ? `${show(p.host)} (${p.sourceAddress})` : p.sourceAddress;
}

function describe(p: Ros2Participant): string {
  const bits = [p.vendor, p.process ? show(p.process) : undefined, p.pid !== undefined ? `pid ${p.pid}` : undefined];
  return `${bits.filter(Boolean).join(' ')}${p.enclave === undefined ? ' (no ROS enclave: not a ROS 2 node)' : ''}`;
}

/** The ROS 2 network checks, for a profile whose domain parses; `ephemeral` is the host's range. */
export async function ros2LiveChecks(f: DoctorFacts, ephemeral: PortRange): Promise<Check[]> {
  const p = parseDomainIdLikeRcl(f.input.variables.get('ROS_DOMAIN_ID') ?? '');
  const rmw = variable(f.input, 'RMW_IMPLEMENTATION') ?? 'rmw_fastrtps_cpp';
  const ids = ['ros2.multicast', 'ros2.participants', 'ros2.ports', 'ros2.vendors', 'ros2.sharedMemory'];
  const titles: Record<string, string> = {
    'ros2.multicast': 'Multicast works on the domain’s discovery group',
    'ros2.participants': 'Participants seen on the domain',
    'ros2.ports': 'This host’s participant ports in use vs the domain’s capacity',
    'ros2.vendors': 'One DDS vendor on the domain',
    'ros2.sharedMemory': 'Fast DDS shared memory reaches the participants of this host',
  };
  const skipAll = (why: string) => ids.map((id): Check => ({ id, group: G, title: titles[id]!, verdict: 'skipped', evidence: [why] }));
  if (rmw === 'rmw_zenoh_cpp')
    return [
      await zenohRouterCheck(f, f.deps.ros2Live.tcpPortOpen),
      ...skipAll('rmw_zenoh_cpp does not use DDS discovery (see the Zenoh router check).'),
    ];
  if (p.kind === 'error' || (p.kind !== 'unset' && p.value > 232)) return skipAll('ROS_DOMAIN_ID is invalid (see above).');
  const domain = p.kind === 'unset' ? 0 : p.value;
  const range = discoveryRange(f);
  const servers = variable(f.input, 'ROS_DISCOVERY_SERVER');
  const fastdds = rmw === 'rmw_fastrtps_cpp' || rmw === 'rmw_fastrtps_dynamic_cpp';

  // Read the ports before the monitor binds its own loopback participant port.
  const ports = await readBoundUdpSockets(f.deps.platform, f.deps.readText);
  const multicastWanted = range === 'SUBNET' && !(servers && fastdds);
  const [mc, view, dsChecks] = await Promise.all([
    multicastWanted ? f.deps.ros2Live.multicast(domain, { timeoutMs: f.timeoutMs, listenMs: f.listenMs }) : undefined,
    f.deps.ros2Live.observeDomain(domain, f.listenMs),
    servers ? discoveryServerChecks(f, servers, fastdds) : Promise.resolve([]),
  ]);
  const others = view.participants.filter((x) => !x.self);
  const checks: Check[] = [
    multicastWanted
      ? multicastCheck(mc!, staticPeers(f))
      : {
          id: 'ros2.multicast',
          group: G,
          title: titles['ros2.multicast']!,
          verdict: 'skipped',
          evidence: [
            servers && fastdds
              ? 'Fast DDS discovery-server clients do not use multicast (ROS_DISCOVERY_SERVER is set).'
              : `Discovery range ${range}: multicast is not used to reach other machines.`,
          ],
        },
    ...dsChecks,
    participantsCheck(f, view, others, range, domain, titles['ros2.participants']!),
    portsCheck(domain, ports, ephemeral, titles['ros2.ports']!),
    vendorsCheck(others, rmw, titles['ros2.vendors']!),
    await sharedMemoryCheck(f, others, titles['ros2.sharedMemory']!),
  ];
  return checks;
}

function multicastCheck(r: MulticastCheckResult, peers: readonly string[]): Check {
  const id = 'ros2.multicast';
  const title = `Multicast works on the domain’s discovery group ${r.group}:${r.port}`;
  if (r.bindError)
    return { id, group: G, title, verdict: 'error', evidence: [r.bindError.advice.problem], fix: { title: r.bindError.advice.fix } };
  const evidence: string[] = [];
  let verdict: Verdict = 'ok';
  let fix: string | undefined;
  const raise = (v: Verdict, why: string | undefined) => {
    if (v === 'error' || (v === 'warning' && verdict === 'ok')) verdict = v;
    if (why && !fix) fix = why;
  };
  const good = r.interfaces.filter((i) => i.outcome.ok);
  for (const i of r.interfaces) {
    if (i.outcome.ok)
      evidence.push(`${i.iface} ${i.address}: joined, sent and received its own datagram in ${i.outcome.roundTripMs.toFixed(1)} ms`);
    else {
      evidence.push(`${i.iface} ${i.address}: ${i.outcome.advice.problem}`);
      raise(good.length ? 'warning' : 'error', i.outcome.advice.fix);
    }
  }
  if (!r.interfaces.length) {
    evidence.push('No network interface with an IPv4 address besides loopback: DDS discovery reaches only this machine.');
    raise('warning', 'Connect a network, or use ROS_AUTOMATIC_DISCOVERY_RANGE=LOCALHOST for single-machine work.');
  }
  if (!r.routed.ok) {
    evidence.push(`Without a chosen interface: ${r.routed.advice.problem}`);
    raise('warning', r.routed.advice.fix);
  }
  const remoteRtps = r.remote.filter((h) => h.rtps > 0);
  if (remoteRtps.length)
    evidence.push(
      `DDS discovery multicast from other machines arrived within ${r.listenedMs} ms: ${remoteRtps.map((h) => `${h.address} (${h.rtps})`).join(', ')}`,
    );
  else if (good.length) {
    const advice = `No DDS discovery multicast from any other machine arrived within ${r.listenedMs} ms.`;
    if (peers.length) evidence.push(`${advice} ROS_STATIC_PEERS (${peers.join(', ')}) reach those by unicast.`);
    else {
      // Silence is also what a lone machine hears; the advice says what it means when it is not alone.
      evidence.push(`${advice} If ROS 2 runs on another machine on this domain, multicast does not get through.`);
      evidence.push('Routers, many Wi-Fi access points, VPNs (WireGuard) and WSL2/VM NAT drop multicast.');
      raise(
        'warning',
        'Use unicast discovery: ROS_STATIC_PEERS=<the other machine’s IP> (Iron and later) or a Fast DDS discovery server (ROS_DISCOVERY_SERVER). Check with rosnet multicast receive here and rosnet multicast send there.',
      );
    }
  }
  if (r.localRtps) evidence.push(`${r.localRtps} discovery datagram(s) from participants on this machine.`);
  evidence.push(`(One TTL-1 datagram per interface was sent to ${r.group}:${r.port}; it is not RTPS, so DDS stacks drop it.)`);
  return { id, group: G, title, verdict, evidence, ...(fix ? { fix: { title: fix } } : {}) };
}

async function discoveryServerChecks(f: DoctorFacts, value: string, fastdds: boolean): Promise<Check[]> {
  const parsed = parseDiscoveryServers(value);
  const superClient = /^(TRUE|true|True|1)$/.test(variable(f.input, 'ROS_SUPER_CLIENT') ?? '');
  const note = superClient
    ? []
    : ['Without ROS_SUPER_CLIENT=TRUE, ros2 topic list / ros2 node list show nothing through a discovery server (rmw_fastrtps#499).'];
  return Promise.all(
    parsed.map(async (p): Promise<Check> => {
      const id = `ros2.discoveryServer:${p.ok ? p.entry.id : p.id}`;
      if (!p.ok)
        return {
          id,
          group: G,
          title: `Discovery server ${p.id} '${show(p.raw)}'`,
          verdict: 'error',
          evidence: [`'${show(p.raw)}': ${p.why}`],
        };
      const e = p.entry;
      const title = `Discovery server ${e.id} (${show(e.raw)}) answers`;
      if (!fastdds)
        return {
          id,
          group: G,
          title,
          verdict: 'skipped',
          evidence: ['ROS_DISCOVERY_SERVER is read by Fast DDS only; this profile’s RMW is another.'],
        };
      if (e.transport.startsWith('TCP'))
        return { id, group: G, title, verdict: 'skipped', evidence: [`${e.transport} servers are not pinged (UDP only).`] };
      const r = await f.resolve(e.host);
      if (!r.ok)
        return {
          id,
          group: G,
          title,
          verdict: 'error',
          evidence: [`${show(e.host)} does not resolve (${r.code}).`],
          fix: { title: 'Use the server’s IP address.' },
        };
      const address = r.addresses[0]!;
      const ping = await f.deps.ros2Live.pingDiscoveryServer(address, e.port, f.timeoutMs);
      const at = `${address}:${e.port}${address !== e.host ? ` (${show(e.host)})` : ''}`;
      const ev = (s: string) => [s, ...note];
      switch (ping.kind) {
        case 'answered':
          return { id, group: G, title, verdict: 'ok', evidence: ev(`${at} answered in ${ping.roundTripMs.toFixed(1)} ms.`) };
        case 'refused':
          return {
            id,
            group: G,
            title,
            verdict: 'error',
            evidence: ev(
              `${at}: connection refused in ${ping.roundTripMs.toFixed(1)} ms (ICMP port unreachable): the host is up, no server listens on UDP ${e.port}.`,
            ),
            fix: { title: `Start the server there: fast-discovery-server -i ${e.id} -l ${address} -p ${e.port}` },
          };
        case 'silent':
          return f.deps.ros2Live.pingDiscoveryServer.answers
            ? {
                id,
                group: G,
                title,
                verdict: 'error',
                evidence: ev(
                  `${at}: no answer within ${f.timeoutMs} ms: the host is unreachable from here or a firewall drops UDP ${e.port}.`,
                ),
                fix: { title: `Check the route to ${address} (ping, ip route get ${address}) and firewalls on the way.` },
              }
            : {
                id,
                group: G,
                title,
                verdict: 'warning',
                evidence: ev(
                  `${at}: not refused within ${f.timeoutMs} ms. A server there ignores this probe, and so does an unreachable host: this build cannot tell them apart.`,
                ),
              };
        case 'error':
          return { id, group: G, title, verdict: 'error', evidence: ev(`${at}: ${ping.code}`) };
      }
    }),
  );
}

function participantsCheck(
  f: DoctorFacts,
  view: Ros2DomainView,
  others: readonly Ros2Participant[],
  range: Range,
  domain: number,
  title: string,
): Check {
  const id = 'ros2.participants';
  const evidence: string[] = [];
  const byHost = new Map<string, Ros2Participant[]>();
  for (const p of others) {
    const key = isLocalParticipant(f, p) ? 'this machine' : hostLabel(p);
    byHost.set(key, [...(byHost.get(key) ?? []), p]);
  }
  if (!others.length)
    evidence.push(
      `No participants on domain ${domain} in ${f.listenMs} ms (Fast DDS re-announces every 3 s, Cyclone DDS every 8 s: one started earlier can be missed).`,
    );
  else evidence.push(`${others.length} participant(s) on domain ${domain} from ${byHost.size} host(s) in ${f.listenMs} ms:`);
  for (const [host, ps] of byHost) evidence.push(`${host}: ${ps.map(describe).join('; ')}`);
  for (const pr of view.problems) evidence.push(`Listener problem: ${show(pr)}`);
  const remote = [...byHost.keys()].filter((h) => h !== 'this machine');
  if (range === 'LOCALHOST' && remote.length)
    return {
      id,
      group: G,
      title,
      verdict: 'warning',
      evidence: [
        ...evidence,
        `Participants from other machines (${remote.join(', ')}) are on domain ${domain}, but this profile’s range is LOCALHOST: its nodes will not see them.`,
      ],
      fix: { title: 'Use ROS_AUTOMATIC_DISCOVERY_RANGE=SUBNET to talk to them, or another ROS_DOMAIN_ID to stay apart.' },
    };
  return { id, group: G, title, verdict: view.problems.length && !view.listeners.length ? 'error' : 'ok', evidence };
}

function portsCheck(domain: number, reading: PortUseReading, ephemeral: PortRange, title: string): Check {
  const id = 'ros2.ports';
  if (!reading.ok) return { id, group: G, title, verdict: 'skipped', evidence: [`This check ${reading.reason}`] };
  const capacity = maxParticipants(domain, ephemeral);
  const use = domainPortUse(domain, reading.sockets, capacity);
  const taken = use.taken.map((t) => t.participant);
  const evidence = [
    taken.length
      ? `Participant indexes in use here: ${taken.join(', ')} (${taken.length} of the ${capacity} that fit below the ephemeral range ${ephemeral.lo}–${ephemeral.hi})`
      : `No participant index of domain ${domain} is in use here (${capacity} fit below the ephemeral range ${ephemeral.lo}–${ephemeral.hi}).`,
    `${use.multicastSockets} socket(s) bound to the discovery multicast port ${use.discoveryMulticastPort} (participants without an index, Cyclone DDS’s default, show only here).`,
  ];
  if (use.nextFree === undefined && capacity > 0)
    return {
      id,
      group: G,
      title,
      verdict: 'warning',
      evidence: [...evidence, `Every index that fits is taken: the next participant gets ports in the ephemeral range, or fails to start.`],
      fix: { title: 'Stop unused ROS 2 processes, or spread them over more domains.' },
    };
  if (taken.length >= capacity * 0.8 && capacity > 0)
    return { id, group: G, title, verdict: 'warning', evidence: [...evidence, `${capacity - taken.length} index(es) left.`] };
  return { id, group: G, title, verdict: 'ok', evidence };
}

const RMW_VENDOR: Record<string, string> = {
  rmw_fastrtps_cpp: 'Fast DDS',
  rmw_fastrtps_dynamic_cpp: 'Fast DDS',
  rmw_cyclonedds_cpp: 'Cyclone DDS',
  rmw_connextdds: 'Connext DDS',
};

function vendorsCheck(others: readonly Ros2Participant[], rmw: string, title: string): Check {
  const id = 'ros2.vendors';
  const ros = others.filter((p) => p.enclave !== undefined);
  if (!ros.length) return { id, group: G, title, verdict: 'skipped', evidence: ['No ROS 2 participants seen.'] };
  const vendors = new Map<string, number>();
  for (const p of ros) vendors.set(p.vendor, (vendors.get(p.vendor) ?? 0) + 1);
  const evidence = [`Vendors: ${[...vendors].map(([v, n]) => `${v} (${n})`).join(', ')}; this profile: ${RMW_VENDOR[rmw] ?? rmw}.`];
  evidence.push('Distros (Humble’s 24-byte vs Iron+’s 16-byte Gid) show only in the graph (rosnet discover --graph).');
  const mine = RMW_VENDOR[rmw];
  if (vendors.size > 1 || (mine && !vendors.has(mine)))
    return {
      id,
      group: G,
      title,
      verdict: 'warning',
      evidence: [
        ...evidence,
        'Topics work between vendors, but services and some QoS combinations between Fast DDS and Cyclone DDS have failed (rmw_cyclonedds#184), and each vendor needs its own tuning.',
      ],
      fix: { title: 'Use the same RMW_IMPLEMENTATION on every machine of the domain.' },
    };
  return { id, group: G, title, verdict: 'ok', evidence };
}

async function sharedMemoryCheck(f: DoctorFacts, others: readonly Ros2Participant[], title: string): Promise<Check> {
  const id = 'ros2.sharedMemory';
  // Fast DDS uses shared memory with participants it thinks are on its host; their port segments are
  // /dev/shm/fastrtps_port<N>. A same-host participant whose segment is missing here lives in another
  // /dev/shm (a container without --ipc=host): topics are listed, but data never arrives.
  const same = others.filter((p) => p.vendorId === '01.0f' && p.sharedMemory && isLocalParticipant(f, p));
  if (f.deps.platform !== 'linux') return { id, group: G, title, verdict: 'skipped', evidence: ['Needs /dev/shm (Linux).'] };
  if (!same.length)
    return { id, group: G, title, verdict: 'skipped', evidence: ['No Fast DDS participant with shared memory on this machine seen.'] };
  const missing: string[] = [];
  for (const p of same) {
    const shmPorts = p.locators.filter((l) => l.startsWith('shm ')).map((l) => l.slice(4));
    const found = await Promise.all(shmPorts.map((port) => f.deps.exists(`/dev/shm/fastrtps_port${port}`)));
    if (shmPorts.length && !found.some(Boolean)) missing.push(`${describe(p)} (shared-memory port ${shmPorts.join(', ')})`);
  }
  if (!missing.length)
    return { id, group: G, title, verdict: 'ok', evidence: [`${same.length} Fast DDS participant(s) here share this /dev/shm.`] };
  return {
    id,
    group: G,
    title,
    verdict: 'warning',
    evidence: [
      `Fast DDS participants on this machine whose shared-memory segments are not in this /dev/shm: ${missing.join('; ')}.`,
      'They run in another container (or /dev/shm mount): Fast DDS tries shared memory between same-host participants, so topics are listed but no data arrives.',
    ],
    fix: { title: 'Run the containers with --ipc=host (and --network=host), or set FASTDDS_BUILTIN_TRANSPORTS=UDPv4 on both sides.' },
  };
}
