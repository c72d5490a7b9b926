/**
 * ROS_MASTER_URI parsing with the same verdicts ROS itself reaches: roswtf's `invalid_url`,
 * roscpp's host:port split and rosgraph's port-80 fallback (see ros-network-env.md §1.1).
 */
export interface MasterUri {
  readonly scheme: string;
  /** Host as written, without IPv6 brackets. */
  readonly host: string;
  readonly port: number;
  /** True when the host is an IPv6 literal (written in brackets). */
  readonly ipv6: boolean;
}

export type MasterUriProblem =
  | { kind: 'empty' }
  | { kind: 'whitespace' }
  | { kind: 'scheme'; scheme: string | undefined }
  | { kind: 'host-missing' }
  | { kind: 'port-missing' }
  | { kind: 'port-invalid'; port: string }
  | { kind: 'address-invalid'; address: string };

export type MasterUriParse = { ok: true; uri: MasterUri } | { ok: false; problem: MasterUriProblem };

import { memoized } from '../util/memo';

export const DEFAULT_MASTER_PORT = 11311;

/** rospy's and roscpp's master when ROS_MASTER_URI is not set. */
export const DEFAULT_MASTER_URI = 'http://localhost:11311';

/** The master a ROS 1 profile's nodes use (its ROS_MASTER_URI, or ROS's default); undefined for ROS 2. */
export function masterUriOf(
  p: { readonly rosVersion: 1 | 2; readonly variables: ReadonlyMap<string, string> } | undefined,
): string | undefined {
  if (!p || p.rosVersion !== 1) return undefined;
  return p.variables.get('ROS_MASTER_URI') || DEFAULT_MASTER_URI;
}

/**
 * Verdicts are memoised by text: a compose or launch file repeats one master URI per service or
 * node, and the value, scope and cross-file rules each parse it. Callers treat them as read-only.
 */
export const parseMasterUri: (raw: string) => MasterUriParse = memoized(parseMasterUriText);

function parseMasterUriText(raw: string): MasterUriParse {
  const value = raw;
  if (value.trim() === '') return { ok: false, problem: { kind: 'empty' } };
  if (/\s/.test(value)) return { ok: false, problem: { kind: 'whitespace' } };
  const schemeMatch = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(value);
  if (!schemeMatch) return { ok: false, problem: { kind: 'scheme', scheme: undefined } };
  const scheme = schemeMatch[1]!.toLowerCase();
  if (scheme !== 'http') return { ok: false, problem: { kind: 'scheme', scheme } };
  const rest = value.slice(schemeMatch[0].length);
  const authority = rest.split(/[/?#]/, 1)[0] ?? '';
  const at = authority.lastIndexOf('@');
  const hostPort = at >= 0 ? authority.slice(at + 1) : authority;
  if (hostPort === '') return { ok: false, problem: { kind: 'host-missing' } };

  let host: string;
  let portText: string | undefined;
  let ipv6 = false;
  if (hostPort.startsWith('[')) {
    const close = hostPort.indexOf(']');
    if (close < 0) return { ok: false, problem: { kind: 'address-invalid', address: hostPort } };
    host = hostPort.slice(1, close);
    ipv6 = true;
    const after = hostPort.slice(close + 1);
    if (after === '') portText = undefined;
    else if (after.startsWith(':')) portText = after.slice(1);
    else return { ok: false, problem: { kind: 'address-invalid', address: hostPort } };
  } else {
    const parts = hostPort.split(':');
    if (parts.length > 2) return { ok: false, problem: { kind: 'address-invalid', address: hostPort } };
    host = parts[0]!;
    portText = parts[1];
  }
  if (host === '') return { ok: false, problem: { kind: 'host-missing' } };
  if (portText === undefined) return { ok: false, problem: { kind: 'port-missing' } };
  if (!/^\d+$/.test(portText)) return { ok: false, problem: { kind: 'port-invalid', port: portText } };
  const port = Number(portText);
  if (port < 1 || port > 65535) return { ok: false, problem: { kind: 'port-invalid', port: portText } };
  return { ok: true, uri: { scheme, host, port, ipv6 } };
}

export function describeMasterUriProblem(p: MasterUriProblem): string {
  switch (p.kind) {
    case 'empty':
      return 'it is empty';
    case 'whitespace':
      return 'it contains whitespace';
    case 'scheme':
      return p.scheme === undefined ? 'it has no http:// scheme' : `protocol is '${p.scheme}', not 'http'`;
    case 'host-missing':
      return 'the host is missing';
    case 'port-missing':
      return 'the port is missing (rospy would silently use port 80, roscpp aborts)';
    case 'port-invalid':
      return `port '${p.port}' is not a number between 1 and 65535`;
    case 'address-invalid':
      return `'${p.address}' is not a valid host:port (IPv6 addresses need brackets: http://[::1]:11311)`;
  }
}

export function formatMasterUri(host: string, port = DEFAULT_MASTER_PORT): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

const LOOPBACK_NAMES = new Set(['localhost', 'localhost.localdomain', 'ip6-localhost', 'ip6-loopback']);

/** Syntactic loopback check (no DNS): localhost, 127.0.0.0/8, ::1. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return LOOPBACK_NAMES.has(h) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h === '::1' || h === '0:0:0:0:0:0:0:1';
}
