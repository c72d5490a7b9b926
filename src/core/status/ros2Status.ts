import type { Ros2DomainView, Ros2Participant } from '../rtps/monitor';
import type { DiscoveryServerPing } from '../rtps/discoveryServerPing';
import type { DiscoveryServerEntry } from '../ros/discoveryServers';
import { isLoopbackAddress } from '../net/addresses';
import { markdownCode, sanitizeForMarkdown as md } from '../text/sanitize';
import { plural } from '../text/plural';
import { roundTripBucket } from './roundTrip';
import type { ZenohRouterState } from '../zenoh/routerTarget';

/** What the extension knows live about a ROS 2 identity's domain (each part optional until known). */
export interface Ros2Live {
  /** The passive monitor's view of the domain (undefined while it starts, or for rmw_zenoh). */
  readonly domain?: Ros2DomainView;
  /** This machine's addresses, to tell its participants from other hosts'. */
  readonly localAddresses: readonly string[];
  /** How many participants the domain's ports allow per host (ros/domain maxParticipants). */
  readonly capacity?: number;
  /** One entry per server of ROS_DISCOVERY_SERVER, with the last ping (undefined: not answered yet). */
  readonly discoveryServers?: readonly { readonly entry: DiscoveryServerEntry; readonly ping?: DiscoveryServerPing }[];
  /** rmw_zenoh: whether the router's TCP endpoint accepts connections (open undefined: checking, or untested). */
  readonly zenohRouter?: ZenohRouterState;
}

export interface Ros2HostGroup {
  /** The host name participants announce, else their source address. */
  readonly host: string;
  readonly local: boolean;
  readonly participants: readonly Ros2Participant[];
}

export interface Ros2Summary {
  /** Other participants than our own probe. */
  readonly participants: readonly Ros2Participant[];
  readonly hosts: readonly Ros2HostGroup[];
  readonly vendors: readonly string[];
}

/** Participants grouped by host (this machine first); our own probe left out. */
export function summarizeDomain(view: Ros2DomainView | undefined, localAddresses: readonly string[]): Ros2Summary {
  const local = new Set(localAddresses);
  const isLocal = (p: Ros2Participant) => isLoopbackAddress(p.sourceAddress) || local.has(p.sourceAddress);
  const participants = (view?.participants ?? []).filter((p) => !p.self);
  const groups = new Map<string, { host: string; local: boolean; participants: Ros2Participant[] }>();
  for (const p of participants) {
    const host = p.host ?? p.sourceAddress;
    const key = `${isLocal(p) ? 'l' : 'r'}:${host}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { host, local: isLocal(p), participants: [] }));
    g.participants.push(p);
  }
  const hosts = [...groups.values()].sort((a, b) => Number(b.local) - Number(a.local) || a.host.localeCompare(b.host));
  return { participants, hosts, vendors: [...new Set(participants.map((p) => p.vendor))].sort() };
}

/** Equal keys render the same (round-trip jitter excluded). */
export function pingKey(p: DiscoveryServerPing): string {
  return p.state === 'up'
    ? `up ${roundTripBucket(p.rttMs)} ${p.serverId}`
    : p.state === 'down'
      ? `down ${p.code}`
      : p.state === 'error'
        ? `error ${p.message}`
        : 'timeout';
}

/** What the status bar adds for a ROS 2 identity: a text suffix, a tone, and tooltip paragraphs (Markdown). */
export interface Ros2StatusPart {
  readonly suffix: string;
  readonly tone: 'normal' | 'warning' | 'error';
  readonly lines: readonly string[];
}

const MAX_HOSTS = 8;
const MAX_PER_HOST = 6;

function participantLine(p: Ros2Participant): string {
  const who = [p.process ? markdownCode(p.process) : undefined, p.pid !== undefined ? `pid ${p.pid}` : undefined].filter(Boolean).join(' ');
  return `${md(p.vendor)}${who ? ` ${who}` : ''}`;
}

export function ros2StatusPart(variables: ReadonlyMap<string, string>, domain: number, live: Ros2Live | undefined): Ros2StatusPart {
  const rmw = variables.get('RMW_IMPLEMENTATION');
  if (rmw === 'rmw_zenoh_cpp') return zenohPart(live);
  const lines: string[] = [];
  let tone: Ros2StatusPart['tone'] = 'normal';
  const warn = () => tone === 'normal' && (tone = 'warning');

  const servers = live?.discoveryServers ?? [];
  let serverSuffix = '';
  if (servers.length > 0) {
    const up = servers.filter((s) => s.ping?.state === 'up').length;
    const known = servers.filter((s) => s.ping !== undefined).length;
    for (const s of servers) {
      const where = `${md(s.entry.host)}:${s.entry.port}`;
      const p = s.ping;
      lines.push(
        !p
          ? `$(sync~spin) Discovery server ${where}: checking…`
          : p.state === 'up'
            ? `$(check) Discovery server ${where} answers (round trip ${roundTripBucket(p.rttMs)}${p.serverId !== undefined ? `, server id ${p.serverId}` : ''})`
            : p.state === 'down'
              ? `$(error) Discovery server ${where} is down: ${md(p.code)} (nothing listens on that port)`
              : p.state === 'timeout'
                ? `$(error) Discovery server ${where} does not answer within ${p.timeoutMs} ms (host down, or a firewall drops UDP)`
                : `$(error) Discovery server ${where}: ${md(p.message)}`,
      );
    }
    if (known === servers.length && up === 0) {
      tone = 'error';
      serverSuffix = servers.length === 1 ? ' · discovery server down' : ' · discovery servers down';
    } else if (known === servers.length && up < servers.length) {
      warn();
      serverSuffix = ` · ${up}/${servers.length} discovery servers up`;
    } else if (up > 0) serverSuffix = servers.length === 1 ? ' · discovery server up' : ` · ${up} discovery servers up`;
    const superClient = variables.get('ROS_SUPER_CLIENT');
    if (!superClient || /^(false|0)$/i.test(superClient))
      lines.push(
        'With a discovery server, a participant learns only about the ones it shares topics with: `ros2 topic list` and `ros2 node list` look empty unless `ROS_SUPER_CLIENT=TRUE` is set in the terminal that runs them (and the daemon is restarted).',
      );
  }

  const s = summarizeDomain(live?.domain, live?.localAddresses ?? []);
  let countSuffix = '';
  if (live?.domain) {
    const n = s.participants.length;
    countSuffix = n === 0 ? ' · no participants' : ` · ${plural(n, 'participant')} · ${plural(s.hosts.length, 'host')}`;
    if (n === 0)
      lines.push(
        servers.length > 0
          ? `No participant announces itself by multicast on domain ${domain} (with a discovery server, clients talk to the server only).`
          : `No participants on domain ${domain} yet (a running participant is seen within one announcement period, up to 8 s).`,
      );
    for (const g of s.hosts.slice(0, MAX_HOSTS)) {
      const shown = g.participants.slice(0, MAX_PER_HOST).map(participantLine);
      const more = g.participants.length > MAX_PER_HOST ? `, … ${g.participants.length - MAX_PER_HOST} more` : '';
      lines.push(`**${md(g.host)}**${g.local ? ' (this machine)' : ''}: ${shown.join(', ')}${more}`);
    }
    if (s.hosts.length > MAX_HOSTS) lines.push(`… and ${plural(s.hosts.length - MAX_HOSTS, 'host')} more`);

    const range = variables.get('ROS_AUTOMATIC_DISCOVERY_RANGE');
    const localOnly = range === 'LOCALHOST' || variables.get('ROS_LOCALHOST_ONLY') === '1';
    const remote = s.hosts.filter((g) => !g.local);
    if (localOnly && remote.length > 0) {
      warn();
      lines.push(
        `$(warning) ${plural(
          remote.reduce((k, g) => k + g.participants.length, 0),
          'participant',
        )} of domain ${domain} run on other hosts (${remote
          .slice(0, 3)
          .map((g) => md(g.host))
          .join(
            ', ',
          )}), but this profile limits discovery to this machine (${range === 'LOCALHOST' ? 'ROS_AUTOMATIC_DISCOVERY_RANGE=LOCALHOST' : 'ROS_LOCALHOST_ONLY=1'}): its nodes will not see theirs.`,
      );
    } else if (!localOnly && range !== 'OFF' && servers.length === 0 && n > 0 && remote.length === 0) {
      lines.push(
        `Only this machine's participants are seen. If other machines run on domain ${domain}, multicast may not get through (Wi-Fi, VPN, WSL, a router): the doctor checks it.`,
      );
    }
    if (s.vendors.length > 1)
      lines.push(
        `DDS vendors mixed on this domain: ${s.vendors.map(md).join(', ')}. They interoperate, but a mismatch of RMW_IMPLEMENTATION between machines is a common cause of missing data.`,
      );
    const here = s.hosts.filter((g) => g.local).reduce((k, g) => k + g.participants.length, 0);
    if (live.capacity === 0 && here > 0) {
      warn();
      lines.push(
        `$(warning) Domain ${domain}'s participant ports fall in this machine's ephemeral port range: a random outgoing connection can take one, and a participant then fails to start or is not discovered. Use a domain in 0–101 (or 215–232 on Linux).`,
      );
    } else if (live.capacity !== undefined && here > live.capacity) {
      warn();
      lines.push(
        `$(warning) ${here} participants on this machine, but domain ${domain}'s ports leave room for ${live.capacity}: more cannot start (or are not discovered).`,
      );
    }
    for (const problem of live.domain.problems.slice(0, 3)) lines.push(`Listening: ${md(problem)}`);
  }
  return { suffix: `${countSuffix}${serverSuffix}`, tone, lines };
}

function zenohPart(live: Ros2Live | undefined): Ros2StatusPart {
  const r = live?.zenohRouter;
  const lines = [
    'rmw_zenoh: nodes find each other through a Zenoh router (`ros2 run rmw_zenoh_cpp rmw_zenohd`), not DDS discovery; ROS_AUTOMATIC_DISCOVERY_RANGE and ROS_STATIC_PEERS do not apply.',
  ];
  if (!r) return { suffix: '', tone: 'normal', lines };
  const where = md(r.endpoint);
  if (r.untested)
    return { suffix: ' · router not checked', tone: 'normal', lines: [`$(info) Zenoh router ${where}: ${md(r.untested)}`, ...lines] };
  if (r.open === undefined) return { suffix: '', tone: 'normal', lines: [`$(sync~spin) Zenoh router ${where}: checking…`, ...lines] };
  if (r.open)
    return {
      suffix: ' · router port open',
      tone: 'normal',
      lines: [`$(check) Zenoh router port ${where} is open (a TCP connection was accepted; the Zenoh handshake is not checked)`, ...lines],
    };
  return {
    suffix: ' · router port closed',
    tone: 'warning',
    lines: [
      `$(warning) Zenoh router port ${where} is closed${r.error ? ` (${md(r.error)})` : ''}: start the router, or nodes wait for it (ZENOH_ROUTER_CHECK_ATTEMPTS)`,
      ...lines,
    ],
  };
}
