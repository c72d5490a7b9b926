/** A literal IPv4 or IPv6 address (what ROS_IP must be); no zod here, the lint rules and the doctor use it. */
export function isIpLiteral(v: string): boolean {
  if (/^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(v)) return true;
  // IPv6: hex groups with at most one '::', optional zone id, optional embedded IPv4.
  if (!/^[0-9A-Fa-f:.]+(%[\w.-]+)?$/.test(v) || !v.includes(':')) return false;
  const addr = v.split('%')[0]!;
  const dbl = addr.split('::').length - 1;
  if (dbl > 1) return false;
  const groups = addr.split(':').filter((g) => g !== '');
  if (groups.some((g) => !/^[0-9A-Fa-f]{1,4}$/.test(g) && !/^\d+\.\d+\.\d+\.\d+$/.test(g))) return false;
  return dbl === 1 ? groups.length < 8 : groups.length === 8;
}
