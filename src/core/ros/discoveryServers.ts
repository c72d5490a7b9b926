// ROS_DISCOVERY_SERVER as Fast DDS 2.x reads it: `;`-separated entries whose position is the
// server id (empty slots keep their position), each `[UDPv4:|UDPv6:|TCPv4:|TCPv6:]host[:port]`
// with IPv6 in brackets; the port defaults to 11811 (UDP) / 42100 (TCP). Fast DDS 3 (Kilted) is
// not positional, which changes only the ids shown.

export const DEFAULT_DS_PORT = 11811;
export const DEFAULT_DS_TCP_PORT = 42100;

export interface DiscoveryServerEntry {
  /** Position in the list (Fast DDS 2.x server id). */
  readonly id: number;
  readonly raw: string;
  readonly transport: 'UDPv4' | 'UDPv6' | 'TCPv4' | 'TCPv6';
  readonly host: string;
  readonly port: number;
}

export type DiscoveryServerParse =
  | { readonly ok: true; readonly entry: DiscoveryServerEntry }
  | { readonly ok: false; readonly id: number; readonly raw: string; readonly why: string };

export function parseDiscoveryServers(value: string): DiscoveryServerParse[] {
  const out: DiscoveryServerParse[] = [];
  value.split(';').forEach((part, id) => {
    const raw = part.trim();
    if (raw === '') return;
    const t = /^(UDPv4|UDPv6|TCPv4|TCPv6):/.exec(raw);
    let rest = t ? raw.slice(t[0].length) : raw;
    let host: string;
    let portText: string | undefined;
    const bracket = /^\[([^\]]*)\](?::(\d+))?$/.exec(rest);
    if (bracket) {
      host = bracket[1]!;
      portText = bracket[2];
    } else if ((rest.match(/:/g) ?? []).length > 1) {
      host = rest; // a bare IPv6 address without a port
    } else {
      const m = /^([^:]*)(?::(\d*))?$/.exec(rest)!;
      host = m[1]!;
      portText = m[2];
    }
    rest = host;
    const tcp = t?.[1]?.startsWith('TCP') ?? false;
    const port = portText === undefined || portText === '' ? (tcp ? DEFAULT_DS_TCP_PORT : DEFAULT_DS_PORT) : Number(portText);
    if (!rest) return void out.push({ ok: false, id, raw, why: 'no address' });
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      return void out.push({ ok: false, id, raw, why: `port ${portText} is not 1–65535` });
    const transport = (t?.[1] as DiscoveryServerEntry['transport'] | undefined) ?? (host.includes(':') ? 'UDPv6' : 'UDPv4');
    out.push({ ok: true, entry: { id, raw, transport, host, port } });
  });
  return out;
}
