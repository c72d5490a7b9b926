// What a failed multicast step means and what to do, from the errno the kernel gave (codes as
// measured on Linux in network namespaces: no multicast route → send ENETUNREACH, join ENODEV).

export type MulticastStep = 'bind' | 'join' | 'send' | 'loopback' | 'remote';

export interface MulticastAdvice {
  /** What went wrong, in plain words. */
  readonly problem: string;
  /** What to try. */
  readonly fix: string;
}

const PEERS_OR_SERVER =
  'Use unicast discovery instead: ROS_STATIC_PEERS=<the other machine’s IP> (Iron and later) or a Fast DDS discovery server (ROS_DISCOVERY_SERVER).';

export function multicastAdvice(
  step: MulticastStep,
  code: string | undefined,
  where: { group: string; port: number; iface?: string },
): MulticastAdvice {
  const on = where.iface ? ` on ${where.iface}` : '';
  const dest = `${where.group}:${where.port}`;
  switch (step) {
    case 'bind':
      return code === 'EADDRINUSE'
        ? {
            problem: `UDP port ${where.port} is held exclusively by another program (EADDRINUSE).`,
            fix: 'Stop the program that holds it, or pick another --port.',
          }
        : { problem: `Cannot bind UDP port ${where.port} (${code}).`, fix: 'Check the address and port.' };
    case 'join':
      if (code === 'ENODEV')
        return {
          problem: `Cannot join ${where.group}${on} (ENODEV): no route for multicast (224.0.0.0/4) and no interface given.`,
          fix: 'Add a multicast route (sudo ip route add 224.0.0.0/4 dev <interface>) or a default route, or name the interface (--interface ADDR).',
        };
      if (code === 'EADDRNOTAVAIL')
        return {
          problem: `Cannot join ${where.group}${on} (EADDRNOTAVAIL): that address is not on an interface that is up.`,
          fix: 'Use an address of this machine (ip -4 addr).',
        };
      return { problem: `Cannot join ${where.group}${on} (${code}).`, fix: 'Check that the interface is up and has an IPv4 address.' };
    case 'send':
      if (code === 'ENETUNREACH')
        return {
          problem: `Sending to ${dest}${on} failed with ENETUNREACH: this machine has no route for multicast (224.0.0.0/4) — no default route and no multicast route.`,
          fix: 'Add one: sudo ip route add 224.0.0.0/4 dev <interface> (DDS picks its interfaces itself, but tools such as ros2 multicast do not).',
        };
      if (code === 'EPERM' || code === 'EACCES')
        return {
          problem: `Sending to ${dest}${on} was refused (${code}): a local firewall drops outgoing multicast.`,
          fix: 'Allow outgoing UDP to 224.0.0.0/4 (ufw, firewalld, nftables).',
        };
      if (code === 'EADDRNOTAVAIL' || code === 'EINVAL')
        return {
          problem: `Cannot send${on} (${code}): the address is not usable for multicast.`,
          fix: 'Use an address of an interface that is up (ip -4 addr).',
        };
      return { problem: `Sending to ${dest}${on} failed (${code}).`, fix: 'Check the interface and routes (ip route).' };
    case 'loopback':
      return {
        problem: `A datagram sent to ${dest}${on} did not come back to this machine: incoming multicast is dropped here.`,
        fix: `Allow incoming UDP on ports 7400–7660 (DDS) from your robots’ subnet in the local firewall (ufw allow proto udp from <subnet>, firewalld trusted zone).`,
      };
    case 'remote':
      return {
        problem: `Nothing from other machines reached ${dest}${on}. If one sent there (a ROS 2 participant on the same domain announces itself to its group every few seconds), multicast does not get through: routers, many Wi-Fi access points, VPNs (WireGuard) and WSL2/VM NAT drop it.`,
        fix: `${PEERS_OR_SERVER} To be sure: 'rosnet multicast receive' here and 'rosnet multicast send' (or 'ros2 multicast send') on the other machine.`,
      };
  }
}
