import { plural } from '../../core/text/plural';
import * as os from 'node:os';
import { MAX_DOMAIN_ID } from '../../core/ros/domain';
import { isIpv4Literal } from '../../core/ros/ipLiteral';
import { discoverJson, discoverRos2, type DiscoverResult } from '../../core/rtps/discover';
import { ipv4Addresses } from '../../core/rtps/monitor';
import { sanitizeForTerminal } from '../../core/text/sanitize';
import { UsageError, type CliCommand } from '../cliTypes';
import { parseCliArgs } from '../cliOptions';

const USAGE = 'rosnet discover [--domain D] [--interface ADDR] [--timeout MS] [--graph] [--json]';

/** JSON keeps every value; characters a terminal would act on (C1, bidi) are written as \u escapes. */
export function safeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

const s = sanitizeForTerminal;

function render(r: DiscoverResult, timeoutMs: number): string {
  const hosts = new Set(r.participants.map((p) => p.host ?? p.addresses[0] ?? p.sourceAddress));
  const lines = [
    `Domain ${r.domain}: ${r.participants.length} participant${r.participants.length === 1 ? '' : 's'} on ${hosts.size} host${hosts.size === 1 ? '' : 's'} (listened ${(timeoutMs / 1000).toFixed(1)} s: ${r.listenedOn.join(', ') || 'no socket'})`,
  ];
  for (const p of r.participants) {
    const who = [
      p.host ?? '?',
      p.vendor,
      p.process,
      p.pid !== undefined ? `pid ${p.pid}` : undefined,
      p.enclave !== undefined ? `enclave ${p.enclave}` : 'not ROS 2 (no enclave)',
      p.distroHint,
    ]
      .filter((x) => x !== undefined)
      .map((x) => s(String(x)));
    lines.push(`  ${who.join('  ')}  ${p.addresses.map(s).join(' ')}  lease ${p.leaseSeconds} s  ${p.guid}`);
  }
  const g = r.graph;
  if (g) {
    lines.push(`Nodes (${g.nodes.length}):`, ...g.nodes.map((n) => `  ${s(n.fullName)}  ${n.participant}`));
    lines.push(
      `Topics (${g.topics.length}):`,
      ...g.topics.map(
        (t) =>
          `  ${s(t.name)}  ${s(t.type)}  ${plural(t.publishers, 'publisher')} / ${plural(t.subscribers, 'subscriber')}  ${t.reliability.join('+')} ${t.durability.join('+')}`,
      ),
    );
    lines.push(
      `Services (${g.services.length}):`,
      ...g.services.map((x) => `  ${s(x.name)}  ${s(x.type)}  ${x.servers} server${x.servers === 1 ? '' : 's'}`),
    );
  }
  for (const p of r.problems) lines.push(`! ${s(p)}`);
  if (r.participants.length === 0)
    lines.push(
      'Nobody announced on this domain while listening. Check ROS_DOMAIN_ID; a participant started before the listener may take up to 8 s (Cyclone re-announce period) to show: try --timeout 10000.',
    );
  return `${lines.join('\n')}\n`;
}

export const discoverCommand: CliCommand = {
  name: 'discover',
  usage: USAGE,
  summary:
    'List the ROS 2 / DDS participants of a domain (passive), with --graph also nodes, topics and services (announces a participant). Exit 0 someone seen, 1 nobody, 2 usage error.',
  async run(args, io) {
    const { values: v, positionals } = parseCliArgs(args, {
      domain: { type: 'string' },
      interface: { type: 'string' },
      timeout: { type: 'string' },
      graph: { type: 'boolean' },
      json: { type: 'boolean' },
    });
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const domainText = v.domain ?? io.env.ROS_DOMAIN_ID ?? '0';
    if (!/^\d+$/.test(domainText) || Number(domainText) > MAX_DOMAIN_ID)
      throw new UsageError(`the domain must be a whole number 0–${MAX_DOMAIN_ID}, got '${domainText}'`);
    const timeoutText = v.timeout ?? '3000';
    if (!/^\d+$/.test(timeoutText) || Number(timeoutText) < 1 || Number(timeoutText) > 600_000)
      throw new UsageError(`--timeout must be 1–600000 milliseconds, got '${timeoutText}'`);
    if (v.interface !== undefined && !isIpv4Literal(v.interface))
      throw new UsageError(`--interface must be an IPv4 address of this host, got '${v.interface}'`);
    const local = ipv4Addresses(os.networkInterfaces());
    if (v.interface !== undefined && !local.includes(v.interface))
      throw new UsageError(`--interface ${v.interface} is not an address of this host (${local.join(', ')})`);
    // Loopback participants announce only by unicast to the participant ports: listen there too,
    // unless the user picked a real interface.
    const loopback = v.interface === undefined || v.interface.startsWith('127.');
    const timeoutMs = Number(timeoutText);
    const r = await discoverRos2({
      domain: Number(domainText),
      interfaces: v.interface !== undefined ? [v.interface] : undefined,
      loopback,
      timeoutMs,
      graph: v.graph === true,
    });
    io.out(v.json ? `${safeJson(discoverJson(r))}\n` : render(r, timeoutMs));
    return r.participants.length > 0 ? 0 : 1;
  },
};
