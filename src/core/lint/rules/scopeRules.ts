import { parseMasterUri, isLoopbackHost } from '../../ros/masterUri';
import type { Assignment, Finding, LintContext } from '../types';

export interface ScopeView {
  readonly scope: string;
  /** Effective assignments (later wins), including enclosing scopes. */
  readonly env: ReadonlyMap<string, Assignment>;
  readonly ros?: 1 | 2 | undefined;
  readonly kind: string;
  readonly removable: (a: Assignment) => { start: number; end: number } | undefined;
}

const val = (a: Assignment | undefined) => (a && a.op !== 'unset' ? a.value : undefined);

/** Rules about combinations of variables that take effect together. */
export function scopeRules(s: ScopeView, ctx: LintContext): Finding[] {
  const out: Finding[] = [];
  const get = (k: string) => s.env.get(k);
  const ip = get('ROS_IP');
  const host = get('ROS_HOSTNAME');
  // roscpp and rospy read the __hostname:= and __ip:= remaps before the environment: a node's
  // __ip:= beats a ROS_HOSTNAME variable (and __hostname:= beats __ip:=).
  const ipRemapWins = ip?.op === 'arg' && host?.op !== 'arg';
  if (val(ip) && val(host) && val(ip) !== val(host) && s.ros !== 2 && !ipRemapWins) {
    const rm = s.removable(ip!);
    out.push({
      code: 'PREC001',
      severity: 'warning',
      message: `ROS_HOSTNAME takes precedence; ROS_IP='${val(ip)}' is ignored`,
      span: ip!.keySpan,
      ...(rm ? { fixes: [{ title: 'Remove ROS_IP', edits: [{ span: rm, newText: '' }] }] } : {}),
    });
  }
  const lo = val(get('ROS_LOCALHOST_ONLY'));
  const range = get('ROS_AUTOMATIC_DISCOVERY_RANGE');
  const peers = get('ROS_STATIC_PEERS');
  if (lo?.startsWith('1') && (val(range) || val(peers))) {
    const a = get('ROS_LOCALHOST_ONLY')!;
    const rm = s.removable(a);
    out.push({
      code: 'PREC004',
      severity: 'warning',
      message: "'localhost_only' is enabled, 'automatic_discovery_range' and 'static_peers' will be ignored",
      span: a.keySpan,
      ...(rm ? { fixes: [{ title: 'Remove ROS_LOCALHOST_ONLY', edits: [{ span: rm, newText: '' }], isPreferred: true }] } : {}),
    });
  }
  const r = val(range);
  if (val(peers) && (r === 'OFF' || r === 'SYSTEM_DEFAULT')) {
    out.push({
      code: 'PREC005',
      severity: 'warning',
      message: `ROS_STATIC_PEERS is ignored when ROS_AUTOMATIC_DISCOVERY_RANGE=${r}${r === 'SYSTEM_DEFAULT' ? ' (Cyclone DDS warns; Fast DDS silently ignores them)' : ''}`,
      span: peers!.keySpan,
      fixes: [{ title: 'Use SUBNET', edits: [{ span: range!.valueSpan, newText: 'SUBNET' }], isPreferred: true }],
    });
  }
  const master = get('ROS_MASTER_URI');
  const parsed = val(master) ? parseMasterUri(val(master)!) : undefined;
  const masterHost = parsed?.ok ? parsed.uri.host : undefined;
  const remoteMaster = masterHost !== undefined && !isLoopbackHost(masterHost);
  const adv = !ipRemapWins && host && val(host) !== undefined ? host : ip;
  const advertised = val(adv);
  if (s.ros !== 2 && remoteMaster && advertised && isLoopbackHost(advertised)) {
    out.push({
      code: 'HOST004',
      severity: 'error',
      message: `Advertising a loopback address (${advertised}) while the master is on ${masterHost}: other machines cannot reach this node (rospy also binds to loopback only)`,
      span: adv!.valueSpan,
    });
  }
  // A key-only entry (compose `- ROS_IP`) passes the shell's value through: that counts as set.
  if (
    s.ros !== 2 &&
    remoteMaster &&
    !ip &&
    !host &&
    master!.op !== 'arg' &&
    ['dotenv', 'shell', 'compose', 'devcontainer', 'settings'].includes(s.kind)
  ) {
    out.push({
      code: 'HOST005',
      severity: 'warning',
      message: `No ROS_IP/ROS_HOSTNAME next to a remote master (${masterHost}): nodes will advertise this machine's hostname, which ${masterHost} and every other machine must be able to resolve`,
      span: master!.keySpan,
    });
  }
  const ipv6 = val(get('ROS_IPV6'));
  const v6Literal = (val(ip)?.includes(':') ? ip : undefined) ?? (parsed?.ok && parsed.uri.ipv6 ? master : undefined);
  if (v6Literal && ipv6 !== 'on') {
    out.push({
      code: 'HOST006',
      severity: 'warning',
      message: `IPv6 address in ${v6Literal.name} without ROS_IPV6=on: rospy binds and resolves IPv4 only`,
      span: v6Literal.valueSpan,
    });
  }
  // XF001: launch files that pin what the active profile decides.
  if (ctx.profile && ['ros1-launch', 'ros2-launch-xml', 'ros2-launch-yaml', 'ros2-launch-py'].includes(s.kind)) {
    for (const name of ['ROS_MASTER_URI', 'ROS_DOMAIN_ID', 'RMW_IMPLEMENTATION', 'ROS_AUTOMATIC_DISCOVERY_RANGE', 'ROS_LOCALHOST_ONLY']) {
      const a = get(name);
      const pv = ctx.profile.variables.get(name);
      if (!a || val(a) === undefined || pv === undefined || val(a) === pv || /\$[({]/.test(val(a)!)) continue;
      const message =
        name === 'ROS_MASTER_URI'
          ? `This node will register with ${val(a)}, not with the master of the active profile '${ctx.profile.name}' (${pv}): node <env> overrides roslaunch's ROS_MASTER_URI`
          : `Nodes in this launch use ${name}=${val(a)}, but the active profile '${ctx.profile.name}' has ${pv}: CLI tools (and the cached ros2 daemon) in a profile shell will not see them`;
      out.push({
        code: 'XF001',
        severity: 'warning',
        message,
        span: a.valueSpan,
        fixes: [{ title: `Use the profile's value ${pv}`, edits: [{ span: a.valueSpan, newText: pv }] }],
      });
    }
  }
  return out;
}

/** XF002: remote <machine>s get the launch's master URI verbatim; a loopback master is wrong there. */
export function machineRules(machines: readonly Assignment[], ctx: LintContext): Finding[] {
  const pm = ctx.profile?.variables.get('ROS_MASTER_URI');
  const parsed = pm ? parseMasterUri(pm) : undefined;
  if (!parsed?.ok || !isLoopbackHost(parsed.uri.host)) return [];
  return machines
    .filter((m) => m.value && !/\$[({]/.test(m.value) && !isLoopbackHost(m.value))
    .map((m) => ({
      code: 'XF002',
      severity: 'error' as const,
      message: `Remote machine '${m.value}' receives ROS_MASTER_URI=${pm} verbatim over SSH: '${parsed.uri.host}' will point at the remote host itself. Use a LAN address or hostname in the profile's ROS_MASTER_URI`,
      span: m.valueSpan,
    }));
}
