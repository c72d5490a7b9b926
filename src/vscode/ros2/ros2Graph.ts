import * as vscode from 'vscode';
import { createRos2GraphProbe, type GraphProbe } from '../../core/rtps/graphProbe';
import type { Ros2Graph } from '../../core/rtps/graph';
import type { NetworkIdentity } from '../../core/profiles/networkIdentity';
import { monitorOptionsFor } from './ros2Live';

/**
 * The active graph probe behind the view's ROS 2 graph: it announces a participant, so it runs only
 * while the view asks (visible, ROS 2 profile, `rosNetwork.ros2.graphDiscovery` not `never`) and is
 * disposed on the network when it stops.
 */
export class Ros2GraphSession implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private probe: GraphProbe | undefined;
  private key: string | undefined;
  private throttle: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** The graph seen so far for `identity` (undefined when the session is not running for it). */
  graph(identity: NetworkIdentity): Ros2Graph | undefined {
    return this.key === identity.key ? this.probe?.snapshot() : undefined;
  }

  problems(): readonly string[] {
    return this.probe?.problems() ?? [];
  }

  /** Runs the probe for this identity (a no-op when it already does). */
  run(identity: NetworkIdentity): void {
    if (this.key === identity.key && this.probe) return;
    this.stop();
    if (identity.profile?.rosVersion !== 2 || identity.domain === undefined) return;
    if (identity.profile.variables.get('RMW_IMPLEMENTATION') === 'rmw_zenoh_cpp') return;
    const opts = monitorOptionsFor(identity.domain, identity.profile.variables);
    this.key = identity.key;
    const probe = createRos2GraphProbe(opts);
    this.probe = probe;
    this.log.info(
      `view: reading the ROS 2 graph of domain ${identity.domain} (a participant named rosnet is announced until the view is hidden)`,
    );
    // SEDP arrives in bursts of samples: one tree refresh per burst is enough.
    probe.onDidChange(() => {
      if (this.probe !== probe || this.throttle) return;
      this.throttle = setTimeout(() => {
        this.throttle = undefined;
        this.emitter.fire();
      }, 300);
    });
  }

  stop(): void {
    if (this.throttle) clearTimeout(this.throttle);
    this.throttle = undefined;
    const p = this.probe;
    this.probe = undefined;
    this.key = undefined;
    if (p) {
      this.log.info('view: ROS 2 graph probe stopped (participant disposed)');
      void p.stop();
    }
  }

  dispose(): void {
    this.stop();
    this.emitter.dispose();
  }
}
