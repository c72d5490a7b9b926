import { isIpLiteral } from '../ros/ipLiteral';
import { CALLER_ID, unwrapRosReply } from '../probe/masterProbe';
import { RpcError } from '../probe/xmlrpcCall';
import { type DoctorFacts, isLoopbackAddress, localList, preferred, uriFor } from './facts';
import type { Check } from './types';
import { isUnspecifiedAddress } from '../net/addresses';

const G = 'reverse' as const;

/**
 * What the master and other nodes will do: connect to the advertised name. A throwaway XML-RPC
 * endpoint is bound on the advertised address and called through the advertised name. It runs on
 * this machine, so it proves the address is ours and the name leads to it here; other machines
 * resolve the name with their own hosts file or DNS.
 */
export async function reverseChecks(f: DoctorFacts): Promise<Check[]> {
  const id = 'reverse.advertised';
  const adv = f.advertised;
  const title = `A server bound on the advertised address is reachable as '${adv.value}'`;
  if (f.input.rosVersion !== 1) return [{ id, group: G, title: 'Reverse reachability', verdict: 'skipped', evidence: ['ROS 2 profile.'] }];
  const note = 'Local check: it binds and connects on this machine; the master’s machine must resolve the name to the same address.';
  // Binding the wildcard would succeed and answer on every interface: a ✓ for an address that
  // nobody can connect to. It is never bound.
  if (isUnspecifiedAddress(adv.value))
    return [
      {
        id,
        group: G,
        title,
        verdict: 'error',
        evidence: [`${adv.source}=${adv.value} is the wildcard address: other machines cannot connect to it, so it was not bound.`, note],
      },
    ];
  const r = await f.resolve(adv.value);
  if (!r.ok)
    return [
      {
        id,
        group: G,
        title,
        verdict: 'error',
        evidence: [`'${adv.value}' (${adv.source}) does not resolve here (${r.code}), so there is no address to bind.`, note],
      },
    ];
  const bindAddr = preferred(r.addresses, f.ipv6)[0] ?? r.addresses[0]!;
  if (isUnspecifiedAddress(bindAddr))
    return [
      {
        id,
        group: G,
        title,
        verdict: 'error',
        evidence: [
          `'${adv.value}' (${adv.source}) resolves to the wildcard address ${bindAddr}: other machines cannot connect to it.`,
          note,
        ],
      },
    ];
  let listener: Awaited<ReturnType<typeof f.deps.listen>>;
  try {
    listener = await f.deps.listen(bindAddr);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    return [
      {
        id,
        group: G,
        title,
        verdict: 'error',
        evidence: [
          `Binding ${bindAddr} (${adv.source}=${adv.value}) failed: ${code}${code === 'EADDRNOTAVAIL' ? ': it is not an address of this machine' : ''} (local addresses: ${localList(f)}).`,
          note,
        ],
      },
    ];
  }
  try {
    const target = uriFor(bindAddr, listener.port);
    const shown = `http://${isIpLiteral(adv.value) ? (adv.value.includes(':') ? `[${adv.value}]` : adv.value) : adv.value}:${listener.port}/`;
    try {
      unwrapRosReply('getPid', await f.deps.rpc(target, 'getPid', [CALLER_ID], { timeoutMs: f.timeoutMs, signal: f.signal }));
    } catch (e) {
      return [
        {
          id,
          group: G,
          title,
          verdict: 'error',
          evidence: [
            `Listening on ${bindAddr}:${listener.port}, but ${shown} did not answer: ${e instanceof RpcError ? e.message : String(e)}`,
            note,
          ],
        },
      ];
    }
    const loopOnly = isLoopbackAddress(bindAddr);
    const remote = !!f.masterAddresses?.length && !f.masterAddresses.every((a) => isLoopbackAddress(a) || f.isLocal(a));
    if (loopOnly && remote) {
      return [
        {
          id,
          group: G,
          title,
          verdict: 'error',
          evidence: [
            `${shown} answered, but only through loopback (${bindAddr}): the master on another machine cannot connect to it.`,
            note,
          ],
        },
      ];
    }
    return [
      {
        id,
        group: G,
        title,
        verdict: 'ok',
        evidence: [
          `Bound ${bindAddr}:${listener.port}; ${shown}${isIpLiteral(adv.value) ? '' : ` (→ ${bindAddr})`} answered getPid.`,
          note,
        ],
      },
    ];
  } finally {
    await listener.close();
  }
}
