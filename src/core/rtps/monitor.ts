/**
 * Passive ROS 2 / DDS participant monitor: listens for SPDP announcements of one domain and keeps a
 * participant table with leases. It SENDS NOTHING (a test proves it), so it is safe to run on any
 * network; SEDP topics and node names need the active graph probe (graphProbe.ts).
 *
 * Sockets:
 * - the domain's SPDP multicast port 7400+250·d bound with reuseAddr (DDS processes on this host
 *   bind it the same way), joined to 239.255.0.1 on each IPv4 interface address;
 * - with `loopback`, also a free participant-index unicast port 7410+250·d+2i on 127.0.0.1, bound
 *   exclusively as a participant would: on `lo` there is no multicast and Cyclone/Fast DDS announce
 *   by unicast to those ports.
 *
 * API (consumers: the CLI `rosnet discover`, the VS Code status bar and view):
 *   const m = createRos2Monitor({ domain: 42, loopback: true });
 *   await m.ready;                  // sockets bound (failures are in snapshot().problems)
 *   m.onDidChange((view) => …);     // a participant appeared, changed, left or expired
 *   m.snapshot();                   // Ros2DomainView, always current
 *   m.dispose();                    // closes the sockets and timers; no event after it
 */
import * as dgram from 'node:dgram';
import * as os from 'node:os';
import { domainPorts } from '../ros/domain';
import { realTimers, type Timers } from '../probe/poller';
import { EntityId, HEADER_SIZE, LocatorKind, SPDP_MULTICAST_GROUP, SubmessageId, vendorName } from './constants';
import { decodeParticipant, isDispose, type ParticipantData } from './discoveryData';
import { FragmentAssembler, reassembledData } from './fragments';
import { formatGuid } from './guid';
import { parseMessage, submessageAt, type DataSubmessage } from './message';

/** One participant as the monitor saw it. Strings come from the network: sanitize before display. */
export interface Ros2Participant {
  /** "0110a2b3:c4d5e6f7:08192a3b:000001c1" */
  readonly guid: string;
  /** "01.10" */
  readonly vendorId: string;
  /** "Cyclone DDS", "Fast DDS", or "vendor 01.2a". */
  readonly vendor: string;
  /** Advertised host name (Cyclone `__Hostname`, Fast DDS `fastdds.physical_data.host`). */
  readonly host?: string;
  /** Fast DDS's host id (from `fastdds.physical_data.host` "name:id"). */
  readonly hostId?: string;
  readonly pid?: number;
  readonly process?: string;
  /** ROS 2 enclave from USER_DATA `enclave=/;`: present for every ROS 2 participant. */
  readonly enclave?: string;
  /** Raw USER_DATA text. */
  readonly userData?: string;
  /** Distinct IP addresses of the participant's UDP unicast locators (metatraffic, then default). */
  readonly addresses: readonly string[];
  /** Every locator as "udp4 10.0.0.2:7410", "shm …". */
  readonly locators: readonly string[];
  /** Fast DDS announces a shared-memory locator (same-host data can bypass UDP). */
  readonly sharedMemory: boolean;
  /** Where the last announcement came from (IP). */
  readonly sourceAddress: string;
  readonly leaseSeconds: number;
  /** The domain the participant announced (PID_DOMAIN_ID) or, when absent (Fast DDS), the port's. */
  readonly domain: number;
  readonly domainFrom: 'announced' | 'port';
  /** Clock milliseconds (Date.now() unless a clock is injected). */
  readonly firstSeen: number;
  readonly lastSeen: number;
  /** Our own graph probe (rosnet announces itself with a `rosnet.role` property). */
  readonly self: boolean;
}

export interface Ros2Listener {
  readonly kind: 'multicast' | 'unicast';
  /** Multicast: the interface address joined; unicast: the bound address. */
  readonly address: string;
  readonly port: number;
}

export interface Ros2DomainView {
  readonly domain: number;
  /** Ordered by first sighting. */
  readonly participants: readonly Ros2Participant[];
  /** Sockets listening. */
  readonly listeners: readonly Ros2Listener[];
  /** Bind/join failures, e.g. "join 239.255.0.1 on 10.0.0.2: ENODEV". */
  readonly problems: readonly string[];
  /** Caps and what they cost: oldest participants evicted, fragments dropped, unparsable datagrams. */
  readonly limits: {
    readonly maxParticipants: number;
    readonly evictedParticipants: number;
    readonly droppedFragments: number;
    readonly malformedDatagrams: number;
  };
  /** Datagrams received so far (all sockets). */
  readonly datagrams: number;
}

export interface Disposable {
  dispose(): void;
}

export interface Ros2Monitor {
  /** Resolves when every socket is bound or has failed (see problems). */
  readonly ready: Promise<void>;
  snapshot(): Ros2DomainView;
  /** Fired on a participant appearing, changing its announced data, disposing or expiring. */
  onDidChange(listener: (view: Ros2DomainView) => void): Disposable;
  dispose(): void;
}

export type SocketFactory = (options: dgram.SocketOptions) => dgram.Socket;

export interface Ros2MonitorOptions {
  readonly domain: number;
  /** IPv4 addresses to join the SPDP group on; default every IPv4 address of this host. */
  readonly interfaces?: readonly string[];
  /** Also bind a participant-index unicast port on 127.0.0.1 (loopback-only setups). */
  readonly loopback?: boolean;
  readonly socketFactory?: SocketFactory;
  /** Timers + now(); now() defaults to Date.now. */
  readonly clock?: Timers;
  readonly networkInterfaces?: () => NodeJS.Dict<os.NetworkInterfaceInfo[]>;
  /** Table cap (default 1000): beyond it the least recently seen participant is evicted. */
  readonly maxParticipants?: number;
  /** Every datagram as received, before decoding (captures, benchmarks). */
  readonly onDatagram?: (bytes: Uint8Array, from: dgram.RemoteInfo) => void;
}

/** The participant-index ports tried for the loopback socket (Fast DDS probes 0–4, Cyclone 0–8). */
export const LOOPBACK_INDEXES = 9;
/** SPDP samples are < 2 KB; a bigger "participant" is not stored. */
const MAX_SAMPLE_BYTES = 16384;

interface Entry {
  readonly key: string;
  /** As last decoded; `lastSeen` below is newer (re-announcements skip the decode). */
  participant: Ros2Participant;
  lastSeen: number;
  /** The announced content (without times and source), to tell a change from a repeat. */
  signature: string;
  payload: Uint8Array;
  expiresAt: number;
  /** The datagram that carried the announcement alone, to recognise its re-sends before parsing. */
  datagram?: { readonly bytes: Uint8Array; readonly from: string; readonly prefix: string; readonly skip: readonly number[] };
}

/**
 * The byte ranges of a datagram that change between re-sends of the same announcement, as
 * [start, end) pairs, or undefined when it is not one plain RTPS message: INFO_TS bodies (a new
 * timestamp) and vendor-specific submessages (ids 0x80–0xff, which receivers that do not know the
 * vendor ignore; Fast DDS appends one with a timestamp and a counter to every SPDP datagram).
 */
export function volatileRanges(b: Uint8Array): number[] | undefined {
  const out: number[] = [];
  for (let pos = HEADER_SIZE; pos + 4 <= b.length;) {
    const { id, bodyStart, bodyEnd } = submessageAt(b, pos);
    if (bodyEnd > b.length) return undefined;
    // Bodies only: the headers (id, flags, length) are compared, so every other submessage lies at
    // the same offset in both datagrams and none can hide inside a skipped range.
    if (id === SubmessageId.INFO_TS || id >= 0x80) out.push(bodyStart, bodyEnd);
    pos = bodyEnd;
  }
  return out;
}

/** The same bytes outside the volatile ranges (which are the same length in both: see volatileRanges). */
export function sameDatagram(a: Uint8Array, b: Uint8Array, skip: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  let from = 0;
  for (let k = 0; k <= skip.length; k += 2) {
    const to = k < skip.length ? skip[k]! : a.length;
    for (let i = from; i < to; i++) if (a[i] !== b[i]) return false;
    from = skip[k + 1] ?? a.length;
  }
  return true;
}

/** Binds a UDP socket; resolves with the bind error (EADDRINUSE …) instead of rejecting, or undefined. */
export function bindUdp(sock: dgram.Socket, port: number, address: string): Promise<Error | undefined> {
  return new Promise((resolve) => {
    const onError = (e: Error): void => resolve(e);
    sock.once('error', onError);
    sock.bind({ port, address }, () => {
      sock.off('error', onError);
      resolve(undefined);
    });
  });
}

export function ipv4Addresses(ifaces: NodeJS.Dict<os.NetworkInterfaceInfo[]>): string[] {
  const out: string[] = [];
  for (const list of Object.values(ifaces)) for (const i of list ?? []) if (i.family === 'IPv4') out.push(i.address);
  return out;
}

/** Leases above an hour are held to an hour (a participant that vanishes is forgotten within it). */
const leaseMs = (seconds: number): number => Math.min(seconds, 3600) * 1000;

const prefixKey = (b: Uint8Array): string =>
  String.fromCharCode(b[8]!, b[9]!, b[10]!, b[11]!, b[12]!, b[13]!, b[14]!, b[15]!, b[16]!, b[17]!, b[18]!, b[19]!);

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Builds the public record from decoded participant data. */
export function toParticipant(d: ParticipantData, domain: number, from: string, firstSeen: number, now: number): Ros2Participant {
  const addresses: string[] = [];
  const locs: string[] = [];
  let shm = false;
  for (const l of [...d.metatrafficUnicast, ...d.defaultUnicast, ...d.metatrafficMulticast, ...d.defaultMulticast]) {
    const udp = l.kind === LocatorKind.UDPv4 || l.kind === LocatorKind.UDPv6;
    if (l.kind === LocatorKind.SHM) shm = true;
    const text = udp
      ? `${l.kind === LocatorKind.UDPv4 ? 'udp4' : 'udp6'} ${l.address}:${l.port}`
      : `${l.kind === LocatorKind.SHM ? 'shm' : `kind ${l.kind}`} ${l.port}`;
    if (!locs.includes(text)) locs.push(text);
    const unicast = !(l.kind === LocatorKind.UDPv4 && /^2(2[4-9]|3\d)\./.test(l.address));
    if (udp && unicast && !addresses.includes(l.address)) addresses.push(l.address);
  }
  return {
    guid: formatGuid(d.guid),
    vendorId: d.vendorId,
    vendor: vendorName(d.vendorId),
    ...(d.host !== undefined ? { host: d.host } : {}),
    ...(d.hostId !== undefined ? { hostId: d.hostId } : {}),
    ...(d.pid !== undefined ? { pid: d.pid } : {}),
    ...(d.process !== undefined ? { process: d.process } : {}),
    ...(d.enclave !== undefined ? { enclave: d.enclave } : {}),
    ...(d.userData !== undefined ? { userData: d.userData } : {}),
    addresses,
    locators: locs,
    sharedMemory: shm,
    sourceAddress: from,
    leaseSeconds: d.leaseSeconds,
    domain: d.domainId ?? domain,
    domainFrom: d.domainId !== undefined ? 'announced' : 'port',
    firstSeen,
    lastSeen: now,
    self: d.properties.has('rosnet.role'),
  };
}

export function createRos2Monitor(o: Ros2MonitorOptions): Ros2Monitor {
  const clock = o.clock ?? realTimers;
  const now = (): number => (o.clock?.now ? o.clock.now() : Date.now());
  const factory: SocketFactory = o.socketFactory ?? ((opts) => dgram.createSocket(opts));
  const maxParticipants = o.maxParticipants ?? 1000;
  const ports = domainPorts(o.domain);
  const table = new Map<string, Entry>(); // key: GUID hex; Map order = least recently seen first
  /** Entries by the header's GUID prefix (12 bytes as latin1) of the datagram that announced them. */
  const byPrefix = new Map<string, Entry>();
  const listeners = new Set<(v: Ros2DomainView) => void>();
  const sockets: dgram.Socket[] = [];
  const listening: Ros2Listener[] = [];
  const problems: string[] = [];
  const fragments = new FragmentAssembler({ maxInFlight: 32, maxSampleBytes: MAX_SAMPLE_BYTES });
  let evicted = 0;
  let malformed = 0;
  let datagrams = 0;
  let disposed = false;
  let timer: unknown;
  let timerAt = Infinity;

  const snapshot = (): Ros2DomainView => ({
    domain: o.domain,
    participants: [...table.values()]
      .map((e) => (e.participant.lastSeen === e.lastSeen ? e.participant : { ...e.participant, lastSeen: e.lastSeen }))
      .sort((a, b) => a.firstSeen - b.firstSeen),
    listeners: [...listening],
    problems: [...problems],
    limits: {
      maxParticipants,
      evictedParticipants: evicted,
      droppedFragments: fragments.evicted + fragments.rejected,
      malformedDatagrams: malformed,
    },
    datagrams,
  });

  const changed = (): void => {
    if (disposed || listeners.size === 0) return;
    const v = snapshot();
    for (const l of [...listeners]) l(v);
  };

  const arm = (at: number): void => {
    if (disposed || at >= timerAt) return;
    if (timer !== undefined) clock.clearTimeout(timer);
    timerAt = at;
    timer = clock.setTimeout(expire, Math.max(0, at - now()));
  };

  function expire(): void {
    timer = undefined;
    timerAt = Infinity;
    const t = now();
    let removed = false;
    let next = Infinity;
    for (const [k, e] of table) {
      if (e.expiresAt <= t) {
        forget(k);
        removed = true;
      } else next = Math.min(next, e.expiresAt);
    }
    if (next < Infinity) arm(next);
    if (removed) changed();
  }

  /** A re-announcement: the entry moves to the most recently seen end and its lease restarts. */
  const refresh = (e: Entry, t: number, from: string): void => {
    table.delete(e.key);
    table.set(e.key, e);
    if (e.participant.sourceAddress !== from) e.participant = { ...e.participant, sourceAddress: from };
    e.lastSeen = t;
    const wasNext = e.expiresAt === timerAt;
    e.expiresAt = t + leaseMs(e.participant.leaseSeconds);
    // The timer waits for the earliest lease; when that one is renewed, move the timer to the new
    // earliest now (rescheduling costs no wake-up) instead of waking to find nothing expired, which
    // with 50 participants re-announcing happened about three times a second.
    if (wasNext) rearm();
  };

  const rearm = (): void => {
    let next = Infinity;
    for (const x of table.values()) if (x.expiresAt < next) next = x.expiresAt;
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
    timerAt = Infinity;
    if (next < Infinity) arm(next);
  };

  const forget = (key: string): boolean => {
    const e = table.get(key);
    if (!e) return false;
    table.delete(key);
    if (e.datagram && byPrefix.get(e.datagram.prefix) === e) byPrefix.delete(e.datagram.prefix);
    return true;
  };

  const onSample = (d: DataSubmessage, headerVendor: string, from: string, alone?: Uint8Array): void => {
    const t = now();
    // Re-announcements repeat the same bytes: refresh the lease without decoding.
    const key = `${d.sourcePrefix}000001c1`;
    const known = table.get(key);
    if (known && d.payload && sameBytes(known.payload, d.payload) && !isDispose(d)) {
      refresh(known, t, from);
      if (alone) remember(known, alone, from);
      return;
    }
    const s = decodeParticipant(d, headerVendor);
    if (!s) return;
    if (s.kind === 'disposed') {
      if (forget(s.guid)) changed();
      return;
    }
    const data = s.data;
    if (data.domainId !== undefined && data.domainId !== o.domain) return;
    const prev = table.get(data.guid);
    if (prev) forget(data.guid);
    else if (table.size >= maxParticipants) {
      forget(table.keys().next().value as string);
      evicted++;
    }
    const participant = toParticipant(data, o.domain, from, prev?.participant.firstSeen ?? t, t);
    const { firstSeen: _f, lastSeen: _l, sourceAddress: _s, ...announced } = participant;
    const signature = JSON.stringify(announced);
    const lease = leaseMs(data.leaseSeconds);
    const entry: Entry = {
      key: data.guid,
      participant,
      lastSeen: t,
      signature,
      payload: d.payload ? d.payload.slice() : new Uint8Array(0),
      expiresAt: t + lease,
    };
    table.set(data.guid, entry);
    if (alone && data.guid === key) remember(entry, alone, from);
    arm(t + lease);
    if (prev?.signature !== signature) changed();
  };

  const remember = (e: Entry, bytes: Uint8Array, from: string): void => {
    const skip = volatileRanges(bytes);
    if (!skip) return;
    const prefix = prefixKey(bytes);
    if (e.datagram && e.datagram.prefix !== prefix && byPrefix.get(e.datagram.prefix) === e) byPrefix.delete(e.datagram.prefix);
    e.datagram = { bytes: bytes.slice(), from, prefix, skip };
    byPrefix.set(prefix, e);
  };

  const onMessage = (msg: Buffer, rinfo: dgram.RemoteInfo): void => {
    if (disposed) return;
    datagrams++;
    o.onDatagram?.(msg, rinfo);
    // Most datagrams are a known participant re-sending its announcement: recognise it by its bytes
    // before any parsing (the passive monitor's whole steady-state cost is this branch).
    if (msg.length >= 20) {
      const e = byPrefix.get(prefixKey(msg));
      const last = e?.datagram;
      if (e && last && last.from === rinfo.address && sameDatagram(msg, last.bytes, last.skip)) {
        refresh(e, now(), rinfo.address);
        return;
      }
    }
    const bytes = new Uint8Array(msg.buffer, msg.byteOffset, msg.byteLength);
    const m = parseMessage(bytes);
    if (!m || m.truncated) malformed++;
    if (!m) return;
    // Only a datagram that is this one announcement (no other submessage) can stand for its re-sends.
    const alone = !m.truncated && m.submessages.length === 1 ? bytes : undefined;
    for (const s of m.submessages) {
      if (s.kind === 'data' && s.writerId === EntityId.SPDP_WRITER) {
        if (s.payload && s.payload.length > MAX_SAMPLE_BYTES) continue;
        onSample(s, m.header.vendorId, rinfo.address, alone && s.sourcePrefix === m.header.guidPrefix ? alone : undefined);
      } else if (s.kind === 'dataFrag' && s.writerId === EntityId.SPDP_WRITER) {
        const whole = fragments.add(s.sourcePrefix, s);
        if (whole) onSample(reassembledData(s, whole), m.header.vendorId, rinfo.address);
      }
    }
  };

  const open = async (): Promise<void> => {
    const addrs = o.interfaces ?? ipv4Addresses((o.networkInterfaces ?? os.networkInterfaces)());
    const mc = factory({ type: 'udp4', reuseAddr: true });
    sockets.push(mc);
    mc.on('message', onMessage);
    const err = await bindUdp(mc, ports.discoveryMulticast, '0.0.0.0');
    mc.on('error', (e) => problems.push(`multicast socket: ${e.message}`));
    if (err) problems.push(`bind ${ports.discoveryMulticast}: ${(err as NodeJS.ErrnoException).code ?? err.message}`);
    else if (!disposed) {
      for (const a of addrs) {
        try {
          mc.addMembership(SPDP_MULTICAST_GROUP, a);
          listening.push({ kind: 'multicast', address: a, port: ports.discoveryMulticast });
        } catch (e) {
          problems.push(`join ${SPDP_MULTICAST_GROUP} on ${a}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
        }
      }
    }
    if (o.loopback && !disposed) {
      let bound = false;
      for (let i = 0; i < LOOPBACK_INDEXES && !bound && !disposed; i++) {
        const port = ports.participant(i).discoveryUnicast;
        const s = factory({ type: 'udp4', reuseAddr: false });
        const e = await bindUdp(s, port, '127.0.0.1');
        if (e) {
          s.close();
          continue;
        }
        s.on('message', onMessage);
        s.on('error', (x) => problems.push(`loopback socket: ${x.message}`));
        sockets.push(s);
        listening.push({ kind: 'unicast', address: '127.0.0.1', port });
        bound = true;
      }
      if (!bound && !disposed)
        problems.push(`no free participant port on 127.0.0.1 (indexes 0–${LOOPBACK_INDEXES - 1} of domain ${o.domain} in use)`);
    }
    if (disposed) closeAll();
  };

  const closeAll = (): void => {
    for (const s of sockets.splice(0)) {
      try {
        s.close();
      } catch {
        // already closed
      }
    }
  };

  const ready = open().catch((e: unknown) => {
    problems.push(String(e));
  });

  return {
    ready,
    snapshot,
    onDidChange(l) {
      listeners.add(l);
      return { dispose: () => listeners.delete(l) };
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      listeners.clear();
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
      closeAll();
      fragments.clear();
    },
  };
}
