/**
 * Active ROS 2 graph probe: announces a participant of its own (SPDP), reads the peers' SEDP
 * publications/subscriptions and their `ros_discovery_info` samples (node names), and disposes
 * itself on stop. Unlike the monitor it SENDS: callers run it only when the user asked for the
 * graph (the CLI's --graph, the view while visible, unless rosNetwork.ros2.graphDiscovery=never).
 *
 * What peers need from us (measured with Cyclone DDS 0.10 and Fast DDS 2.9):
 * - they push SEDP data only after we ACKNACK their HEARTBEATs;
 * - our `ros_discovery_info` reader must be entity kind 0x04 (no key), reliable, transient local;
 * - Fast DDS ACKNACKs a liveliness writer we never announced until one empty HEARTBEAT answers;
 * - re-announcing after the dispose makes peers see us come back: the timer stops first.
 */
import * as dgram from 'node:dgram';
import { randomBytes } from 'node:crypto';
import * as os from 'node:os';
import { domainPorts } from '../ros/domain';
import { realTimers, type Timers } from '../probe/poller';
import { BuiltinEndpoint, EntityId, LocatorKind, Pid, SPDP_MULTICAST_GROUP, StatusInfo } from './constants';
import { decodeEndpoint, decodeParticipant, type EndpointData, type ParticipantData } from './discoveryData';
import { MessageWriter, ParamListWriter, hexToBytes } from './encode';
import { decodeParticipantEntitiesInfo, type ParticipantEntitiesInfo } from './entitiesInfo';
import { FragmentAssembler, reassembledData } from './fragments';
import { buildGraph, type Ros2Graph } from './graph';
import { hex } from './byteReader';
import { parseMessage, type DataSubmessage, type Submessage } from './message';
import { bindUdp, ipv4Addresses, toParticipant, type Disposable, type Ros2Participant, type SocketFactory } from './monitor';

export const ROS_DISCOVERY_TOPIC = 'ros_discovery_info';
export const ROS_DISCOVERY_TYPE = 'rmw_dds_common::msg::dds_::ParticipantEntitiesInfo_';
/** Our `ros_discovery_info` reader: entity key 1, kind 0x04 (reader without key). */
export const OUR_INFO_READER = 0x00000104;
/** Vendor id we announce: 00.00 (unknown) — we are no DDS implementation peers should special-case. */
const DEFAULT_VENDOR: readonly [number, number] = [0x00, 0x00];

export interface GraphProbeOptions {
  readonly domain: number;
  /** IPv4 addresses to announce on (multicast) and advertise; default every IPv4 address. */
  readonly interfaces?: readonly string[];
  /** Also announce by unicast to the domain's well-known participant ports on 127.0.0.1. */
  readonly loopback?: boolean;
  /** Unicast peers (addresses) announced to on the well-known participant ports. */
  readonly peers?: readonly string[];
  readonly socketFactory?: SocketFactory;
  readonly clock?: Timers;
  readonly networkInterfaces?: () => NodeJS.Dict<os.NetworkInterfaceInfo[]>;
  /** Our lease (default 10 s): peers forget us this long after we vanish without a dispose. */
  readonly leaseSeconds?: number;
  /** Re-announce period after the initial burst (default 3 s). */
  readonly announcePeriodMs?: number;
  /** Caps (defaults 1000 participants, 20000 endpoints). */
  readonly maxParticipants?: number;
  readonly maxEndpoints?: number;
  /** Vendor id we announce (default 00.00, unknown). */
  readonly vendorId?: readonly [number, number];
  /** 12 bytes; random by default. */
  readonly guidPrefix?: Uint8Array;
  /** Every datagram as received (captures, fuzz corpus). */
  readonly onDatagram?: (bytes: Uint8Array, from: dgram.RemoteInfo) => void;
}

export interface GraphProbe {
  readonly ready: Promise<void>;
  /** Our participant's GUID (formatted) — the monitor marks it `self` too. */
  readonly guid: string;
  snapshot(): Ros2Graph;
  onDidChange(listener: (g: Ros2Graph) => void): Disposable;
  /** Bind/send problems ("send 239.255.0.1 via 10.0.0.2: ENETUNREACH"). */
  problems(): readonly string[];
  /** Stops re-announcing, disposes our participant, closes the sockets. */
  stop(): Promise<void>;
}

/** How many participant indexes get our unicast announcement on loopback/peers (Cyclone uses 0–8). */
const WELL_KNOWN_INDEXES = 10;
const INITIAL_BURST_MS = [0, 100, 300, 700];
/** Sequence numbers tracked per remote writer (SEDP writers have a few dozen samples). */
const MAX_SEQ_TRACKED = 4096;

interface Peer {
  data: ParticipantData;
  participant: Ros2Participant;
  /** UDPv4 metatraffic unicast locators ("ip:port"). */
  targets: { address: string; port: number }[];
  expiresAt: number;
  answeredLiveliness: boolean;
  announcedTo: boolean;
}

interface WriterState {
  readonly received: Set<number>;
  ackCount: number;
}

function udp4(ls: readonly { kind: number; address: string; port: number }[]): { address: string; port: number }[] {
  return ls.filter((l) => l.kind === LocatorKind.UDPv4 && l.port > 0 && l.port < 65536).map((l) => ({ address: l.address, port: l.port }));
}

export function createRos2GraphProbe(o: GraphProbeOptions): GraphProbe {
  const clock = o.clock ?? realTimers;
  const now = (): number => (o.clock?.now ? o.clock.now() : Date.now());
  const factory: SocketFactory = o.socketFactory ?? ((opts) => dgram.createSocket(opts));
  const ports = domainPorts(o.domain);
  const prefix = o.guidPrefix ?? randomBytes(12);
  const prefixHex = hex(prefix);
  const ourGuid = `${prefixHex}000001c1`;
  const lease = o.leaseSeconds ?? 10;
  const OUR_VENDOR = o.vendorId ?? DEFAULT_VENDOR;
  const maxParticipants = o.maxParticipants ?? 1000;
  const maxEndpoints = o.maxEndpoints ?? 20000;
  const peers = new Map<string, Peer>(); // key: prefix hex
  const endpoints = new Map<string, { kind: 'writer' | 'reader'; data: EndpointData }>();
  const infos = new Map<string, ParticipantEntitiesInfo>(); // key: participant GUID hex
  const infoWriters = new Set<string>(); // GUID hex of ros_discovery_info writers
  const writers = new Map<string, WriterState>(); // key: prefix + writer id
  const fragments = new FragmentAssembler({ maxInFlight: 64, maxSampleBytes: 256 * 1024 });
  const listeners = new Set<(g: Ros2Graph) => void>();
  const problems: string[] = [];
  const sockets: dgram.Socket[] = [];
  let unicast: dgram.Socket | undefined;
  let addrs: string[] = [];
  let announceTimer: unknown;
  let burst = 0;
  let stopped = false;
  let spdpSn = 1;
  let changePending = false;
  let counter = 1;

  const problem = (p: string): void => {
    if (!problems.includes(p) && problems.length < 50) problems.push(p);
  };

  const snapshot = (): Ros2Graph =>
    buildGraph(
      o.domain,
      [...peers.values()].map((p) => p.participant),
      endpoints,
      infos,
    );

  // Changes arrive in bursts (a peer's whole SEDP history in a few datagrams): one event per turn.
  const changed = (): void => {
    if (changePending || stopped) return;
    changePending = true;
    setImmediate(() => {
      changePending = false;
      if (stopped || listeners.size === 0) return;
      const g = snapshot();
      for (const l of [...listeners]) l(g);
    });
  };

  const send = (bytes: Uint8Array, port: number, address: string): void => {
    if (!unicast || stopped) return;
    unicast.send(bytes, port, address, (e) => {
      if (e) problem(`send ${address}:${port}: ${(e as NodeJS.ErrnoException).code ?? e.message}`);
    });
  };

  const sendMulticast = (bytes: Uint8Array): void => {
    if (!unicast) return;
    for (const a of addrs) {
      try {
        unicast.setMulticastInterface(a);
        unicast.send(bytes, ports.discoveryMulticast, SPDP_MULTICAST_GROUP, (e) => {
          if (e) problem(`send ${SPDP_MULTICAST_GROUP} via ${a}: ${(e as NodeJS.ErrnoException).code ?? e.message}`);
        });
      } catch (e) {
        problem(`multicast via ${a}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
      }
    }
  };

  const writer = (): MessageWriter => new MessageWriter(prefix, OUR_VENDOR);

  const participantPayload = (port: number): Uint8Array => {
    const pl = new ParamListWriter()
      .raw(Pid.PROTOCOL_VERSION, new Uint8Array([2, 3, 0, 0]))
      .raw(Pid.VENDORID, new Uint8Array([...OUR_VENDOR, 0, 0]))
      .raw(Pid.PARTICIPANT_GUID, hexToBytes(ourGuid))
      .u32(Pid.DOMAIN_ID, o.domain);
    for (const a of addrs) pl.locator(Pid.METATRAFFIC_UNICAST_LOCATOR, { address: a, port });
    for (const a of addrs) pl.locator(Pid.DEFAULT_UNICAST_LOCATOR, { address: a, port });
    pl.duration(Pid.PARTICIPANT_LEASE_DURATION, lease);
    pl.u32(
      Pid.BUILTIN_ENDPOINT_SET,
      BuiltinEndpoint.PARTICIPANT_ANNOUNCER |
        BuiltinEndpoint.PARTICIPANT_DETECTOR |
        BuiltinEndpoint.PUBLICATIONS_ANNOUNCER |
        BuiltinEndpoint.PUBLICATIONS_DETECTOR |
        BuiltinEndpoint.SUBSCRIPTIONS_ANNOUNCER |
        BuiltinEndpoint.SUBSCRIPTIONS_DETECTOR,
    );
    pl.string(Pid.ENTITY_NAME, 'rosnet');
    pl.properties(Pid.PROPERTY_LIST, new Map([['rosnet.role', 'graph-probe']]));
    return pl.payload();
  };

  let spdpPayload: Uint8Array = new Uint8Array(0);

  const announcement = (dest?: string): Uint8Array => {
    const w = writer();
    if (dest) w.infoDst(hexToBytes(dest));
    return w
      .infoTs(now() / 1000)
      .data({ readerId: EntityId.SPDP_READER, writerId: EntityId.SPDP_WRITER, sn: spdpSn, payload: spdpPayload })
      .done();
  };

  const announce = (): void => {
    const msg = announcement();
    sendMulticast(msg);
    const unicastTargets = [...(o.loopback ? ['127.0.0.1'] : []), ...(o.peers ?? [])];
    for (const host of unicastTargets) for (let i = 0; i < WELL_KNOWN_INDEXES; i++) send(msg, ports.participant(i).discoveryUnicast, host);
    for (const p of peers.values()) for (const t of p.targets) send(msg, t.port, t.address);
  };

  const schedule = (): void => {
    if (stopped) return;
    const delay =
      burst < INITIAL_BURST_MS.length ? INITIAL_BURST_MS[burst]! - (INITIAL_BURST_MS[burst - 1] ?? 0) : (o.announcePeriodMs ?? 3000);
    burst++;
    announceTimer = clock.setTimeout(() => {
      announceTimer = undefined;
      if (stopped) return;
      announce();
      expirePeers();
      schedule();
    }, delay);
  };

  const expirePeers = (): void => {
    const t = now();
    let gone = false;
    for (const [k, p] of peers) {
      if (p.expiresAt > t) continue;
      dropPeer(k);
      gone = true;
    }
    if (gone) changed();
  };

  const dropPeer = (prefixKey: string): void => {
    peers.delete(prefixKey);
    infos.delete(`${prefixKey}000001c1`);
    for (const [g] of endpoints) if (g.startsWith(prefixKey)) endpoints.delete(g);
    for (const k of writers.keys()) if (k.startsWith(prefixKey)) writers.delete(k);
  };

  /** Our ros_discovery_info reader as SEDP DATA(r) (sequence number 1 of our subscriptions writer). */
  const readerAnnouncement = (): Uint8Array => {
    const readerGuid = hexToBytes(`${prefixHex}${OUR_INFO_READER.toString(16).padStart(8, '0')}`);
    const pl = new ParamListWriter();
    for (const a of addrs) pl.locator(Pid.UNICAST_LOCATOR, { address: a, port: unicast?.address().port ?? 0 });
    return pl
      .raw(Pid.PROTOCOL_VERSION, new Uint8Array([2, 3, 0, 0]))
      .raw(Pid.VENDORID, new Uint8Array([...OUR_VENDOR, 0, 0]))
      .raw(Pid.KEY_HASH, readerGuid)
      .raw(Pid.ENDPOINT_GUID, readerGuid)
      .raw(Pid.PARTICIPANT_GUID, hexToBytes(ourGuid))
      .string(Pid.TOPIC_NAME, ROS_DISCOVERY_TOPIC)
      .string(Pid.TYPE_NAME, ROS_DISCOVERY_TYPE)
      .raw(Pid.RELIABILITY, new Uint8Array([2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))
      .u32(Pid.DURABILITY, 1)
      .payload();
  };

  const sendReaderData = (p: Peer, key: string): void => {
    const msg = writer()
      .infoDst(hexToBytes(key))
      .infoTs(now() / 1000)
      .data({ readerId: EntityId.SEDP_SUB_READER, writerId: EntityId.SEDP_SUB_WRITER, sn: 1, payload: readerAnnouncement() })
      .heartbeat({ readerId: EntityId.SEDP_SUB_READER, writerId: EntityId.SEDP_SUB_WRITER, first: 1, last: 1, count: counter++ })
      .heartbeat({
        readerId: EntityId.SEDP_PUB_READER,
        writerId: EntityId.SEDP_PUB_WRITER,
        first: 1,
        last: 0,
        count: counter++,
        final: true,
      })
      .done();
    for (const t of p.targets) send(msg, t.port, t.address);
  };

  /** To a peer's builtin endpoints (metatraffic locators), or to one of its user writers (its own locators). */
  const toPeer = (key: string, build: (w: MessageWriter) => MessageWriter, userWriter?: string): void => {
    const p = peers.get(key);
    if (!p) return;
    const msg = build(writer().infoDst(hexToBytes(key))).done();
    let targets = p.targets;
    if (userWriter !== undefined) {
      const own = udp4(endpoints.get(userWriter)?.data.unicastLocators ?? []);
      targets = own.length > 0 ? own : udp4(p.data.defaultUnicast);
    }
    for (const t of targets) send(msg, t.port, t.address);
  };

  const onParticipant = (d: DataSubmessage, headerVendor: string, from: string): void => {
    const s = decodeParticipant(d, headerVendor);
    if (!s) return;
    if (s.kind === 'disposed') {
      const k = s.guid.slice(0, 24);
      if (!peers.has(k)) return;
      dropPeer(k);
      changed();
      return;
    }
    const data = s.data;
    if (data.guidPrefix === prefixHex || (data.domainId !== undefined && data.domainId !== o.domain)) return;
    const key = data.guidPrefix;
    const t = now();
    let p = peers.get(key);
    if (!p) {
      if (peers.size >= maxParticipants) {
        // Like the monitor: the least recently heard peer makes room.
        const oldest = peers.keys().next().value as string;
        dropPeer(oldest);
        problem(`more than ${maxParticipants} participants: the least recently heard are left out`);
      }
      p = {
        data,
        participant: toParticipant(data, o.domain, from, t, t),
        targets: [],
        expiresAt: 0,
        answeredLiveliness: false,
        announcedTo: false,
      };
      peers.set(key, p);
      changed();
    } else {
      const before = JSON.stringify({ ...p.participant, lastSeen: 0, sourceAddress: '' });
      p.participant = toParticipant(data, o.domain, from, p.participant.firstSeen, t);
      if (JSON.stringify({ ...p.participant, lastSeen: 0, sourceAddress: '' }) !== before) changed();
    }
    peers.delete(key);
    peers.set(key, p);
    p.data = data;
    p.targets = udp4(data.metatrafficUnicast);
    p.expiresAt = t + Math.min(data.leaseSeconds, 3600) * 1000;
    if (!p.announcedTo) {
      // Answer at once by unicast (a peer that missed our multicast, or has none) and offer our reader.
      p.announcedTo = true;
      const msg = announcement(key);
      for (const tg of p.targets) send(msg, tg.port, tg.address);
      sendReaderData(p, key);
    }
  };

  const seen = (key: string, sn: number): void => {
    let w = writers.get(key);
    if (!w) writers.set(key, (w = { received: new Set(), ackCount: 1 }));
    if (w.received.size < MAX_SEQ_TRACKED) w.received.add(sn);
  };

  const onSample = (d: DataSubmessage, headerVendor: string, from: string): void => {
    const src = d.sourcePrefix;
    if (d.writerId === EntityId.SPDP_WRITER) return onParticipant(d, headerVendor, from);
    if (!peers.has(src)) return;
    if (d.writerId === EntityId.SEDP_PUB_WRITER || d.writerId === EntityId.SEDP_SUB_WRITER) {
      seen(`${src}:${d.writerId}`, d.writerSN);
      const s = decodeEndpoint(d);
      if (!s) return;
      if (s.kind === 'disposed') {
        if (endpoints.delete(s.guid)) changed();
        infoWriters.delete(s.guid);
        return;
      }
      if (!s.data.guid.startsWith(src) || (!endpoints.has(s.data.guid) && endpoints.size >= maxEndpoints)) return;
      endpoints.set(s.data.guid, { kind: d.writerId === EntityId.SEDP_PUB_WRITER ? 'writer' : 'reader', data: s.data });
      if (d.writerId === EntityId.SEDP_PUB_WRITER && s.data.topic === ROS_DISCOVERY_TOPIC) infoWriters.add(s.data.guid);
      changed();
      return;
    }
    const writerGuid = `${src}${d.writerId.toString(16).padStart(8, '0')}`;
    // A sample of a writer whose SEDP publication has not arrived yet (sent to every reader, not to
    // ours) is not counted as received: the next HEARTBEAT then asks for it again. Counting it lost a
    // node's name for good when its ros_discovery_info sample came before its SEDP data.
    if (d.readerId !== OUR_INFO_READER && !infoWriters.has(writerGuid)) return;
    seen(`${src}:${d.writerId}`, d.writerSN);
    if (d.payload && !d.keyOnly) {
      const info = decodeParticipantEntitiesInfo(d.payload);
      if (info && info.gid.startsWith(src)) {
        infos.set(info.gid, info);
        changed();
      }
    }
  };

  /** The reader of ours that a peer's writer talks to, or undefined for writers we do not follow. */
  const ourReaderFor = (src: string, writerId: number): number | undefined => {
    if (writerId === EntityId.SEDP_PUB_WRITER) return EntityId.SEDP_PUB_READER;
    if (writerId === EntityId.SEDP_SUB_WRITER) return EntityId.SEDP_SUB_READER;
    if (infoWriters.has(`${src}${writerId.toString(16).padStart(8, '0')}`)) return OUR_INFO_READER;
    return undefined;
  };

  const onControl = (s: Submessage): void => {
    const src = s.sourcePrefix;
    if (!peers.has(src) || (s.destPrefix !== undefined && s.destPrefix !== prefixHex)) return;
    if (s.kind === 'heartbeat') {
      const reader = s.readerId === OUR_INFO_READER ? OUR_INFO_READER : ourReaderFor(src, s.writerId);
      if (reader === undefined || s.lastSN < s.firstSN - 1 || s.lastSN - s.firstSN > 1e6) return;
      const key = `${src}:${s.writerId}`;
      let w = writers.get(key);
      if (!w) writers.set(key, (w = { received: new Set(), ackCount: 1 }));
      const missing: number[] = [];
      for (let sn = Math.max(1, s.firstSN); sn <= s.lastSN && missing.length < 256; sn++) if (!w.received.has(sn)) missing.push(sn);
      if (missing.length === 0 && s.final) return;
      const base = missing[0] ?? s.lastSN + 1;
      const inWindow = missing.filter((sn) => sn < base + 256);
      const userWriter = reader === OUR_INFO_READER ? `${src}${s.writerId.toString(16).padStart(8, '0')}` : undefined;
      toPeer(
        src,
        (m) =>
          m.acknack({ readerId: reader, writerId: s.writerId, base, missing: inWindow, count: w.ackCount++, final: inWindow.length === 0 }),
        userWriter,
      );
    } else if (s.kind === 'gap') {
      for (let sn = s.gapStart; sn < s.gapListBase && sn - s.gapStart < 1024; sn++) seen(`${src}:${s.writerId}`, sn);
      for (const sn of s.gapList) seen(`${src}:${s.writerId}`, sn);
    } else if (s.kind === 'acknack') {
      const p = peers.get(src)!;
      if (s.writerId === EntityId.P2P_MSG_WRITER && !p.answeredLiveliness) {
        p.answeredLiveliness = true;
        toPeer(src, (m) =>
          m.heartbeat({
            readerId: EntityId.P2P_MSG_READER,
            writerId: EntityId.P2P_MSG_WRITER,
            first: 1,
            last: 0,
            count: counter++,
            final: true,
          }),
        );
      } else if (s.writerId === EntityId.SEDP_SUB_WRITER && (s.base <= 1 || s.missing.includes(1))) {
        // The peer has not got our reader (sn 1): a NACK of it, or Fast DDS's preemptive ACKNACK (base
        // 1, nothing listed) when it matched us after our DATA(r) had arrived and been dropped for
        // coming from a participant it did not know yet. Without the re-send it never learns of our
        // ros_discovery_info reader and its node stays nameless.
        sendReaderData(p, src);
      }
    }
  };

  const onMessage = (msg: Buffer, rinfo: dgram.RemoteInfo): void => {
    if (stopped) return;
    o.onDatagram?.(msg, rinfo);
    const m = parseMessage(new Uint8Array(msg.buffer, msg.byteOffset, msg.byteLength));
    if (!m || m.header.guidPrefix === prefixHex) return;
    for (const s of m.submessages) {
      if (s.kind === 'data') onSample(s, m.header.vendorId, rinfo.address);
      else if (s.kind === 'dataFrag') {
        if (!peers.has(s.sourcePrefix) && s.writerId !== EntityId.SPDP_WRITER) continue;
        const whole = fragments.add(s.sourcePrefix, s);
        if (whole) onSample(reassembledData(s, whole), m.header.vendorId, rinfo.address);
      } else onControl(s);
    }
  };

  const open = async (): Promise<void> => {
    addrs = [...(o.interfaces ?? ipv4Addresses((o.networkInterfaces ?? os.networkInterfaces)()))];
    if (o.loopback && !addrs.includes('127.0.0.1')) addrs.push('127.0.0.1');
    const u = factory({ type: 'udp4', reuseAddr: false });
    sockets.push(u);
    u.on('message', onMessage);
    const e = await bindUdp(u, 0, '0.0.0.0');
    if (e) {
      problem(`bind: ${e.message}`);
      return;
    }
    u.on('error', (x) => problem(`socket: ${x.message}`));
    try {
      u.setMulticastLoopback(true);
    } catch {
      // not fatal: local peers are also announced to by unicast on loopback
    }
    unicast = u;
    const mc = factory({ type: 'udp4', reuseAddr: true });
    sockets.push(mc);
    mc.on('message', onMessage);
    const me = await bindUdp(mc, ports.discoveryMulticast, '0.0.0.0');
    if (me) problem(`bind ${ports.discoveryMulticast}: ${(me as NodeJS.ErrnoException).code ?? me.message}`);
    else {
      mc.on('error', (x) => problem(`multicast socket: ${x.message}`));
      for (const a of addrs) {
        try {
          mc.addMembership(SPDP_MULTICAST_GROUP, a);
        } catch (x) {
          problem(`join ${SPDP_MULTICAST_GROUP} on ${a}: ${(x as NodeJS.ErrnoException).code ?? String(x)}`);
        }
      }
    }
    if (stopped) return;
    spdpPayload = participantPayload(u.address().port);
    schedule();
  };

  const ready = open().catch((e: unknown) => problem(String(e)));

  const dispose = (): Uint8Array => {
    const guid = hexToBytes(ourGuid);
    // Both vendors' forms at once: KEY_HASH + STATUS_INFO inline, and the key as payload.
    const qos = new ParamListWriter()
      .raw(Pid.KEY_HASH, guid)
      .u32be(Pid.STATUS_INFO, StatusInfo.DISPOSED | StatusInfo.UNREGISTERED)
      .list();
    const key = new ParamListWriter().raw(Pid.PARTICIPANT_GUID, guid).payload();
    return writer()
      .infoTs(now() / 1000)
      .data({ readerId: EntityId.SPDP_READER, writerId: EntityId.SPDP_WRITER, sn: ++spdpSn, inlineQos: qos, payload: key, keyOnly: true })
      .done();
  };

  return {
    ready,
    guid: `${prefixHex.slice(0, 8)}:${prefixHex.slice(8, 16)}:${prefixHex.slice(16, 24)}:000001c1`,
    snapshot,
    problems: () => [...problems],
    onDidChange(l) {
      listeners.add(l);
      return { dispose: () => listeners.delete(l) };
    },
    async stop() {
      await ready;
      if (stopped) return;
      // First no more announcements, then the dispose: otherwise peers see us come back.
      if (announceTimer !== undefined) clock.clearTimeout(announceTimer);
      announceTimer = undefined;
      const u = unicast;
      if (u) {
        const msg = dispose();
        const sends: Promise<void>[] = [];
        const sendNow = (port: number, address: string): void => {
          sends.push(new Promise((r) => u.send(msg, port, address, () => r())));
        };
        for (const a of addrs) {
          try {
            u.setMulticastInterface(a);
            sendNow(ports.discoveryMulticast, SPDP_MULTICAST_GROUP);
          } catch {
            // reported when announcing
          }
        }
        for (const p of peers.values()) for (const t of p.targets) sendNow(t.port, t.address);
        await Promise.all(sends);
      }
      stopped = true;
      listeners.clear();
      for (const s of sockets.splice(0)) {
        try {
          s.close();
        } catch {
          // already closed
        }
      }
      fragments.clear();
    },
  };
}

/** Runs the probe for `durationMs` and returns the graph it saw (the CLI's `discover --graph`). */
export async function probeRos2Graph(
  o: GraphProbeOptions & { readonly durationMs: number },
): Promise<{ graph: Ros2Graph; problems: readonly string[] }> {
  const probe = createRos2GraphProbe(o);
  await probe.ready;
  await new Promise((r) => setTimeout(r, o.durationMs));
  const graph = probe.snapshot();
  const problems = probe.problems();
  await probe.stop();
  return { graph, problems };
}
