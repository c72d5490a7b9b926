import * as vscode from 'vscode';
import { Commands, StatusCommands, StatusSettings } from '../../ids';
import { probeMaster, slowFailure, type ProbeResult } from '../../core/probe/masterProbe';
import { Poller } from '../../core/probe/poller';
import { nextMasterState, sameView, type MasterState } from '../../core/status/masterStatus';
import { reachView } from '../../core/status/reachView';
import type { Profile } from '../../core/profiles/profileSchema';
import type { ProfileService } from '../profiles/profileService';
import type { StatusBar } from './statusBar';

/** rospy's default when a ROS 1 profile has no ROS_MASTER_URI. */
const DEFAULT_MASTER = 'http://localhost:11311';

export function masterUriOf(p: Profile | undefined): string | undefined {
  if (!p || p.rosVersion !== 1) return undefined;
  return p.variables.get('ROS_MASTER_URI') || DEFAULT_MASTER;
}

/**
 * Polls the active ROS 1 profile's master and feeds the status bar. The poller restarts when the
 * master URI changes, polls at once on focus and on "Refresh", and slows down while unfocused.
 */
export class MasterMonitor implements vscode.Disposable {
  private poller: Poller<ProbeResult> | undefined;
  private uri: string | undefined;
  private stateValue: MasterState = { kind: 'no-profile' };
  /** What the status bar was last given (see showReach). */
  private shownReach: string | undefined;
  private readonly emitter = new vscode.EventEmitter<MasterState>();
  readonly onDidChangeState = this.emitter.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly profiles: ProfileService,
    private readonly statusBar: StatusBar,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions.push(
      this.emitter,
      profiles.onDidChange(() => this.update()),
      vscode.window.onDidChangeWindowState((w) => this.poller?.setFocused(w.focused)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(StatusSettings.intervalSeconds) || e.affectsConfiguration(StatusSettings.timeoutMs)) this.restart();
      }),
      vscode.commands.registerCommand(StatusCommands.refreshStatus, () => this.refresh()),
    );
    this.update();
  }

  get state(): MasterState {
    return this.stateValue;
  }

  refresh(): void {
    if (this.poller) this.poller.refreshNow();
    else this.update();
  }

  private config() {
    const c = vscode.workspace.getConfiguration();
    const interval = Math.max(0.5, Number(c.get<number>(StatusSettings.intervalSeconds, 3)) || 3);
    const timeout = Math.max(100, Number(c.get<number>(StatusSettings.timeoutMs, 2000)) || 2000);
    return { intervalMs: interval * 1000, timeoutMs: timeout };
  }

  private setState(next: MasterState): void {
    const viewChanged = !sameView(this.stateValue, next);
    this.stateValue = next;
    this.showReach();
    if (viewChanged) this.emitter.fire(next);
  }

  /**
   * Hands the status bar the reachability part, only when its text differs from what it shows:
   * a steady master costs no status bar work per poll (no tooltip rebuilt, nothing sent to the UI).
   */
  private showReach(): void {
    const next = this.stateValue;
    const p = this.profiles.active();
    const advertised = p?.variables.get('ROS_HOSTNAME') || p?.variables.get('ROS_IP') || undefined;
    const links =
      next.kind === 'no-profile' || next.kind === 'ros2'
        ? []
        : [`[Refresh](command:${StatusCommands.refreshStatus})`, `[Show Graph](command:${StatusCommands.showGraph})`];
    if (next.kind === 'unreachable') links.push(`[Run Network Doctor](command:rosNetwork.runDoctor)`);
    const reach = reachView(next, advertised);
    const key = reach
      ? `${reach.icon}\n${reach.suffix}\n${reach.tone}\n${reach.tooltipLines.join('\n')}\n${links.join('\n')}`
      : links.join('\n');
    if (key === this.shownReach) return;
    this.shownReach = key;
    this.statusBar.setReach(reach, links);
  }

  private restart(): void {
    this.uri = undefined;
    this.update();
  }

  private update(): void {
    const profile = this.profiles.active();
    const uri = masterUriOf(profile);
    if (uri === this.uri && this.poller) {
      // Same master: only the advertised address in the tooltip may have changed.
      this.showReach();
      return;
    }
    this.poller?.dispose();
    this.poller = undefined;
    this.uri = uri;
    if (!profile) return this.setState({ kind: 'no-profile' });
    if (!uri) return this.setState({ kind: 'ros2', domain: Number(profile.variables.get('ROS_DOMAIN_ID') || '0') });
    this.setState({ kind: 'checking', uri });
    const { intervalMs, timeoutMs } = this.config();
    this.log.info(`status: polling ${uri} every ${intervalMs / 1000} s (timeout ${timeoutMs} ms)`);
    const poller = new Poller<ProbeResult>({
      probe: (signal) => probeMaster(uri, { timeoutMs, signal }),
      ok: (r) => r.ok,
      backoff: slowFailure,
      intervalMs,
      timeoutMs: timeoutMs + 100,
      maxBackoffMs: Math.max(30_000, intervalMs),
      onResult: (r) => this.onResult(uri, r),
    });
    this.poller = poller;
    poller.setFocused(vscode.window.state.focused);
    poller.start();
  }

  private onResult(uri: string, r: ProbeResult): void {
    if (uri !== this.uri) return;
    const { state, transition } = nextMasterState(this.stateValue, r, Date.now());
    const wasKnown = this.stateValue.kind === 'reachable' || this.stateValue.kind === 'unreachable';
    if (!wasKnown || transition) {
      if (r.ok) this.log.info(`status: ${uri} is up (${r.counts.nodes} nodes, ${r.roundTripMs.toFixed(1)} ms)`);
      else this.log.warn(`status: ${uri} unreachable: ${r.kind}: ${r.message}`);
    }
    this.setState(state);
    if (transition && vscode.workspace.getConfiguration().get<boolean>(StatusSettings.notifyOnChange, false)) {
      const name = this.profiles.active()?.name ?? uri;
      if (transition === 'went-down' && !r.ok) {
        void vscode.window
          .showWarningMessage(`ROS master of '${name}' went down: ${r.message}`, 'Run Network Doctor', 'Show Log')
          .then((c) => {
            if (c === 'Show Log') void vscode.commands.executeCommand(Commands.showLog);
            else if (c) void vscode.commands.executeCommand('rosNetwork.runDoctor');
          });
      } else if (transition === 'came-up') void vscode.window.showInformationMessage(`ROS master of '${name}' is up again.`);
    }
  }

  dispose(): void {
    this.poller?.dispose();
    for (const d of this.subscriptions) d.dispose();
  }
}
