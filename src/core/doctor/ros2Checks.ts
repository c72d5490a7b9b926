import {
  assessDomain,
  DEFAULT_EPHEMERAL,
  MAX_DOMAIN_ID,
  nearestSafeDomain,
  parseDomainIdLikeRcl,
  targetOsOf,
  type PortRange,
} from '../ros/domain';
import { EPHEMERAL_RANGE_FILE, readHostEphemeralRange } from '../ros/ephemeralRange';
import { ROS2_DISTROS } from '../ros/variables';
import { type DoctorFacts, variable } from './facts';
import { ros2LiveChecks } from './ros2LiveChecks';
import type { Check } from './types';

const G = 'ros2' as const;
async function ephemeralRange(f: DoctorFacts): Promise<{ range: PortRange; from: string }> {
  const os = targetOsOf(f.deps.platform);
  const configured = await readHostEphemeralRange(os, f.deps.platform, f.deps.readText);
  if (configured) return { range: configured, from: EPHEMERAL_RANGE_FILE };
  if (f.deps.platform === 'linux') return { range: DEFAULT_EPHEMERAL.linux, from: `Linux default (${EPHEMERAL_RANGE_FILE} unreadable)` };
  return { range: DEFAULT_EPHEMERAL[os], from: `${os} default` };
}

export async function ros2Checks(f: DoctorFacts): Promise<Check[]> {
  if (f.input.rosVersion !== 2)
    return [{ id: 'ros2.domain', group: G, title: 'ROS 2 domain and discovery', verdict: 'skipped', evidence: ['ROS 1 profile.'] }];
  return [await domainCheck(f), await discoveryCheck(f), await rmwCheck(f), ...(await ros2LiveChecks(f, (await ephemeralRange(f)).range))];
}

async function domainCheck(f: DoctorFacts): Promise<Check> {
  const id = 'ros2.domain';
  const title = 'ROS_DOMAIN_ID is valid and its ports stay out of the ephemeral range';
  const raw = f.input.variables.get('ROS_DOMAIN_ID') ?? '';
  const p = parseDomainIdLikeRcl(raw);
  if (p.kind === 'error')
    return {
      id,
      group: G,
      title,
      verdict: 'error',
      evidence: [`ROS_DOMAIN_ID '${raw}': ${p.why}`],
      fix: { title: `Use a plain decimal 0–${MAX_DOMAIN_ID}.` },
    };
  const d = p.kind === 'unset' ? 0 : p.value;
  const lenient = p.kind === 'lenient' ? [`rcl reads '${raw}' as ${d}: ${p.why}`] : [];
  const { range, from } = await ephemeralRange(f);
  const a = assessDomain(d, range);
  const head = `Domain ${d}${p.kind === 'unset' ? ' (ROS_DOMAIN_ID unset)' : ''}: ports ${a.firstPort}–${a.lastPort}; ephemeral range ${range.lo}–${range.hi} (${from})`;
  if (!a.valid)
    return {
      id,
      group: G,
      title,
      verdict: 'error',
      evidence: [head, ...lenient, `Domain ${d} > ${MAX_DOMAIN_ID}: the RTPS ports exceed 65535 (Fast DDS aborts).`],
      fix: { title: `Use a domain between 0 and ${MAX_DOMAIN_ID}.` },
    };
  if (!a.safe) {
    const near = nearestSafeDomain(d, range);
    return {
      id,
      group: G,
      title,
      verdict: 'warning',
      evidence: [
        head,
        ...lenient,
        `The discovery ports of domain ${d} fall in the OS ephemeral range: a random outgoing connection can take them and participants then fail to start or to be discovered.`,
      ],
      fix: { title: near !== undefined ? `Use domain ${near} (nearest safe one).` : 'Pick a domain outside the ephemeral range.' },
    };
  }
  const cap =
    a.maxParticipants < 120
      ? [`At most ${a.maxParticipants} ROS 2 processes fit on one machine in this domain before their ports enter the ephemeral range.`]
      : [];
  return { id, group: G, title, verdict: lenient.length || cap.length ? 'warning' : 'ok', evidence: [head, ...lenient, ...cap] };
}

async function discoveryCheck(f: DoctorFacts): Promise<Check> {
  const id = 'ros2.discovery';
  const title = 'Discovery range and static peers are consistent';
  const lo = variable(f.input, 'ROS_LOCALHOST_ONLY');
  const range = variable(f.input, 'ROS_AUTOMATIC_DISCOVERY_RANGE');
  const peersRaw = variable(f.input, 'ROS_STATIC_PEERS');
  const peers = peersRaw
    ? peersRaw
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
  const evidence: string[] = [
    `Range: ${lo?.startsWith('1') ? 'LOCALHOST (ROS_LOCALHOST_ONLY=1)' : (range ?? 'SUBNET (default)')}; static peers: ${peers.length ? peers.join(', ') : 'none'}`,
  ];
  let verdict: Check['verdict'] = 'ok';
  const warn = (s: string) => {
    evidence.push(s);
    if (verdict === 'ok') verdict = 'warning';
  };
  if (lo?.startsWith('1') && (range || peers.length))
    warn("ROS_LOCALHOST_ONLY=1 wins: 'automatic_discovery_range' and 'static_peers' are ignored.");
  if (range && !['SUBNET', 'LOCALHOST', 'OFF', 'SYSTEM_DEFAULT'].includes(range))
    warn(`Invalid value '${range}' for ROS_AUTOMATIC_DISCOVERY_RANGE: rcl assumes LOCALHOST.`);
  if (peers.length && (range === 'OFF' || range === 'SYSTEM_DEFAULT'))
    warn(`ROS_STATIC_PEERS is ignored with ROS_AUTOMATIC_DISCOVERY_RANGE=${range}.`);
  if (range === 'OFF') warn('Discovery is OFF: no other process, even on this machine, is discovered.');
  for (const peer of peers) {
    if (peer.length > 255) {
      warn(`Static peer '${peer.slice(0, 40)}…' is longer than 255 characters; rcl skips it.`);
      continue;
    }
    if (/\/\d+$/.test(peer)) continue;
    const r = await f.resolve(peer);
    if (r.ok) evidence.push(`Peer ${peer} → ${r.addresses.join(', ')}`);
    else warn(`Peer '${peer}' does not resolve here (${r.code}); rmw_fastrtps fails to create the participant ("Unable to resolve peer").`);
  }
  return {
    id,
    group: G,
    title,
    verdict,
    evidence,
    ...(verdict !== 'ok'
      ? {
          fix: {
            title: 'Use ROS_AUTOMATIC_DISCOVERY_RANGE=SUBNET or LOCALHOST with resolvable ROS_STATIC_PEERS, and drop ROS_LOCALHOST_ONLY.',
          },
        }
      : {}),
  };
}

async function rmwCheck(f: DoctorFacts): Promise<Check> {
  const id = 'ros2.rmw';
  const rmw = variable(f.input, 'RMW_IMPLEMENTATION') ?? 'rmw_fastrtps_cpp';
  const title = `The middleware ${rmw} is installed`;
  const distro = variable(f.input, 'ROS_DISTRO');
  if (!distro)
    return {
      id,
      group: G,
      title,
      verdict: 'skipped',
      evidence: ['ROS_DISTRO is not known (source the distro’s setup.bash, or run from a terminal that has it).'],
    };
  if (!(ROS2_DISTROS as readonly string[]).includes(distro))
    return { id, group: G, title, verdict: 'skipped', evidence: [`ROS_DISTRO '${distro}' is not a ROS 2 distro.`] };
  const prefix = f.deps.platform === 'win32' ? `C:\\dev\\ros2_${distro}` : `/opt/ros/${distro}`;
  const candidates = [`${prefix}/share/${rmw}/package.xml`, `${prefix}/lib/lib${rmw}.so`];
  for (const c of candidates) if (await f.deps.exists(c)) return { id, group: G, title, verdict: 'ok', evidence: [`Found ${c}`] };
  return {
    id,
    group: G,
    title,
    verdict: 'error',
    evidence: [`None of ${candidates.join(', ')} exists: nodes exit with "RMW implementation not installed".`],
    fix: { title: `sudo apt install ros-${distro}-${rmw.replace(/_/g, '-')} (or pick an installed RMW).` },
  };
}
