import * as vscode from 'vscode';
import { Commands } from '../../ids';
import type { ProbeResult } from '../../core/probe/masterProbe';
import { masterPollerOptions } from '../../core/probe/masterPoller';
import { Poller } from '../../core/probe/poller';
import { nextMasterState, sameView, type MasterState } from '../../core/status/masterStatus';
import type { ProfileService } from '../profiles/profileService';
import { settings } from '../settings';
import { countsText } from '../../core/text/graphCounts';

/**
 * Polls the master of the snapshot's ROS 1 identity. The poller restarts when the master URI
 * changes, polls at once on focus and on "Refresh", and slows down while unfocused; the state
 * event fires only when what the status bar shows would change.
 */
export class MasterMonitor implements vscode.Disposable {
  private poller: Poller<ProbeResult> | undefined;
  private uri: string | undefined;
  private stateValue: MasterState = { kind: 'no-profile' };
  private readonly emitter = new vscode.EventEmitter<MasterState>();
  readonly onDidChangeState = this.emitter.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly profiles: ProfileService,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions.push(
      this.emitter,
      profiles.onDidChange(() => this.update()),
      vscode.window.onDidChangeWindowState((w) => this.poller?.setFocused(w.focused)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (settings.status.intervalSeconds.isAffectedBy(e) || settings.status.timeoutMs.isAffectedBy(e)) this.restart();
      }),
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

  private setState(next: MasterState): void {
    const viewChanged = !sameView(this.stateValue, next);
    this.stateValue = next;
    if (viewChanged) this.emitter.fire(next);
  }

  private restart(): void {
    this.uri = undefined;
    this.update();
  }

  private update(): void {
    const { identity } = this.profiles.snapshot;
    const uri = identity.masterUri;
    if (uri === this.uri && this.poller) return;
    this.poller?.dispose();
    this.poller = undefined;
    this.uri = uri;
    if (!identity.profile) return this.setState({ kind: 'no-profile' });
    if (!uri) return this.setState({ kind: 'ros2', domain: identity.domain ?? 0 });
    this.setState({ kind: 'checking', uri });
    const intervalMs = settings.status.intervalSeconds.get() * 1000;
    const timeoutMs = settings.status.timeoutMs.get();
    this.log.info(`status: polling ${uri} every ${intervalMs / 1000} s (timeout ${timeoutMs} ms)`);
    const poller = new Poller<ProbeResult>(masterPollerOptions({ uri, intervalMs, timeoutMs, onResult: (r) => this.onResult(uri, r) }));
    this.poller = poller;
    poller.setFocused(vscode.window.state.focused);
    poller.start();
  }

  private onResult(uri: string, r: ProbeResult): void {
    if (uri !== this.uri) return;
    const { state, transition } = nextMasterState(this.stateValue, r, Date.now());
    const wasKnown = this.stateValue.kind === 'reachable' || this.stateValue.kind === 'unreachable';
    if (!wasKnown || transition) {
      if (r.ok) this.log.info(`status: ${uri} is up (${countsText(r.counts)}, ${r.roundTripMs.toFixed(1)} ms)`);
      else this.log.warn(`status: ${uri} unreachable: ${r.kind}: ${r.message}`);
    }
    this.setState(state);
    if (transition && settings.status.notifyOnChange.get()) {
      const name = this.profiles.snapshot.identity.profile?.name ?? uri;
      if (transition === 'went-down' && !r.ok) {
        void vscode.window
          .showWarningMessage(`ROS master of '${name}' went down: ${r.message}`, 'Run Network Doctor', 'Show Log')
          .then((c) => {
            if (c === 'Show Log') void vscode.commands.executeCommand(Commands.showLog);
            else if (c) void vscode.commands.executeCommand(Commands.runDoctor);
          });
      } else if (transition === 'came-up') void vscode.window.showInformationMessage(`ROS master of '${name}' is up again.`);
    }
  }

  dispose(): void {
    this.poller?.dispose();
    for (const d of this.subscriptions) d.dispose();
  }
}
