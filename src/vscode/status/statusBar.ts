import * as vscode from 'vscode';
import { BuiltinCommands, Commands } from '../../ids';
import {
  linkedCommands,
  sameModel,
  statusModel,
  tooltipMarkdown,
  type StatusCommandIds,
  type StatusModel,
} from '../../core/status/statusModel';
import type { ProfileService } from '../profiles/profileService';
import { settings } from '../settings';
import type { MasterMonitor } from './masterMonitor';
import type { Ros2LiveStatus } from '../ros2/ros2Live';
import type { LocalStatusFacts } from './localStatusFacts';
import type { VariableApproval } from '../profiles/variableApproval';

const IDS: StatusCommandIds = {
  switchProfile: Commands.switchProfile,
  showLog: Commands.showLog,
  refreshStatus: Commands.refreshStatus,
  showGraph: Commands.showGraph,
  runDoctor: Commands.runDoctor,
  manageTrust: BuiltinCommands.manageTrust,
  copyMasterUri: Commands.copyMasterUri,
  reviewVariables: Commands.reviewVariables,
};

/**
 * The status bar item: the snapshot's identity and its master's state, rendered from the core's
 * status model in one place, and sent to the UI only when the model changed.
 */
export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subscriptions: vscode.Disposable[] = [];
  private last: StatusModel | undefined;

  constructor(
    private readonly profiles: ProfileService,
    private readonly monitor: MasterMonitor,
    private readonly ros2: Ros2LiveStatus,
    private readonly localFacts?: LocalStatusFacts,
    private readonly approval?: VariableApproval,
  ) {
    this.item = vscode.window.createStatusBarItem('rosNetwork.status', vscode.StatusBarAlignment.Left, 50);
    this.item.name = 'ROS Network';
    this.item.command = Commands.switchProfile;
    this.subscriptions.push(
      this.item,
      profiles.onDidChange(() => this.render()),
      monitor.onDidChangeState(() => this.render()),
      ros2.onDidChange(() => this.render()),
      ...(localFacts ? [localFacts.onDidChange(() => this.render())] : []),
      ...(approval ? [approval.onDidChange(() => this.render())] : []),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (settings.statusBar.enabled.isAffectedBy(e)) this.render(true);
      }),
    );
    this.render();
  }

  get model(): StatusModel | undefined {
    return this.last;
  }

  private render(force = false): void {
    if (!settings.statusBar.enabled.get()) {
      this.item.hide();
      this.last = undefined;
      return;
    }
    const identity = this.profiles.snapshot.identity;
    // The monitor's state belongs to the master it polls; until it follows a new identity, show none.
    const master =
      this.monitor.state.kind !== 'no-profile' && 'uri' in this.monitor.state && this.monitor.state.uri === identity.masterUri
        ? this.monitor.state
        : undefined;
    const ros2 = identity.profile?.rosVersion === 2 ? this.ros2.live : undefined;
    const facts = this.localFacts?.current(identity.key);
    const denied = identity.profile && this.approval?.gate(identity.profile).state;
    const model = statusModel(
      {
        identity,
        ...(master ? { master } : {}),
        ...(ros2 ? { ros2 } : {}),
        ...(facts?.local.length ? { local: facts.local } : {}),
        ...(facts?.startup ? { startupConflict: facts.startup } : {}),
        ...(denied ? { denied } : {}),
      },
      IDS,
    );
    if (!force && sameModel(this.last, model)) return;
    this.last = model;
    this.item.text = model.text;
    const md = new vscode.MarkdownString(tooltipMarkdown(model), true);
    md.isTrusted = { enabledCommands: linkedCommands(model) };
    md.supportThemeIcons = true;
    this.item.tooltip = md;
    this.item.backgroundColor =
      model.tone === 'error'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : model.tone === 'warning'
          ? new vscode.ThemeColor('statusBarItem.warningBackground')
          : undefined;
    this.item.accessibilityInformation = { label: model.text.replace(/\$\([\w~-]+\)\s*/g, ''), role: 'button' };
    this.item.show();
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}
