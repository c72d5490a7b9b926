import { isScalar, Scalar } from 'yaml';
import { asMap, asScalar, asSeq, deref, entries, field, innerSpan, nodeSpan, readYaml, str, type Entry, type YamlDoc } from './yamlDoc';
import { isLoopbackHost, parseMasterUri } from '../../ros/masterUri';
import { placeholderNear, templateFinding } from './templatePlaceholder';
import { imageContext } from '../imageContext';
import type { Assignment, Finding, SourceModel } from '../types';
import type { RosGeneration } from '../../ros/variables';

/** The keys of a service the rules read (the first of each, merge keys applied). */
interface ServiceKeys {
  readonly image?: Entry;
  readonly environment?: Entry;
  readonly network_mode?: Entry;
  readonly ports?: Entry;
  readonly networks?: Entry;
  readonly ipc?: Entry;
  readonly pid?: Entry;
  readonly command?: Entry;
  readonly container_name?: Entry;
  readonly hostname?: Entry;
}

/** The names and addresses other containers reach a service by, per network it is on. */
interface ServiceNet {
  readonly networks: ReadonlySet<string>;
  /** Service name, container_name, hostname, network aliases, ipv4/ipv6_address. */
  readonly addresses: ReadonlySet<string>;
}

function serviceNet(y: YamlDoc, name: string, keys: ServiceKeys): ServiceNet {
  const networks = new Set<string>();
  const addresses = new Set([name]);
  const add = (set: Set<string>, n: unknown) => {
    const v = str(y, n);
    if (v) set.add(v);
  };
  for (const k of [keys.container_name, keys.hostname]) add(addresses, k?.value);
  const nets = keys.networks?.value;
  const list = asSeq(y, nets);
  const map = asMap(y, nets);
  if (list) for (const n of list.items) add(networks, n);
  if (map)
    for (const n of entries(y, map)) {
      networks.add(n.key);
      const cfg = asMap(y, n.value);
      if (!cfg) continue;
      for (const e of entries(y, cfg)) {
        if (e.key === 'ipv4_address' || e.key === 'ipv6_address') add(addresses, e.value);
        if (e.key === 'aliases') for (const a of asSeq(y, e.value)?.items ?? []) add(addresses, a);
      }
    }
  if (!keys.network_mode && networks.size === 0) networks.add('default');
  return { networks, addresses };
}

/** What the file says of a top-level network: created elsewhere (external), its IPv4 subnets. */
interface NetworkDecl {
  readonly external: boolean;
  readonly subnets: readonly string[];
}

function networkDecls(y: YamlDoc, root: Parameters<typeof entries>[1]): Map<string, NetworkDecl> {
  const out = new Map<string, NetworkDecl>();
  const nets = asMap(y, entries(y, root).find((e) => e.key === 'networks')?.value);
  for (const n of nets ? entries(y, nets) : []) {
    const cfg = asMap(y, n.value);
    const ext = cfg ? field(y, cfg, 'external')?.value : undefined;
    const external = ext !== undefined && (asMap(y, ext) !== undefined || str(y, ext) === 'true');
    const ipam = cfg ? asMap(y, field(y, cfg, 'ipam')?.value) : undefined;
    const configs = ipam ? asSeq(y, field(y, ipam, 'config')?.value) : undefined;
    const subnets = (configs?.items ?? []).flatMap((c) => {
      const m = asMap(y, c);
      const v = m ? str(y, field(y, m, 'subnet')?.value) : undefined;
      return v ? [v] : [];
    });
    out.set(n.key, { external, subnets });
  }
  return out;
}

/** Whether an IPv4 address lies in an `a.b.c.d/n` subnet. */
function inSubnet(ip: string, cidr: string): boolean {
  const quad = (s: string) => {
    const p = s.split('.');
    if (p.length !== 4 || p.some((x) => !/^\d{1,3}$/.test(x) || Number(x) > 255)) return undefined;
    return p.reduce((acc, x) => acc * 256 + Number(x), 0);
  };
  const [base, bits] = cidr.split('/');
  const a = quad(ip);
  const b = quad(base ?? '');
  const n = Number(bits);
  if (a === undefined || b === undefined || !Number.isInteger(n) || n < 0 || n > 32) return false;
  const size = 2 ** (32 - n);
  return Math.floor(a / size) === Math.floor(b / size);
}

/** Official ROS images (and OSRF's): they leave RMW_IMPLEMENTATION unset, so Fast DDS. */
const DEFAULT_ROS_IMAGE = /^(?:(?:docker\.io|index\.docker\.io|public\.ecr\.aws\/docker)\/)?(?:library\/)?(?:ros|osrf\/ros|osrf\/ros2):/;
const BRIDGE = /ros1[-_]bridge/;

function serviceKeys(y: YamlDoc, svc: Parameters<typeof entries>[1]): ServiceKeys {
  const out: Record<string, Entry> = {};
  for (const e of entries(y, svc)) out[e.key] ??= e;
  return out;
}

/** The service's variables the compose rules read (the last assignment of each wins, as in compose). */
type ServiceEnv = {
  -readonly [
    K in
      | 'ROS_VERSION'
      | 'ROS_MASTER_URI'
      | 'ROS_DOMAIN_ID'
      | 'RMW_IMPLEMENTATION'
      | 'ROS_HOSTNAME'
      | 'ROS_IP'
      | 'FASTDDS_BUILTIN_TRANSPORTS'
      | 'ROS_LOCALHOST_ONLY'
  ]?: Assignment;
};

function noteEnv(env: ServiceEnv, a: Assignment): void {
  switch (a.name) {
    case 'ROS_VERSION':
    case 'ROS_MASTER_URI':
    case 'ROS_DOMAIN_ID':
    case 'RMW_IMPLEMENTATION':
    case 'ROS_HOSTNAME':
    case 'ROS_IP':
    case 'FASTDDS_BUILTIN_TRANSPORTS':
    case 'ROS_LOCALHOST_ONLY':
      env[a.name] = a;
  }
}

/** The whole lines of a `key: value` pair, for "delete" fixes. */
function keyLine(text: string, e: Entry): { start: number; end: number } {
  const ks = nodeSpan(e.keyNode);
  const { lineStart } = lineIndent(text, ks.start);
  const end = Math.max(nodeSpan(e.value).end, ks.end);
  const nextLine = text.indexOf('\n', end);
  return { start: lineStart, end: nextLine < 0 ? text.length : nextLine + 1 };
}

/** An edit adding lines to a service: before its first key, at that key's indentation. */
function addLines(
  text: string,
  svc: { items: ReadonlyArray<{ key: unknown }> },
  svcKey: { start: number; end: number },
  lines: readonly string[],
): { span: { start: number; end: number }; newText: string } {
  const firstChild = svc.items[0] ? nodeSpan(svc.items[0].key).start : svcKey.end;
  const { lineStart, indent } = lineIndent(text, firstChild);
  return { span: { start: lineStart, end: lineStart }, newText: lines.map((l) => `${indent}${l}\n`).join('') };
}

/** "Use network_mode: host": the key added, and ports/networks (which host mode rejects) removed when written in the service. */
function hostModeEdits(
  text: string,
  svc: { items: ReadonlyArray<{ key: unknown }> },
  svcKey: { start: number; end: number },
  keys: ServiceKeys,
): Array<{ span: { start: number; end: number }; newText: string }> {
  const drop = [keys.ports, keys.networks]
    .filter((e): e is Entry => !!e && !e.merged)
    .map((e) => ({ span: keyLine(text, e), newText: '' }));
  return [addLines(text, svc, svcKey, ['network_mode: host']), ...drop];
}

/** An edit adding `NAME=value` to the service's environment (map or list form), or a new environment. */
function addEnv(
  text: string,
  y: YamlDoc,
  keys: ServiceKeys,
  svc: { items: ReadonlyArray<{ key: unknown }> },
  svcKey: { start: number; end: number },
  name: string,
  value: string,
): { span: { start: number; end: number }; newText: string } {
  const envMap = asMap(y, keys.environment?.value);
  const envSeq = asSeq(y, keys.environment?.value);
  const first = envMap?.items[0]?.key ?? envSeq?.items[0];
  if (first && (envMap?.flow || envSeq?.flow) !== true) {
    const { lineStart, indent } = lineIndent(text, nodeSpan(first).start);
    const entry = envMap ? `${name}: ${value}` : `- ${name}=${value}`;
    return { span: { start: lineStart, end: lineStart }, newText: `${indent}${entry}\n` };
  }
  if (!keys.environment) {
    const e = addLines(text, svc, svcKey, ['environment:']);
    const { indent } = lineIndent(text, e.span.start);
    return { span: e.span, newText: `${e.newText}${indent}  ${name}: ${value}\n` };
  }
  return { span: { start: nodeSpan(keys.environment.keyNode).start, end: nodeSpan(keys.environment.keyNode).start }, newText: '' };
}

/** Line start offset and indentation of the line holding `offset`. */
function lineIndent(text: string, offset: number): { lineStart: number; indent: string } {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let end = lineStart;
  while (text.charCodeAt(end) === 32 || text.charCodeAt(end) === 9) end++;
  return { lineStart, indent: text.slice(lineStart, end) };
}

const COERCED = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;

/** docker compose files: services' environment (map and list forms), env_file, network settings. */
export function composeSource(text: string): SourceModel {
  const findings: Finding[] = [];
  const assignments: Assignment[] = [];
  const scopes = new Map<string, { ros?: RosGeneration; distro?: string; quiet?: ReadonlySet<string> }>();
  const y = readYaml(text, { prettyErrors: false });
  const bad = y.errors[0];
  if (bad) {
    const placeholder = placeholderNear(text, bad.pos[0]);
    if (placeholder) return { kind: 'compose', text, assignments, findings: [templateFinding('FMT001', placeholder, 'docker compose')] };
    // The later errors cascade from the first (compose stops at it).
    findings.push({
      code: 'FMT001',
      severity: 'error',
      message: `YAML: ${bad.message.split('\n')[0]}`,
      span: { start: bad.pos[0], end: Math.max(bad.pos[1], bad.pos[0] + 1) },
    });
  }
  const root = asMap(y, y.doc.contents);
  if (!root) return { kind: 'compose', text, assignments, findings };
  const services = asMap(y, entries(y, root).find((e) => e.key === 'services')?.value);
  if (!services) return { kind: 'compose', text, assignments, findings };
  const serviceEntries = entries(y, services);
  const decls = networkDecls(y, root);
  const nets = new Map<string, ServiceNet>();
  for (const sp of serviceEntries) {
    const svc = asMap(y, sp.value);
    if (svc) nets.set(sp.key, serviceNet(y, sp.key, serviceKeys(y, svc)));
  }
  /** The service `host` names, if it is one on a network `from` shares. */
  const serviceAt = (host: string, from: ServiceNet): string | undefined => {
    for (const [n, net] of nets) if (net.addresses.has(host) && [...net.networks].some((x) => from.networks.has(x))) return n;
    return undefined;
  };

  for (const sp of serviceEntries) {
    const name = sp.key;
    const svc = asMap(y, sp.value);
    if (!svc) continue;
    const scope = `service:${name}`;
    const keys = serviceKeys(y, svc);
    const image = str(y, keys.image?.value);
    const ctx = image ? imageContext(image) : {};
    const env: ServiceEnv = {};
    const envPair = keys.environment;
    const envMap = asMap(y, envPair?.value);
    const envSeq = asSeq(y, envPair?.value);
    if (envMap) {
      for (const p of entries(y, envMap)) {
        const k = p.keyNode;
        const v = asScalar(y, p.value) ?? deref(y, p.value);
        const key = p.key;
        const value = str(y, v);
        const a: Assignment = {
          name: key,
          value,
          keySpan: nodeSpan(k),
          valueSpan: v ? innerSpan(v) : { start: nodeSpan(k).end, end: nodeSpan(k).end },
          op: 'set',
          scope,
        };
        assignments.push(a);
        noteEnv(env, a);
        if (isScalar(v) && v.type === Scalar.PLAIN && COERCED.test(text.slice(nodeSpan(v).start, nodeSpan(v).end))) {
          const raw = text.slice(nodeSpan(v).start, nodeSpan(v).end);
          findings.push({
            code: 'DC004',
            severity: 'warning',
            message: `Quote this value: YAML turns ${raw} into a boolean, and compose rejects or rewrites it (write "${raw}")`,
            span: nodeSpan(v),
            fixes: [{ title: `Quote as "${raw}"`, edits: [{ span: nodeSpan(v), newText: `"${raw}"` }], isPreferred: true }],
          });
        }
        if (value === undefined)
          findings.push({
            code: 'DC004',
            severity: 'info',
            message: `${key} has no value: it is taken from the shell running compose, and removed from the container if unset there`,
            span: nodeSpan(k),
          });
      }
    } else if (envSeq) {
      for (const it of envSeq.items) {
        const item = deref(y, it);
        const raw = str(y, item);
        if (raw === undefined) continue;
        const s = innerSpan(item);
        const eq = raw.indexOf('=');
        const key = eq < 0 ? raw : raw.slice(0, eq);
        const a: Assignment = {
          name: key,
          value: eq < 0 ? undefined : raw.slice(eq + 1),
          keySpan: { start: s.start, end: s.start + key.length },
          valueSpan: eq < 0 ? { start: s.end, end: s.end } : { start: s.start + eq + 1, end: s.end },
          op: 'set',
          scope,
        };
        assignments.push(a);
        noteEnv(env, a);
        if (eq < 0)
          findings.push({
            code: 'DC004',
            severity: 'info',
            message: `${key} has no value: it is taken from the shell running compose, and removed from the container if unset there`,
            span: a.keySpan,
          });
      }
    }
    const rosVersion = env.ROS_VERSION?.value;
    const command = str(y, keys.command?.value) ?? (asSeq(y, keys.command?.value)?.items ?? []).map((i) => str(y, i) ?? '').join(' ');
    // ros1_bridge services need both generations' variables: neither generation's rules apply.
    const bridge =
      BRIDGE.test(image ?? '') ||
      BRIDGE.test(command) ||
      (!!env.ROS_MASTER_URI && (!!env.ROS_DOMAIN_ID || !!env.RMW_IMPLEMENTATION || !!env.ROS_LOCALHOST_ONLY));
    const ros: RosGeneration | undefined = bridge
      ? undefined
      : rosVersion === '1' || rosVersion === '2'
        ? (Number(rosVersion) as RosGeneration)
        : (ctx.ros ?? (!!env.ROS_MASTER_URI ? 1 : !!env.ROS_DOMAIN_ID || !!env.RMW_IMPLEMENTATION ? 2 : undefined));
    const nm = keys.network_mode;
    const networkMode = str(y, nm?.value);
    // A container off the host network gets HOST005's case from DC001 (or it is no problem:
    // Docker resolves service names and container IDs inside a compose network).
    const quiet = new Set<string>(networkMode === 'host' ? [] : ['HOST005']);
    if (bridge) quiet.add('PREC002');
    scopes.set(scope, { ...(ros ? { ros } : {}), ...(ctx.distro ? { distro: ctx.distro } : {}), quiet });

    const ports = keys.ports;
    const networks = keys.networks;
    if (networkMode === 'host' && ports) {
      findings.push({
        code: 'DC002',
        severity: 'error',
        message: 'ports are not allowed with network_mode: host (compose fails at run time, or Docker discards them)',
        span: nodeSpan(ports.keyNode),
        fixes: [{ title: 'Delete ports:', edits: [{ span: keyLine(text, ports), newText: '' }], isPreferred: true }],
      });
    }
    if (networkMode && networks) {
      findings.push({
        code: 'DC002',
        severity: 'error',
        message: 'network_mode and networks are mutually exclusive: compose rejects the file',
        span: nodeSpan(networks.keyNode),
        fixes: [{ title: 'Delete networks:', edits: [{ span: keyLine(text, networks), newText: '' }], isPreferred: true }],
      });
    }
    const svcKey = nodeSpan(sp.keyNode);

    const net = nets.get(name);
    if (ros === 1 && networkMode !== 'host' && !networkMode?.startsWith('service:') && !networkMode?.startsWith('container:') && net) {
      const master = env.ROS_MASTER_URI?.value;
      const parsed = master && !master.includes('$') ? parseMasterUri(master) : undefined;
      const host = parsed?.ok ? parsed.uri.host : undefined;
      const masterService = host !== undefined ? serviceAt(host, net) : undefined;
      // The master is an address of a network this service is on (an overlay across PCs, HARMONI's multi-PC setup).
      const masterNet =
        host !== undefined && !masterService
          ? [...net.networks].find((n) => decls.get(n)?.subnets.some((c) => inSubnet(host, c)))
          : undefined;
      // Every network created outside this file: its driver (ipvlan, macvlan, overlay) and members are not known here.
      const external = net.networks.size > 0 && [...net.networks].every((n) => decls.get(n)?.external);
      const hostnameFix = (preferred: boolean) =>
        env.ROS_HOSTNAME || env.ROS_IP || keys.environment?.merged
          ? []
          : [
              {
                title: `Set ROS_HOSTNAME=${name}`,
                edits: [addEnv(text, y, keys, svc, svcKey, 'ROS_HOSTNAME', name)],
                ...(preferred ? { isPreferred: true } : {}),
              },
            ];
      // Without ROS_MASTER_URI (or with a loopback one) the service uses its own master.
      if (masterNet) {
        findings.push({
          code: 'DC001',
          severity: 'info',
          message: `ROS 1 service '${name}' reaches its master ${host} on the network '${masterNet}' (${decls.get(masterNet)!.subnets.join(', ')}); ROS nodes outside that network cannot reach its nodes. Use network_mode: host if they must`,
          span: svcKey,
          fixes: hostnameFix(false),
        });
      } else if (host !== undefined && !masterService && !isLoopbackHost(host) && external) {
        const names = [...net.networks].map((n) => `'${n}'`).join(', ');
        findings.push({
          code: 'DC001',
          severity: 'info',
          message: `ROS 1 service '${name}' is on ${names}, created outside this file: if its master ${host} is not on that network too, its nodes advertise the container's hostname and random XML-RPC/TCPROS ports, which the master and peers cannot reach. Use network_mode: host then`,
          span: svcKey,
          fixes: [{ title: 'Use network_mode: host', edits: hostModeEdits(text, svc, svcKey, keys) }],
        });
      } else if (host !== undefined && !masterService && !isLoopbackHost(host)) {
        findings.push({
          code: 'DC001',
          severity: 'warning',
          message: `ROS 1 service '${name}' is on a bridge network but its master ${host} is outside this compose network: its nodes advertise the container's hostname and random XML-RPC/TCPROS ports, which the master and peers outside cannot reach. Use network_mode: host`,
          span: svcKey,
          fixes: [{ title: 'Use network_mode: host', edits: hostModeEdits(text, svc, svcKey, keys), isPreferred: true }],
        });
      } else if (masterService) {
        findings.push({
          code: 'DC001',
          severity: 'info',
          message: `ROS 1 service '${name}' reaches its master '${masterService}' inside this compose network, where Docker resolves service names and container IDs; ROS nodes outside the network (on the host or other machines) cannot reach its nodes. Use network_mode: host if they must`,
          span: svcKey,
          fixes: hostnameFix(false),
        });
      }
    }
    if (ros === 2 && networkMode === 'host') {
      const rmw = env.RMW_IMPLEMENTATION?.value;
      const udp = env.FASTDDS_BUILTIN_TRANSPORTS?.value?.startsWith('UDPv');
      const ipc = str(y, keys.ipc?.value);
      // The effective RMW: as set here, else the image's own (official images set none: Fast DDS).
      const fast = rmw ? rmw.startsWith('rmw_fastrtps') : undefined;
      const defaultImage = image !== undefined && DEFAULT_ROS_IMAGE.test(image);
      if (fast !== false && !udp && ipc !== 'host') {
        const sure = fast === true;
        findings.push({
          code: 'DC003',
          severity: sure || defaultImage ? 'warning' : 'info',
          message: sure
            ? 'Fast DDS will try shared memory with host processes: topics appear but no data flows. Add ipc: host and pid: host, or set FASTDDS_BUILTIN_TRANSPORTS=UDPv4'
            : `If the image does not set RMW_IMPLEMENTATION, Fast DDS (the default) will try shared memory with host processes: topics appear but no data flows. Add ipc: host and pid: host, or set FASTDDS_BUILTIN_TRANSPORTS=UDPv4`,
          span: nodeSpan(deref(y, nm!.value)),
          fixes: [
            {
              title: 'Add ipc: host and pid: host',
              edits: [addLines(text, svc, svcKey, ['ipc: host', ...(keys.pid ? [] : ['pid: host'])])],
              isPreferred: true,
            },
          ],
        });
      }
    }
  }
  return { kind: 'compose', text, assignments, findings, scopes };
}
