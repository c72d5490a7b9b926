import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import { BuiltinCommands, Commands } from '../../ids';
import { LazyBundle } from '../lazyBundle';
import type * as DoctorBundle from '../../bundles/doctor';
import type { DoctorReport, FixAction } from '../../core/doctor/types';
import type { Profile } from '../../core/profiles/profileSchema';
import type { EnvPlan } from '../../core/env/envPlan';
import type { ProfileService } from '../profiles/profileService';
import type { ProfileSettings } from '../profiles/profileSettings';
import { settings } from '../settings';
import { renderDoctorHtml } from '../../core/doctor/doctorHtml';
import { sanitizeForDisplay } from '../../core/text/sanitize';

type DoctorCore = typeof DoctorBundle;

/** Messages the webview may send; anything else is ignored. */
type PanelMessage = { type: 'rerun' } | { type: 'copy' } | { type: 'fix'; index: number };

function parseMessage(m: unknown): PanelMessage | undefined {
  if (typeof m !== 'object' || m === null) return undefined;
  const t = (m as { type?: unknown }).type;
  if (t === 'rerun' || t === 'copy') return { type: t };
  const i = (m as { index?: unknown }).index;
  if (t === 'fix' && typeof i === 'number' && Number.isInteger(i) && i >= 0) return { type: 'fix', index: i };
  return undefined;
}

/**
 * "Run Network Doctor": runs the doctor core (dist/doctor.js, loaded on first use so activation
 * stays light) on the active profile, shows the grouped report in a webview, applies
 * "Use <address> as ROS_IP" to the profile in the settings scope it was defined in.
 */
export class DoctorPanel implements vscode.Disposable {
  private readonly core: LazyBundle<DoctorCore>;
  private panel: vscode.WebviewPanel | undefined;
  private report: DoctorReport | undefined;
  private profile: Profile | undefined;
  private running: Promise<DoctorReport | undefined> | undefined;
  private lastRefusal: string | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly reportEmitter = new vscode.EventEmitter<DoctorReport>();
  /** A run finished with a report (not refused, not failed). */
  readonly onDidReport = this.reportEmitter.event;

  constructor(
    bundlePath: string,
    private readonly profiles: ProfileService,
    private readonly profileSettings: ProfileSettings,
    private readonly log: vscode.LogOutputChannel,
    /** What terminals of a profile get (pinned and cleared variables included): the report says it. */
    private readonly terminalPlan: (p: Profile) => EnvPlan,
  ) {
    this.core = new LazyBundle<DoctorCore>(bundlePath, 'doctor', log);
    this.subscriptions.push(
      this.reportEmitter,
      vscode.commands.registerCommand(Commands.runDoctor, () => this.run()),
    );
  }

  /** Why the last run was refused (a workspace profile in Restricted Mode), as the warning said. */
  get refusal(): string | undefined {
    return this.lastRefusal;
  }

  /** Runs the doctor and shows the panel; resolves with the report (undefined when it could not run). */
  run(): Promise<DoctorReport | undefined> {
    this.running ??= this.doRun().finally(() => (this.running = undefined));
    return this.running;
  }

  private async doRun(): Promise<DoctorReport | undefined> {
    const resolution = this.profiles.snapshot.identity.resolution;
    if (resolution.kind === 'untrusted' || (resolution.kind === 'missing' && resolution.restricted)) {
      const name = resolution.kind === 'untrusted' ? resolution.profile.name : resolution.name;
      // A workspace profile names the hosts the doctor connects to and the address it binds; an
      // untrusted repository must not be able to make VS Code probe the network on open.
      const why = `ROS Network Doctor does not run profile '${name}' in Restricted Mode: it comes from this workspace's settings, and the doctor would connect to the hosts it names. Trust the workspace to run it.`;
      this.lastRefusal = why;
      this.log.warn(why);
      // Not awaited: the command ends now; the user's answer only opens the trust editor.
      void vscode.window
        .showWarningMessage(sanitizeForDisplay(why), 'Manage Workspace Trust')
        .then((choice) => choice && vscode.commands.executeCommand(BuiltinCommands.manageTrust));
      return undefined;
    }
    this.lastRefusal = undefined;
    this.profile = resolution.kind === 'active' ? resolution.profile : undefined;
    const panel = this.showPanel();
    this.render(panel, undefined, 'Running the checks…');
    try {
      const core = this.core.get();
      const input = this.profile
        ? core.inputFromProfile(this.profile, process.env.ROS_DISTRO, this.terminalPlan(this.profile).entries)
        : core.inputFromEnvironment(process.env);
      const timeoutMs = settings.status.timeoutMs.get();
      const report = await core.runDoctor(input, core.nodeDeps(), { timeoutMs });
      this.report = report;
      this.log.info(
        `doctor: ${report.verdict} (${report.summary.error} errors, ${report.summary.warning} warnings) in ${report.durationMs} ms`,
      );
      if (this.panel === panel) this.render(panel, report);
      this.reportEmitter.fire(report);
      return report;
    } catch (e) {
      this.log.error(`doctor failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      if (this.panel === panel) this.render(panel, undefined, `The doctor could not run: ${String(e)}. See the log.`);
      return undefined;
    }
  }

  private showPanel(): vscode.WebviewPanel {
    if (this.panel) {
      this.panel.reveal(undefined, true);
      return this.panel;
    }
    const panel = vscode.window.createWebviewPanel(
      'rosNetwork.doctor',
      'ROS Network Doctor',
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [] },
    );
    this.panel = panel;
    panel.onDidDispose(() => (this.panel = undefined), undefined, this.subscriptions);
    panel.webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m), undefined, this.subscriptions);
    return panel;
  }

  private render(panel: vscode.WebviewPanel, report: DoctorReport | undefined, status?: string): void {
    panel.webview.html = renderDoctorHtml(
      report,
      { cspSource: panel.webview.cspSource, nonce: randomBytes(16).toString('base64'), canApplyFixes: this.profile !== undefined },
      status,
    );
  }

  private async onMessage(raw: unknown): Promise<void> {
    const m = parseMessage(raw);
    if (!m) return;
    if (m.type === 'rerun') await this.run();
    else if (m.type === 'copy') await this.copyMarkdown();
    else await this.applyFix(m.index);
  }

  async copyMarkdown(): Promise<string | undefined> {
    if (!this.report) return undefined;
    const md = this.core.get().renderMarkdown(this.report);
    await vscode.env.clipboard.writeText(md);
    // A notification, not the status bar: the panel covers the editor and the status bar text went unseen.
    void vscode.window.showInformationMessage(
      `ROS Network: doctor report copied as Markdown (${md.split('\n').length} lines). Paste it into a bug report or chat.`,
    );
    return md;
  }

  /** Applies the fix of the report's check at `index` (or with that id); re-runs the doctor after. */
  async applyFix(which: number | string): Promise<boolean> {
    const check = typeof which === 'number' ? this.report?.checks[which] : this.report?.checks.find((c) => c.id === which);
    const action = check?.fix?.action;
    if (!action || !this.profile) return false;
    // The edit reaches the settings (and so the snapshot the re-run reads) after the file is
    // written: re-run once the snapshot changed, or after a few seconds at most.
    const changed = new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        sub.dispose();
        resolve();
      };
      const sub = this.profiles.onDidChange(done);
      const timer = setTimeout(done, 5000);
    });
    await this.apply(this.profile, action);
    await changed;
    void this.run();
    return true;
  }

  private async apply(profile: Profile, action: FixAction): Promise<void> {
    const folder = profile.origin === 'workspaceFolder' ? this.profiles.snapshot.folder : undefined;
    const { hadHostname } = await this.profileSettings.setRosIp(profile, action.address, folder);
    this.log.info(
      `doctor fix: profile '${profile.name}' ROS_IP=${action.address}${hadHostname ? ' (ROS_HOSTNAME removed: it would win over ROS_IP)' : ''}`,
    );
    void vscode.window.showInformationMessage(
      `Profile '${sanitizeForDisplay(profile.name)}' now advertises ROS_IP=${action.address}${hadHostname ? ' (ROS_HOSTNAME removed, it would take precedence)' : ''}. Restart ROS nodes (and relaunch terminals) to use it.`,
    );
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.subscriptions) d.dispose();
  }
}
