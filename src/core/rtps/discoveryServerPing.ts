/**
 * Is a Fast DDS Discovery Server answering? One client announcement to the server's unicast
 * locator, then its own DATA(p) back means up. The server ignores a standard announcement: it
 * answers only a client claiming vendor 01.0f (eProsima) with the sample identity PID 0x800f
 * inline. Sent from a connected UDP socket so a closed port surfaces as ECONNREFUSED ("down")
 * instead of silence; silence until the timeout means unreachable (or not a discovery server).
 * The ping registers a client on the server until its lease ends, so it is disposed afterwards.
 */
import * as dgram from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { hex } from './byteReader';
import { EntityId, Pid, StatusInfo, VENDOR_FASTDDS, vendorName } from './constants';
import { decodeParticipant } from './discoveryData';
import { MessageWriter, ParamListWriter, hexToBytes } from './encode';
import { formatGuid } from './guid';
import { parseMessage } from './message';
import type { SocketFactory } from './monitor';

export type DiscoveryServerPing =
  | {
      readonly state: 'up';
      readonly rttMs: number;
      /** The server's participant GUID (formatted) and, from its prefix 44.53.<id>.5f…, its id. */
      readonly serverGuid: string;
      readonly serverId?: number;
      readonly vendor: string;
    }
  | { readonly state: 'down'; readonly rttMs: number; readonly code: string }
  | { readonly state: 'timeout'; readonly timeoutMs: number }
  | { readonly state: 'error'; readonly code: string; readonly message: string };

export interface DiscoveryServerPingOptions {
  readonly address: string;
  /** Default 11811. */
  readonly port?: number;
  readonly timeoutMs?: number;
  readonly socketFactory?: SocketFactory;
  readonly guidPrefix?: Uint8Array;
  readonly signal?: AbortSignal;
}

function clientAnnouncement(prefix: Uint8Array, locator: { address: string; port: number }, sn: number, dispose: boolean): Uint8Array {
  const guid = hexToBytes(`${hex(prefix)}000001c1`);
  // Sample identity: the SPDP writer's GUID + this sequence number (Fast DDS's layout: SN high, low).
  const identity = new Uint8Array(24);
  identity.set(prefix.subarray(0, 12), 0);
  identity.set(hexToBytes('000100c2'), 12);
  new DataView(identity.buffer).setUint32(20, sn, true);
  const qos = new ParamListWriter().raw(Pid.FASTDDS_SAMPLE_IDENTITY, identity);
  const w = new MessageWriter(prefix, VENDOR_FASTDDS).infoTs(Date.now() / 1000);
  if (dispose) {
    qos.raw(Pid.KEY_HASH, guid).u32be(Pid.STATUS_INFO, StatusInfo.DISPOSED | StatusInfo.UNREGISTERED);
    return w.data({ readerId: EntityId.SPDP_READER, writerId: EntityId.SPDP_WRITER, sn, inlineQos: qos.list() }).done();
  }
  const pl = new ParamListWriter()
    .raw(Pid.PROTOCOL_VERSION, new Uint8Array([2, 3, 0, 0]))
    .raw(Pid.VENDORID, new Uint8Array([...VENDOR_FASTDDS, 0, 0]))
    .raw(Pid.PARTICIPANT_GUID, guid)
    .locator(Pid.METATRAFFIC_UNICAST_LOCATOR, locator)
    .locator(Pid.DEFAULT_UNICAST_LOCATOR, locator)
    .duration(Pid.PARTICIPANT_LEASE_DURATION, 10)
    .u32(Pid.BUILTIN_ENDPOINT_SET, 0x3f)
    .string(Pid.ENTITY_NAME, 'rosnet')
    .properties(
      Pid.PROPERTY_LIST,
      new Map([
        ['PARTICIPANT_TYPE', 'CLIENT'],
        ['rosnet.role', 'discovery-server-ping'],
      ]),
    )
    .payload();
  return w.data({ readerId: EntityId.SPDP_READER, writerId: EntityId.SPDP_WRITER, sn, inlineQos: qos.list(), payload: pl }).done();
}

export async function pingDiscoveryServer(o: DiscoveryServerPingOptions): Promise<DiscoveryServerPing> {
  const port = o.port ?? 11811;
  const timeoutMs = o.timeoutMs ?? 2000;
  const factory: SocketFactory = o.socketFactory ?? ((opts) => dgram.createSocket(opts));
  const prefix = o.guidPrefix ?? randomBytes(12);
  const prefixHex = hex(prefix);
  const family = o.address.includes(':') ? 'udp6' : 'udp4';
  const conn = factory({ type: family });
  const recv = factory({ type: family });
  const started = performance.now();
  let done = false;
  let finish: (r: DiscoveryServerPing) => void = () => undefined;
  const result = new Promise<DiscoveryServerPing>((r) => (finish = r));
  const settle = (r: DiscoveryServerPing): void => {
    if (done) return;
    done = true;
    finish(r);
  };
  const onMessage = (msg: Buffer): void => {
    const m = parseMessage(new Uint8Array(msg.buffer, msg.byteOffset, msg.byteLength));
    if (!m || m.header.guidPrefix === prefixHex) return;
    // The server's first words to a new client are HEARTBEATs of its (reliable) PDP writer addressed
    // to us, its DATA(p) follows only after an ACKNACK: either proves it is a server talking to us.
    const answer = m.submessages.some(
      (s) =>
        s.destPrefix === prefixHex ||
        (s.kind === 'data' && s.writerId === EntityId.SPDP_WRITER && decodeParticipant(s, m.header.vendorId)?.kind === 'alive'),
    );
    if (!answer) return;
    const g = m.header.guidPrefix;
    // Fast DDS server prefixes: 44.53.<id>.5f.45.50.52.4f.53.49.4d.41 ("DS", id, "_EPROSIMA").
    const serverId = g.startsWith('4453') && g.slice(6, 24) === '5f4550524f53494d41' ? parseInt(g.slice(4, 6), 16) : undefined;
    settle({
      state: 'up',
      rttMs: performance.now() - started,
      serverGuid: formatGuid(`${g}000001c1`),
      ...(serverId !== undefined ? { serverId } : {}),
      vendor: vendorName(m.header.vendorId),
    });
  };
  const onError = (e: NodeJS.ErrnoException): void => {
    if (e.code === 'ECONNREFUSED') settle({ state: 'down', rttMs: performance.now() - started, code: e.code });
    else settle({ state: 'error', code: e.code ?? 'ERROR', message: e.message });
  };
  conn.on('message', onMessage);
  recv.on('message', onMessage);
  conn.on('error', onError);
  recv.on('error', onError);
  const timer = setTimeout(() => settle({ state: 'timeout', timeoutMs }), timeoutMs);
  const onAbort = (): void => settle({ state: 'timeout', timeoutMs: performance.now() - started });
  o.signal?.addEventListener('abort', onAbort, { once: true });
  let local: { address: string; port: number } | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      recv.once('error', reject);
      recv.bind(0, () => {
        recv.off('error', reject);
        resolve();
      });
    });
    await new Promise<void>((resolve, reject) => {
      conn.once('error', reject);
      conn.connect(port, o.address, () => {
        conn.off('error', reject);
        resolve();
      });
    });
    // The address the route to the server leaves from is the one it can answer to.
    local = { address: conn.address().address, port: recv.address().port };
    conn.send(clientAnnouncement(prefix, local, 1, false), (e) => e && onError(e as NodeJS.ErrnoException));
  } catch (e) {
    onError(e as NodeJS.ErrnoException);
  }
  const r = await result;
  clearTimeout(timer);
  o.signal?.removeEventListener('abort', onAbort);
  if (r.state === 'up' && local)
    await new Promise<void>((resolve) => conn.send(clientAnnouncement(prefix, local!, 2, true), () => resolve()));
  for (const s of [conn, recv]) {
    try {
      s.close();
    } catch {
      // already closed
    }
  }
  return r;
}
