import { isScalar, Scalar } from 'yaml';
import { asMap, asScalar, asSeq, deref, entries, innerSpan, nodeSpan, readYaml, str, type Entry, type YamlDoc } from './yamlDoc';
import { isLoopbackHost, parseMasterUri } from '../../ros/masterUri';
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
}

function serviceKeys(y: YamlDoc, svc: Parameters<typeof entries>[1]): ServiceKeys {
  const out: Record<string, Entry> = {};
  for (const e of entries(y, svc)) out[e.key] ??= e;
  return out;
}

/** The service's variables the compose rules read (the last assignment of each wins, as in compose). */
type ServiceEnv = {
  -readonly [
    K in
      'ROS_VERSION' | 'ROS_MASTER_URI' | 'ROS_DOMAIN_ID' | 'RMW_IMPLEMENTATION' | 'ROS_HOSTNAME' | 'ROS_IP' | 'FASTDDS_BUILTIN_TRANSPORTS'
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
  const scopes = new Map<string, { ros?: RosGeneration; distro?: string }>();
  const y = readYaml(text, { prettyErrors: false });
  for (const e of y.errors)
    findings.push({
      code: 'FMT001',
      severity: 'error',
      message: `YAML: ${e.message.split('\n')[0]}`,
      span: { start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1) },
    });
  const root = asMap(y, y.doc.contents);
  if (!root) return { kind: 'compose', text, assignments, findings };
  const services = asMap(y, entries(y, root).find((e) => e.key === 'services')?.value);
  if (!services) return { kind: 'compose', text, assignments, findings };
  const serviceEntries = entries(y, services);
  const serviceNames = new Set(serviceEntries.map((e) => e.key));

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
    const ros: RosGeneration | undefined =
      rosVersion === '1' || rosVersion === '2'
        ? (Number(rosVersion) as RosGeneration)
        : (ctx.ros ?? (!!env.ROS_MASTER_URI ? 1 : !!env.ROS_DOMAIN_ID || !!env.RMW_IMPLEMENTATION ? 2 : undefined));
    const scopeCtx: { ros?: RosGeneration; distro?: string } = {};
    if (ros) scopeCtx.ros = ros;
    if (ctx.distro) scopeCtx.distro = ctx.distro;
    scopes.set(scope, scopeCtx);

    const nm = keys.network_mode;
    const networkMode = str(y, nm?.value);
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

    if (ros === 1 && networkMode !== 'host') {
      const master = env.ROS_MASTER_URI?.value;
      const parsed = master ? parseMasterUri(master) : undefined;
      const masterIsService = parsed?.ok && serviceNames.has(parsed.uri.host);
      // Without ROS_MASTER_URI the service uses its own local master (e.g. the roscore service).
      if (parsed?.ok && !masterIsService && !isLoopbackHost(parsed.uri.host)) {
        findings.push({
          code: 'DC001',
          severity: 'warning',
          message: `ROS 1 service '${name}' is on a bridge network: its nodes advertise the container's hostname and random XML-RPC/TCPROS ports, which the master and peers outside this compose network cannot reach. Use network_mode: host`,
          span: svcKey,
          fixes: [{ title: 'Add network_mode: host', edits: [addLines(text, svc, svcKey, ['network_mode: host'])], isPreferred: true }],
        });
      } else if (masterIsService && !env.ROS_HOSTNAME && !env.ROS_IP) {
        findings.push({
          code: 'DC001',
          severity: 'warning',
          message: `ROS 1 service '${name}' talks to a master inside this compose network but advertises its container ID as hostname: set ROS_HOSTNAME=${name} so other containers can reach its nodes`,
          span: svcKey,
        });
      }
    }
    if (ros === 2 && networkMode === 'host') {
      const rmw = env.RMW_IMPLEMENTATION?.value;
      const fast = !rmw || rmw.startsWith('rmw_fastrtps');
      const udp = env.FASTDDS_BUILTIN_TRANSPORTS?.value?.startsWith('UDPv');
      const ipc = str(y, keys.ipc?.value);
      if (fast && !udp && ipc !== 'host') {
        findings.push({
          code: 'DC003',
          severity: 'warning',
          message: `Fast DDS will try shared memory with host processes: topics appear but no data flows. Add ipc: host and pid: host, or set FASTDDS_BUILTIN_TRANSPORTS=UDPv4`,
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
