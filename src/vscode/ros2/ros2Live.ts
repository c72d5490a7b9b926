import * as vscode from 'vscode';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRos2Monitor, type Ros2Monitor } from '../../core/rtps/monitor';
import { pingDiscoveryServer, type DiscoveryServerPing } from '../../core/rtps/discoveryServerPing';
import { parseDiscoveryServers, type DiscoveryServerEntry } from '../../core/ros/discoveryServers';
import { DEFAULT_EPHEMERAL, maxParticipants, parseEphemeralRange } from '../../core/ros/domain';
import { localAddresses } from '../../core/net/addresses';
import { tcpPortOpen, zenohRouterEndpoint } from '../../core/net/tcpPortOpen';
import type { ZenohRouterState } from '../../core/zenoh/routerTarget';
import type * as DoctorBundle from '../../bundles/doctor';
import { LazyBundle } from '../lazyBundle';
import { Poller } from '../../core/probe/poller';
import { pingKey, type Ros2Live } from '../../core/status/ros2Status';
import type { NetworkIdentity } from '../../core/profiles/networkIdentity';
import type { ProfileService } from '../profiles/profileService';
import { settings } from '../settings';

/** Whether a ROS 2 profile keeps discovery on this machine (then only loopback is listened on, and nothing leaves it). */
export function isLocalOnly(vars: ReadonlyMap<string, string>): boolean {
  return vars.get('ROS_AUTOMATIC_DISCOVERY_RANGE') === 'LOCALHOST' || vars.get('ROS_LOCALHOST_ONLY') === '1';
}

/** Monitor options for a ROS 2 profile: loopback-only profiles listen on 127.0.0.1 only. */
export function monitorOptionsFor(
  domain: number,
  vars: ReadonlyMap<string, string>,
): { domain: number; loopback: boolean; interfaces?: string[] } {
  if (isLocalOnly(vars)) return { domain, loopback: true, interfaces: ['127.0.0.1'] };
  const external = localAddresses().some((a) => a.family === 'IPv4' && !a.internal);
  return { domain, loopback: !external };
}

function ephemeralCapacity(domain: number): number {
  let range = DEFAULT_EPHEMERAL.linux;
  if (process.platform === 'linux') {
    try {
      range = parseEphemeralRange(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')) ?? range;
    } catch {
      // unreadable: the Linux default
    }
  } else if (process.platform === 'darwin' || process.platform === 'win32') range = DEFAULT_EPHEMERAL[process.platform];
  return maxParticipants(domain, range);
}

/**
 * What the status bar shows live for the snapshot's ROS 2 identity: the passive monitor of its
 * domain (it sends nothing), its discovery servers' answers (polled like the master), or for
 * rmw_zenoh whether the router's port is open. Follows the snapshot; everything closed on dispose.
 */
export class Ros2LiveStatus implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  private key: string | undefined;
  private monitor: Ros2Monitor | undefined;
  private pollers: Poller<unknown>[] = [];
  private servers: { entry: DiscoveryServerEntry; ping?: DiscoveryServerPing }[] = [];
  private zenoh: Ros2Live['zenohRouter'];
  private addresses: string[] = [];
  private capacity: number | undefined;
  private liveValue: Ros2Live | undefined;

  /** dist/doctor.js, for rmw_zenoh profiles only: its JSON5 reader of the session config stays out of activation. */
  private readonly zenohCore: LazyBundle<Pick<typeof DoctorBundle, 'checkZenohRouter' | 'zenohRouterTarget'>>;

  constructor(
    private readonly profiles: ProfileService,
    private readonly log: vscode.LogOutputChannel,
    doctorBundlePath: string,
  ) {
    this.zenohCore = new LazyBundle(doctorBundlePath, 'doctor (Zenoh router check)', log);
    this.subscriptions.push(
      this.emitter,
      profiles.onDidChange(() => this.update()),
      vscode.window.onDidChangeWindowState((w) => this.pollers.forEach((p) => p.setFocused(w.focused))),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (settings.status.intervalSeconds.isAffectedBy(e) || settings.status.timeoutMs.isAffectedBy(e)) this.update(true);
      }),
    );
    this.update();
  }

  /** Undefined unless the snapshot's identity is ROS 2 with a valid domain. */
  get live(): Ros2Live | undefined {
    return this.liveValue;
  }

  refresh(): void {
    for (const p of this.pollers) p.refreshNow();
  }

  private publish(): void {
    this.liveValue = {
      ...(this.monitor ? { domain: this.monitor.snapshot() } : {}),
      localAddresses: this.addresses,
      ...(this.capacity !== undefined ? { capacity: this.capacity } : {}),
      ...(this.servers.length ? { discoveryServers: this.servers.map((s) => ({ ...s })) } : {}),
      ...(this.zenoh ? { zenohRouter: this.zenoh } : {}),
    };
    this.emitter.fire();
  }

  private stop(): void {
    this.monitor?.dispose();
    this.monitor = undefined;
    for (const p of this.pollers) p.dispose();
    this.pollers = [];
    this.servers = [];
    this.zenoh = undefined;
    this.liveValue = undefined;
  }

  private update(force = false): void {
    const identity = this.profiles.snapshot.identity;
    const key = identity.profile?.rosVersion === 2 && identity.domain !== undefined ? identity.key : undefined;
    if (key === this.key && !force) return;
    this.stop();
    this.key = key;
    if (key === undefined) {
      this.emitter.fire();
      return;
    }
    this.start(identity);
    this.publish();
  }

  private start(identity: NetworkIdentity): void {
    const vars = identity.profile!.variables;
    const domain = identity.domain!;
    const intervalMs = settings.status.intervalSeconds.get() * 1000;
    const timeoutMs = settings.status.timeoutMs.get();
    this.addresses = localAddresses().map((a) => a.address);
    this.capacity = ephemeralCapacity(domain);
    const poll = <T>(probe: (signal: AbortSignal) => Promise<T>, ok: (r: T) => boolean, onResult: (r: T) => void) => {
      const p = new Poller<T>({
        probe,
        ok,
        onResult,
        // A refused port is cheap to ask again; silence holds a socket for the whole timeout.
        backoff: (r) => r === undefined || !ok(r),
        intervalMs,
        timeoutMs: timeoutMs + 100,
        maxBackoffMs: Math.max(30_000, intervalMs),
      });
      p.setFocused(vscode.window.state.focused);
      p.start();
      this.pollers.push(p as Poller<unknown>);
    };

    if (vars.get('RMW_IMPLEMENTATION') === 'rmw_zenoh_cpp') {
      const get = (n: string) => vars.get(n) || undefined;
      // The session config file is read on every poll, so an edit to it shows at the next one.
      const readText = (p: string) => readFile(p, 'utf8').catch(() => undefined);
      this.zenoh = {
        endpoint: get('ZENOH_SESSION_CONFIG_URI') ? 'of ZENOH_SESSION_CONFIG_URI' : zenohRouterEndpoint(get('ZENOH_CONFIG_OVERRIDE')).text,
      };
      this.log.info(`status: checking the Zenoh router port every ${intervalMs / 1000} s`);
      poll<ZenohRouterState>(
        async (signal) => {
          const z = this.zenohCore.get();
          return z.checkZenohRouter(await z.zenohRouterTarget(get, readText), tcpPortOpen, timeoutMs, signal);
        },
        (r) => r.open === true,
        (next) => {
          if (JSON.stringify(next) === JSON.stringify(this.zenoh)) return;
          this.zenoh = next;
          this.publish();
        },
      );
      return;
    }

    const opts = monitorOptionsFor(domain, vars);
    const monitor = createRos2Monitor(opts);
    this.monitor = monitor;
    monitor.onDidChange(() => this.monitor === monitor && this.publish());
    void monitor.ready.then(() => {
      if (this.monitor !== monitor) return;
      const v = monitor.snapshot();
      this.log.info(
        `status: listening for ROS 2 participants of domain ${domain} on ${v.listeners.map((l) => `${l.kind} ${l.address}:${l.port}`).join(', ') || 'nothing'}${v.problems.length ? ` (${v.problems.join('; ')})` : ''}`,
      );
      this.publish();
    });

    for (const parsed of parseDiscoveryServers(vars.get('ROS_DISCOVERY_SERVER') ?? '')) {
      if (!parsed.ok || parsed.entry.transport.startsWith('TCP')) continue;
      const entry = parsed.entry;
      const slot: { entry: DiscoveryServerEntry; ping?: DiscoveryServerPing } = { entry };
      this.servers.push(slot);
      this.log.info(`status: pinging discovery server ${entry.host}:${entry.port} every ${intervalMs / 1000} s`);
      poll<DiscoveryServerPing>(
        (signal) => pingDiscoveryServer({ address: entry.host, port: entry.port, timeoutMs, signal }),
        (r) => r.state === 'up',
        (r) => {
          const was = slot.ping;
          slot.ping = r;
          if (was?.state !== r.state) this.log.info(`status: discovery server ${entry.host}:${entry.port} ${r.state}`);
          // Round trips jitter: publish only when what the tooltip says changes.
          if (was && pingKey(was) === pingKey(r)) return;
          this.publish();
        },
      );
    }
  }

  dispose(): void {
    this.stop();
    for (const d of this.subscriptions) d.dispose();
  }
}
