import * as vscode from 'vscode';
import { Commands, Settings } from '../../ids';
import { renderStatus, type ReachView, type StatusView } from '../../core/status/statusView';
import type { ProfileService } from '../profiles/profileService';

/**
 * The status bar item: the active profile, and (through `setReach`) its master's reachability.
 * Rendered in one place, and only re-rendered when what it shows changes.
 */
export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subscriptions: vscode.Disposable[] = [];
  private reach: ReachView | undefined;
  private extraLinks: string[] = [];
  private last: StatusView | undefined;

  constructor(private readonly profiles: ProfileService) {
    this.item = vscode.window.createStatusBarItem('rosNetwork.status', vscode.StatusBarAlignment.Left, 50);
    this.item.name = 'ROS Network';
    this.item.command = Commands.switchProfile;
    this.subscriptions.push(
      this.item,
      profiles.onDidChange(() => this.render()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(Settings.statusBarEnabled)) this.render();
      }),
    );
    this.render();
  }

  /** Reachability slot, filled by the master poller (undefined = not probed). */
  setReach(reach: ReachView | undefined, extraLinks: string[] = []): void {
    this.reach = reach;
    this.extraLinks = extraLinks;
    this.render();
  }

  get view(): StatusView | undefined {
    return this.last;
  }

  render(): void {
    const enabled = vscode.workspace.getConfiguration().get<boolean>(Settings.statusBarEnabled, true) !== false;
    if (!enabled) {
      this.item.hide();
      return;
    }
    const resolution = this.profiles.resolve(this.profiles.primaryFolder());
    const view = renderStatus(
      resolution,
      { switchProfile: Commands.switchProfile, showLog: Commands.showLog, extra: this.extraLinks },
      resolution.kind === 'active' ? this.reach : undefined,
    );
    if (this.last && this.last.text === view.text && this.last.tooltip === view.tooltip && this.last.tone === view.tone) return;
    this.last = view;
    this.item.text = view.text;
    const md = new vscode.MarkdownString(view.tooltip, true);
    md.isTrusted = {
      enabledCommands: [
        ...Object.values(Commands),
        'workbench.trust.manage',
        ...this.extraLinks.map((l) => /command:([\w.]+)/.exec(l)?.[1] ?? '').filter(Boolean),
      ],
    };
    md.supportThemeIcons = true;
    this.item.tooltip = md;
    this.item.backgroundColor =
      view.tone === 'error'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : view.tone === 'warning'
          ? new vscode.ThemeColor('statusBarItem.warningBackground')
          : undefined;
    this.item.accessibilityInformation = { label: view.text.replace(/\$\([\w~-]+\)\s*/g, ''), role: 'button' };
    this.item.show();
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}
