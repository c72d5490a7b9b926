// Does multicast work on this machine, on the group DDS discovery really uses? One receiver joins the
// domain's SPDP group on every IPv4 interface; one datagram per interface is sent there (TTL 1, not
// RTPS, so DDS stacks drop it at the first byte) and must loop back. A send without a chosen
// interface tells whether a multicast route exists. While waiting, RTPS datagrams from other
// machines on the group prove that their multicast reaches this one.
import { randomBytes } from 'node:crypto';
import type { LocalAddress } from '../net/addresses';
import { normalizeAddress } from '../net/addresses';
import { domainPorts } from '../ros/domain';
import { multicastAdvice, type MulticastAdvice } from './multicastAdvice';
import { bindSocket, closeQuietly, errorCode, sendDatagram, type UdpSocket, type UdpSocketFactory } from './udpSocket';

export const SPDP_GROUP = '239.255.0.1';

export interface MulticastCheckOptions {
  readonly domain: number;
  readonly interfaces: readonly LocalAddress[];
  readonly createSocket: UdpSocketFactory;
  /** How long to wait for our own datagrams (they come back in well under a millisecond). */
  readonly timeoutMs: number;
  /**
   * How long to listen for other machines' SPDP announcements (Fast DDS re-announces every 3 s,
   * Cyclone every 8 s). At least `timeoutMs`.
   */
  readonly listenMs?: number;
  readonly now?: () => number;
}

export type InterfaceOutcome =
  | { readonly ok: true; readonly roundTripMs: number }
  | { readonly ok: false; readonly step: 'join' | 'send' | 'loopback'; readonly code?: string; readonly advice: MulticastAdvice };

export interface InterfaceResult {
  readonly iface: string;
  readonly address: string;
  readonly outcome: InterfaceOutcome;
}

export interface HeardSource {
  readonly address: string;
  /** Datagrams that start with the RTPS magic (DDS discovery), and all datagrams. */
  readonly rtps: number;
  readonly total: number;
}

export interface MulticastCheckResult {
  readonly group: string;
  readonly port: number;
  /** Bind of the receiver failed: nothing else ran. */
  readonly bindError?: { readonly code: string; readonly advice: MulticastAdvice };
  /** A send that leaves the interface to the routing table, as `ros2 multicast send` does. */
  readonly routed: { readonly ok: true } | { readonly ok: false; readonly code: string; readonly advice: MulticastAdvice };
  readonly interfaces: readonly InterfaceResult[];
  /** Other machines heard on the group (by source address), RTPS first. */
  readonly remote: readonly HeardSource[];
  /** RTPS datagrams from this machine's own addresses (local DDS participants). */
  readonly localRtps: number;
  readonly listenedMs: number;
}

const RTPS = Buffer.from('RTPS');

export async function checkMulticast(o: MulticastCheckOptions): Promise<MulticastCheckResult> {
  const now = o.now ?? (() => performance.now());
  const group = SPDP_GROUP;
  const port = domainPorts(o.domain).discoveryMulticast;
  const v4 = o.interfaces.filter((a) => a.family === 'IPv4' && !a.internal);
  const local = new Set(o.interfaces.map((a) => normalizeAddress(a.address)));
  const nonce = randomBytes(6).toString('hex');
  const tokenFor = (what: string) => `rosnet multicast check ${nonce} ${what}`;
  const sockets: UdpSocket[] = [];
  const open = (reuseAddr: boolean) => {
    const s = o.createSocket({ type: 'udp4', reuseAddr });
    sockets.push(s);
    return s;
  };
  try {
    // DDS participants on this machine hold the port with SO_REUSEADDR too, so this coexists with them.
    const rx = open(true);
    try {
      await bindSocket(rx, port);
    } catch (e) {
      const code = errorCode(e);
      return {
        group,
        port,
        bindError: { code, advice: multicastAdvice('bind', code, { group, port }) },
        routed: { ok: true },
        interfaces: [],
        remote: [],
        localRtps: 0,
        listenedMs: 0,
      };
    }
    const sentAt = new Map<string, number>();
    const back = new Map<string, number>();
    const heard = new Map<string, { rtps: number; total: number }>();
    let localRtps = 0;
    let wake: (() => void) | undefined;
    rx.on('message', (msg, rinfo) => {
      const text = msg.length < 200 ? msg.toString('latin1') : '';
      if (text.startsWith(`rosnet multicast check ${nonce} `)) {
        const what = text.slice(`rosnet multicast check ${nonce} `.length);
        if (!back.has(what)) back.set(what, now());
        if ([...sentAt.keys()].every((k) => back.has(k))) wake?.();
        return;
      }
      const rtps = msg.length >= 4 && msg.subarray(0, 4).equals(RTPS) ? 1 : 0;
      if (local.has(normalizeAddress(rinfo.address))) {
        localRtps += rtps;
        return;
      }
      const h = heard.get(rinfo.address) ?? { rtps: 0, total: 0 };
      h.rtps += rtps;
      h.total++;
      heard.set(rinfo.address, h);
    });
    const joined: LocalAddress[] = [];
    const results = new Map<string, InterfaceOutcome>();
    for (const a of v4) {
      try {
        rx.addMembership(group, a.address);
        joined.push(a);
      } catch (e) {
        const code = errorCode(e);
        results.set(a.address, { ok: false, step: 'join', code, advice: multicastAdvice('join', code, { group, port, iface: a.iface }) });
      }
    }
    const started = now();
    const sends = joined.map(async (a) => {
      const tx = open(false);
      try {
        await bindSocket(tx, 0, a.address);
        tx.setMulticastInterface(a.address);
        tx.setMulticastTTL(1);
        tx.setMulticastLoopback(true);
      } catch (e) {
        const code = errorCode(e);
        results.set(a.address, { ok: false, step: 'send', code, advice: multicastAdvice('send', code, { group, port, iface: a.iface }) });
        return;
      }
      sentAt.set(a.address, now());
      const code = await sendDatagram(tx, Buffer.from(tokenFor(a.address)), port, group);
      if (code) {
        sentAt.delete(a.address);
        results.set(a.address, { ok: false, step: 'send', code, advice: multicastAdvice('send', code, { group, port, iface: a.iface }) });
      }
    });
    // Routed send: no interface chosen, TTL 1, loopback off so it never counts as an interface's echo.
    const routedTx = open(false);
    const routedP = (async () => {
      try {
        await bindSocket(routedTx, 0);
        routedTx.setMulticastTTL(1);
        routedTx.setMulticastLoopback(false);
      } catch (e) {
        return errorCode(e);
      }
      return sendDatagram(routedTx, Buffer.from(tokenFor('routed')), port, group);
    })();
    await Promise.all(sends);
    const routedCode = await routedP;
    // Wait for every echo (or the timeout), then for the rest of the listening window.
    const echoes = new Promise<void>((resolve) => {
      if ([...sentAt.keys()].every((k) => back.has(k))) resolve();
      else wake = resolve;
    });
    await Promise.race([echoes, delay(o.timeoutMs)]);
    const rest = Math.max(o.listenMs ?? o.timeoutMs, o.timeoutMs) - (now() - started);
    if (rest > 0) await delay(rest);
    for (const a of joined) {
      if (results.has(a.address)) continue;
      const t = back.get(a.address);
      results.set(
        a.address,
        t !== undefined
          ? { ok: true, roundTripMs: Math.max(0, t - sentAt.get(a.address)!) }
          : { ok: false, step: 'loopback', advice: multicastAdvice('loopback', undefined, { group, port, iface: a.iface }) },
      );
    }
    const remote = [...heard.entries()].map(([address, h]) => ({ address, ...h })).sort((a, b) => b.rtps - a.rtps || b.total - a.total);
    return {
      group,
      port,
      routed: routedCode ? { ok: false, code: routedCode, advice: multicastAdvice('send', routedCode, { group, port }) } : { ok: true },
      interfaces: v4.map((a) => ({ iface: a.iface, address: a.address, outcome: results.get(a.address)! })),
      remote,
      localRtps,
      listenedMs: Math.round(now() - started),
    };
  } finally {
    for (const s of sockets) closeQuietly(s);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, Math.max(0, ms)));
}
