import * as vscode from 'vscode';
import { ContextKeys } from '../../ids';
import type { ProfileService } from '../profiles/profileService';
import type { MasterMonitor } from '../status/masterMonitor';
import type { Ros2LiveStatus } from '../ros2/ros2Live';
import type { LintDiagnostics } from '../lint/lintDiagnostics';
import type { DoctorPanel } from '../doctor/doctorPanel';
import { settings } from '../settings';

type StepKey = 'terminalWithProfile' | 'statusChecked' | 'fileLinted' | 'doctorRan';

/**
 * Sets the context keys the getting-started walkthrough's steps complete on, each when the thing
 * really happened (a terminal opened with a profile injected, a status known, a file linted, a
 * doctor report), never on a mere command invocation that might have been cancelled or refused.
 * The other steps use `rosNetwork.hasProfiles` / `hasActiveProfile`, set by the composition root.
 */
export class WalkthroughProgress implements vscode.Disposable {
  private readonly done = new Set<StepKey>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(deps: {
    profiles: ProfileService;
    monitor: MasterMonitor;
    ros2: Ros2LiveStatus;
    lint: LintDiagnostics;
    doctor: DoctorPanel;
  }) {
    const { profiles, monitor, ros2, lint, doctor } = deps;
    const statusKnown = () => {
      const identity = profiles.snapshot.identity;
      if (!identity.profile) return;
      const s = monitor.state;
      if (identity.profile.rosVersion === 1 ? s.kind === 'reachable' || s.kind === 'unreachable' : ros2.live !== undefined)
        this.mark('statusChecked');
    };
    this.subscriptions.push(
      vscode.window.onDidOpenTerminal(() => {
        if (profiles.snapshot.identity.profile && settings.terminal.enabled.get()) this.mark('terminalWithProfile');
      }),
      monitor.onDidChangeState(statusKnown),
      ros2.onDidChange(statusKnown),
      lint.onDidLint(() => this.mark('fileLinted')),
      doctor.onDidReport(() => this.mark('doctorRan')),
    );
    statusKnown();
  }

  /** The steps completed in this window (for tests; VS Code itself keeps the walkthrough's state). */
  completed(): StepKey[] {
    return [...this.done];
  }

  private mark(key: StepKey): void {
    if (this.done.has(key)) return;
    this.done.add(key);
    void vscode.commands.executeCommand('setContext', ContextKeys[key], true);
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}
