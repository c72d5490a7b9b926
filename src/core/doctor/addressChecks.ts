import { isIpLiteral, isIpv4Literal } from '../ros/ipLiteral';
import { type DoctorFacts, isLoopbackAddress, localList, masterIsLocal, normalizeAddress, preferred, variable } from './facts';
import type { Check, CheckFix } from './types';

const G = 'local' as const;

function masterRemote(f: DoctorFacts): boolean {
  return !!f.master && !masterIsLocal(f);
}

/** The route's source address to the master, computed once and shared by the checks here. */
async function routeToMaster(f: DoctorFacts): Promise<{ address?: string; detail: readonly string[]; target?: string }> {
  if (!f.master || !f.masterAddresses?.length) return { detail: [] };
  const target = preferred(f.masterAddresses, f.ipv6)[0] ?? f.masterAddresses[0]!;
  // `ip route get` output is evidence only for the route check, which runs for a remote master.
  const r = await f.deps.routeSource(normalizeAddress(target), f.timeoutMs, { evidence: masterRemote(f) });
  return { ...r, target };
}

function useIpFix(address: string | undefined, why: string): CheckFix {
  return address ? { title: `Use ${address} as ROS_IP`, action: { kind: 'set-ros-ip', address } } : { title: why };
}

export async function addressChecks(f: DoctorFacts): Promise<Check[]> {
  if (f.input.rosVersion !== 1)
    return [
      {
        id: 'local.advertised',
        group: G,
        title: 'Advertised address',
        verdict: 'skipped',
        evidence: ['ROS 2 profile: DDS discovers addresses itself.'],
      },
    ];
  // The route's source address is the right ROS_IP to offer even when the master runs here.
  const routeP = routeToMaster(f);
  // Start the name lookups the checks below make while the route is looked up (the resolver caches them).
  for (const name of [variable(f.input, 'ROS_HOSTNAME'), f.deps.hostname()]) if (name !== undefined) void f.resolve(name);
  const route = await routeP;
  return Promise.all([
    advertisedCheck(f),
    hostnameCheck(f, route.address),
    ipCheck(f, route.address),
    localHostnameCheck(f, route.address),
    routeCheck(f, route),
  ]);
}

/**
 * Which variable decides the address nodes started with this environment advertise. ROS_HOSTNAME
 * wins over ROS_IP (rosgraph, roscpp): a user who exports ROS_IP in a terminal where ROS_HOSTNAME
 * is set (by ~/.bashrc, or pinned by a ROS Network profile) is told, not silently ignored.
 */
export function advertisedCheck(f: Pick<DoctorFacts, 'input'>): Check {
  const id = 'local.advertises';
  const title = 'What nodes started here advertise';
  const host = f.input.variables.get('ROS_HOSTNAME');
  const ip = variable(f.input, 'ROS_IP');
  const t = f.input.terminal;
  const pinnedHere = t?.pinned.includes('ROS_HOSTNAME');
  if (host && ip && ip !== host) {
    const from = pinnedHere
      ? `ROS_HOSTNAME=${host} was pinned by the ROS Network profile '${t!.profile}' (a shell start-up file or VS Code's own environment sets ROS_HOSTNAME)`
      : `ROS_HOSTNAME=${host} is set`;
    return {
      id,
      group: G,
      title,
      verdict: 'warning',
      evidence: [`${from}; it wins over ROS_IP=${ip}: nodes started here advertise ${host}, not ${ip}.`],
      fix: { title: `export ROS_HOSTNAME=${ip} (or unset ROS_HOSTNAME) in this shell, or change the profile` },
    };
  }
  if (host === '' && ip)
    return {
      id,
      group: G,
      title,
      verdict: 'warning',
      evidence: [`ROS_HOSTNAME is set but empty: rosgraph and roscpp still skip ROS_IP=${ip} and advertise the machine's hostname.`],
      fix: { title: 'unset ROS_HOSTNAME' },
    };
  const what = host ? `ROS_HOSTNAME=${host}` : ip ? `ROS_IP=${ip}` : "this machine's hostname (neither ROS_HOSTNAME nor ROS_IP is set)";
  return { id, group: G, title, verdict: 'ok', evidence: [`Nodes advertise ${what}.`] };
}

/** ROS_HOSTNAME: resolves, to this machine, and not to loopback when the master is elsewhere (roswtf's checks plus the loopback one). */
async function hostnameCheck(f: DoctorFacts, routeSrc: string | undefined): Promise<Check> {
  const id = 'local.rosHostname';
  const title = 'ROS_HOSTNAME resolves to an address of this machine';
  const name = variable(f.input, 'ROS_HOSTNAME');
  if (name === undefined)
    return {
      id,
      group: G,
      title,
      verdict: 'skipped',
      evidence: [
        f.input.variables.get('ROS_HOSTNAME') === ''
          ? 'ROS_HOSTNAME is empty (it still hides ROS_IP in rosgraph; see the lint findings).'
          : 'ROS_HOSTNAME is not set.',
      ],
    };
  const r = await f.resolve(name);
  const fix = useIpFix(
    routeSrc,
    `Set ROS_HOSTNAME to a name of this machine that every machine resolves, or use ROS_IP with this machine's address (${localList(f)}).`,
  );
  if (!r.ok)
    return {
      id,
      group: G,
      title,
      verdict: 'error',
      evidence: [`ROS_HOSTNAME may be incorrect: ROS_HOSTNAME [${name}] cannot be resolved to an IP address (${r.code}).`],
      fix,
    };
  const notLocal = r.addresses.filter((a) => !f.isLocal(a) && !isLoopbackAddress(a));
  if (notLocal.length) {
    return {
      id,
      group: G,
      title,
      verdict: 'warning',
      evidence: [
        `ROS_HOSTNAME may be incorrect: ROS_HOSTNAME [${name}] resolves to [${r.addresses.join(', ')}], which does not appear to be a local IP address (${localList(f)}).`,
      ],
      fix,
    };
  }
  if (masterRemote(f) && r.addresses.every(isLoopbackAddress)) {
    return {
      id,
      group: G,
      title,
      verdict: 'error',
      evidence: [
        `ROS_HOSTNAME [${name}] resolves to loopback (${r.addresses.join(', ')}) while the master is on another machine: nobody else can connect to nodes here.`,
      ],
      fix,
    };
  }
  return { id, group: G, title, verdict: 'ok', evidence: [`${name} → ${r.addresses.join(', ')} (local)`] };
}

/** ROS_IP: a literal address of a local interface; not loopback when the master is elsewhere. */
function ipCheck(f: DoctorFacts, routeSrc: string | undefined): Check {
  const id = 'local.rosIp';
  const title = 'ROS_IP is an address of this machine';
  const raw = f.input.variables.get('ROS_IP');
  if (raw === undefined || raw === '') return { id, group: G, title, verdict: 'skipped', evidence: ['ROS_IP is not set.'] };
  const shadow = variable(f.input, 'ROS_HOSTNAME') !== undefined ? [`Note: ROS_HOSTNAME is set and wins; ROS_IP is ignored by ROS.`] : [];
  const fix = useIpFix(routeSrc, `Set ROS_IP to one of this machine's addresses: ${localList(f)}.`);
  if (/\s/.test(raw))
    return {
      id,
      group: G,
      title,
      verdict: 'error',
      evidence: [`ROS_IP may be incorrect: ROS_IP [${raw}] contains whitespace. This is not a valid IP.`, ...shadow],
      fix,
    };
  if (!isIpLiteral(raw))
    return {
      id,
      group: G,
      title,
      verdict: 'error',
      evidence: [`ROS_IP [${raw}] is not an IP address (names belong in ROS_HOSTNAME).`, ...shadow],
      fix,
    };
  if (!f.isLocal(raw) && !isLoopbackAddress(raw)) {
    return {
      id,
      group: G,
      title,
      verdict: 'error',
      evidence: [
        `ROS_IP may be incorrect: ROS_IP [${raw}] does not appear to be an IP address of a local network interface (one of ${localList(f)}).`,
        'Other machines would send to an address that is not this one: their connections to nodes here fail.',
        ...shadow,
      ],
      fix,
    };
  }
  if (masterRemote(f) && isLoopbackAddress(raw)) {
    return {
      id,
      group: G,
      title,
      verdict: 'error',
      evidence: [
        `ROS_IP [${raw}] is loopback while the master is on another machine: rospy binds to loopback only and nobody else can connect.`,
        ...shadow,
      ],
      fix,
    };
  }
  const iface = f.local.find((l) => normalizeAddress(l.address) === normalizeAddress(raw))?.iface;
  return { id, group: G, title, verdict: 'ok', evidence: [`${raw} is on ${iface ?? 'a local interface'}`, ...shadow] };
}

/**
 * gethostname(): roswtf's "Local network configuration is invalid" check, and, when neither
 * ROS_HOSTNAME nor ROS_IP is set, the name nodes advertise (which every other machine must resolve).
 */
async function localHostnameCheck(f: DoctorFacts, routeSrc: string | undefined): Promise<Check> {
  const id = 'local.hostname';
  const name = f.deps.hostname();
  const advertised = f.advertised.source === 'hostname';
  const title = advertised ? `Nodes advertise this machine’s hostname '${name}'` : `This machine’s hostname '${name}' is consistent`;
  const r = await f.resolve(name);
  const fix = useIpFix(routeSrc, `Set ROS_IP to this machine's address (${localList(f)}).`);
  if (!r.ok) {
    if (!advertised)
      return {
        id,
        group: G,
        title,
        verdict: 'ok',
        evidence: [`'${name}' does not resolve here, but it is not used: ${f.advertised.source} is set.`],
      };
    return {
      id,
      group: G,
      title,
      verdict: 'error',
      evidence: [
        `Neither ROS_HOSTNAME nor ROS_IP is set, so nodes advertise '${name}', which does not even resolve on this machine (${r.code}).`,
      ],
      fix,
    };
  }
  const v4 = r.addresses.filter((a) => f.ipv6 || isIpv4Literal(normalizeAddress(a)));
  const foreign = v4.filter((a) => !isLoopbackAddress(a) && !f.isLocal(a));
  if (foreign.length) {
    return {
      id,
      group: G,
      title,
      verdict: 'error',
      evidence: [
        `Local network configuration is invalid: Local hostname [${name}] resolves to [${foreign.join(', ')}], which does not appear to be a local IP address (${localList(f)}).`,
      ],
      fix: {
        title: `Fix the '${name}' line in /etc/hosts, or set ROS_IP${routeSrc ? ` (${routeSrc})` : ''}.`,
        ...(routeSrc ? { action: { kind: 'set-ros-ip' as const, address: routeSrc } } : {}),
      },
    };
  }
  if (advertised && masterRemote(f)) {
    const loop = r.addresses.every(isLoopbackAddress);
    return {
      id,
      group: G,
      title,
      verdict: loop ? 'error' : 'warning',
      evidence: [
        `Neither ROS_HOSTNAME nor ROS_IP is set: nodes here register as http://${name}:<port>/.`,
        loop
          ? `'${name}' resolves to loopback (${r.addresses.join(', ')}) here, so even this machine's name points back at the caller.`
          : `'${name}' resolves to ${r.addresses.join(', ')} here; the master's machine and every other machine must resolve '${name}' too (this cannot be verified from here). If one cannot, subscribers there see the topic but never receive a message.`,
      ],
      fix,
    };
  }
  return {
    id,
    group: G,
    title,
    verdict: 'ok',
    evidence: [`${name} → ${r.addresses.join(', ')}${advertised ? ' (advertised; the master is on this machine)' : ''}`],
  };
}

/** Like jsk's rossetip: the source address of the route to the master, and whether ROS_IP/ROS_HOSTNAME matches it. */
async function routeCheck(f: DoctorFacts, route: { address?: string; detail: readonly string[]; target?: string }): Promise<Check> {
  const id = 'local.route';
  const title = 'The advertised address is the one that routes to the master';
  if (!f.master || !f.masterAddresses?.length)
    return { id, group: G, title, verdict: 'skipped', evidence: ['The master’s address is not known.'] };
  if (!masterRemote(f)) return { id, group: G, title, verdict: 'skipped', evidence: ['The master runs on this machine.'] };
  if (!route.address) {
    return {
      id,
      group: G,
      title,
      verdict: 'error',
      evidence: [`No route from this machine to ${route.target}.`, ...route.detail],
      fix: { title: 'Check the network connection (interface up, VPN, cable) to the master.' },
    };
  }
  const adv = f.advertised;
  const advAddrs = isIpLiteral(adv.value) ? [adv.value] : await f.resolve(adv.value).then((r) => (r.ok ? [...r.addresses] : []));
  const evidence = [`The route to the master ${route.target} leaves from ${route.address}.`, ...route.detail];
  if (advAddrs.some((a) => normalizeAddress(a) === normalizeAddress(route.address!))) {
    return {
      id,
      group: G,
      title,
      verdict: 'ok',
      evidence: [...evidence, `${adv.source === 'hostname' ? `The hostname '${adv.value}'` : `${adv.source}=${adv.value}`} matches it.`],
    };
  }
  return {
    id,
    group: G,
    title,
    verdict: 'warning',
    evidence: [
      ...evidence,
      `${adv.source === 'hostname' ? `The advertised hostname '${adv.value}'` : `${adv.source}=${adv.value}`} ${advAddrs.length ? `means ${advAddrs.join(', ')}` : 'does not resolve'}, not ${route.address}: the master's side may not reach it.`,
    ],
    fix: { title: `Use ${route.address} as ROS_IP`, action: { kind: 'set-ros-ip', address: route.address } },
  };
}
