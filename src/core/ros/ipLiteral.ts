// Literal IP addresses, for the lint rules, the profile schema and the doctor (no zod here). The
// doctor does not use node:net's isIP: it compiles Node's IPv6 regex, several KB, on first use
// (8 ms of a 40 ms doctor run).

/** A dotted-quad IPv4 address. */
export function isIpv4Literal(v: string): boolean {
  return /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(v);
}

/** A literal IPv4 or IPv6 address (what ROS_IP must be). */
export function isIpLiteral(v: string): boolean {
  if (isIpv4Literal(v)) return true;
  // IPv6: hex groups with at most one '::', optional zone id, optional embedded IPv4.
  if (!/^[0-9A-Fa-f:.]+(%[\w.-]+)?$/.test(v) || !v.includes(':')) return false;
  const addr = v.split('%')[0]!;
  const dbl = addr.split('::').length - 1;
  if (dbl > 1) return false;
  const groups = addr.split(':').filter((g) => g !== '');
  if (groups.some((g) => !/^[0-9A-Fa-f]{1,4}$/.test(g) && !/^\d+\.\d+\.\d+\.\d+$/.test(g))) return false;
  return dbl === 1 ? groups.length < 8 : groups.length === 8;
}
