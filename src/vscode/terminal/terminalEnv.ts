import * as vscode from 'vscode';
import {
  describePlan,
  diffEnv,
  isEmptyDiff,
  pinnedNames,
  planProfileEnv,
  planToEnv,
  type EnvPlan,
  type HostnameEvidence,
} from '../../core/env/envPlan';
import type { Profile } from '../../core/profiles/profileSchema';
import { isStartupFileName } from '../../core/env/startupFiles';
import type { ShellStartup } from './shellStartup';
import { Commands } from '../../ids';
import { settings } from '../settings';
import type { ProfileScope, ProfileService } from '../profiles/profileService';
import { terminalKind, type TerminalKind } from './terminalKind';
import { plural } from '../../core/text/plural';
import { sanitizeForDisplay } from '../../core/text/sanitize';
import { classifyProfile } from '../../core/env/variableClass';
import type { GatedProfile, VariableApproval } from '../profiles/variableApproval';

const MUTATOR_OPTIONS: vscode.EnvironmentVariableMutatorOptions = { applyAtProcessCreation: true, applyAtShellIntegration: true };

/**
 * Owns the terminal environment collection. Values are applied at process creation and again after
 * shell integration, so a ~/.bashrc exporting its own ROS_MASTER_URI does not win. Mutators are
 * written only when a value really changes: every write makes VS Code flag open terminals as stale.
 */
export class TerminalEnv implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Process ids of task terminals seen since activation: relaunching one would run its task again. */
  private readonly taskPids = new Set<number>();
  private identityKey: string;

  constructor(
    private readonly collection: vscode.GlobalEnvironmentVariableCollection,
    private readonly profiles: ProfileService,
    private readonly log: vscode.LogOutputChannel,
    private readonly startup?: ShellStartup,
    private readonly approval?: VariableApproval,
  ) {
    this.identityKey = profiles.snapshot.identity.key;
    this.subscriptions.push(
      vscode.workspace.onDidSaveTextDocument((d) => {
        if (this.startup && d.uri.scheme === 'file' && isStartupFileName(d.uri.fsPath)) {
          this.startup.invalidate();
          this.sync();
        }
      }),
      vscode.commands.registerCommand(Commands.relaunchTerminals, () => this.relaunchAll()),
      vscode.tasks.onDidStartTaskProcess((e) => e.processId !== undefined && this.taskPids.add(e.processId)),
      profiles.onDidChange((snapshot) => {
        // A switch reads the start-up files again: they may have been edited outside VS Code since.
        // LocalStatusFacts subscribes after us and reads the same fresh scan.
        if (snapshot.identity.key !== this.identityKey) {
          this.identityKey = snapshot.identity.key;
          this.startup?.invalidate();
        }
        this.sync();
      }),
      ...(approval ? [approval.onDidChange(() => this.sync())] : []),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (settings.terminal.enabled.isAffectedBy(e)) this.sync();
      }),
    );
  }

  private enabled(): boolean {
    return settings.terminal.enabled.get();
  }

  /** Brings every scope's collection in line with its active profile. Returns true if anything changed. */
  sync(): boolean {
    let changed = false;
    let description: string | undefined;
    const scopes = this.profiles.snapshot.scopes;
    const scoped = scopes.some((s) => s.folder);
    for (const scope of scopes) {
      const profile = this.enabled() ? scope.identity.profile : undefined;
      const gated = profile && this.gate(profile);
      const plan = gated && this.planOf(gated.profile);
      const collection = scope.folder ? this.collection.getScoped({ workspaceFolder: scope.folder }) : this.collection;
      changed = this.apply(collection, plan, scope, gated) || changed;
      if (profile) this.approval?.askOnce(profile);
      description ??= plan && describePlan(plan);
    }
    // In multi-root windows only folder-scoped mutators are used; clear window-level leftovers.
    if (scoped) changed = this.apply(this.collection, undefined) || changed;
    if (changed) void this.offerRelaunch(description);
    return changed;
  }

  private gate(profile: Profile): GatedProfile {
    return this.approval ? this.approval.gate(profile) : { profile, denied: [] };
  }

  /**
   * What terminals get from the profile: without its deny-by-default variables while a workspace
   * profile's are not allowed, with the evidence for pinning ROS_HOSTNAME.
   */
  plan(profile: Profile): EnvPlan {
    return this.planOf(this.gate(profile).profile);
  }

  /** The profile's plan with the evidence for pinning ROS_HOSTNAME, gathered only when the profile has ROS_IP alone. */
  private planOf(profile: Profile): EnvPlan {
    const v = profile.variables;
    if (!v.has('ROS_IP') || v.has('ROS_HOSTNAME')) return planProfileEnv(profile);
    let evidence: HostnameEvidence;
    try {
      evidence = this.startup ? this.startup.hostnameEvidence() : { startup: ['(shell start-up files not checked)'] };
    } catch (e) {
      this.log.warn(`shell start-up files could not be read: ${String(e)}`);
      evidence = { startup: ['(shell start-up files could not be read)'] };
    }
    return planProfileEnv(profile, evidence);
  }

  private apply(
    collection: vscode.EnvironmentVariableCollection,
    plan: EnvPlan | undefined,
    scope?: ProfileScope,
    gated?: GatedProfile,
  ): boolean {
    const current = new Map<string, string>();
    let optionsDiffer = false;
    collection.forEach((name, m) => {
      current.set(name, m.value);
      if (
        m.type !== vscode.EnvironmentVariableMutatorType.Replace ||
        !m.options?.applyAtShellIntegration ||
        m.options.applyAtProcessCreation === false
      )
        optionsDiffer = true;
    });
    const next = plan ? planToEnv(plan) : new Map<string, string>();
    // Markers for tools run in the terminal (`rosnet doctor` says what was pinned and why).
    if (plan) {
      next.set('ROSNET_PROFILE', plan.profileName);
      const pinned = pinnedNames(plan);
      if (pinned.length) next.set('ROSNET_PINNED', pinned.join(','));
      // What the profile gave the terminal: `rosnet doctor` there reports a variable changed since.
      next.set('ROSNET_SET', JSON.stringify(Object.fromEntries(planToEnv(plan))));
    }
    const diff = diffEnv(current, next);
    const withheld = gated?.state === 'withheld' ? gated.denied.map((v) => v.name) : [];
    const description = plan
      ? describePlan(plan) + (withheld.length ? `; withholds ${withheld.join(', ')} until you allow them (they can run code)` : '')
      : undefined;
    const where = scope?.folder ? ` [folder ${scope.folder.name}]` : '';
    if (collection.description !== description) collection.description = description;
    if (isEmptyDiff(diff) && !optionsDiffer) {
      this.log.debug(`terminal env${where}: unchanged (${plan ? `profile '${plan.profileName}'` : 'no profile'})`);
      return false;
    }
    if (optionsDiffer) {
      for (const [k, v] of next) collection.replace(k, v, MUTATOR_OPTIONS);
      for (const k of diff.remove) collection.delete(k);
    } else {
      for (const [k, v] of diff.replace) collection.replace(k, v, MUTATOR_OPTIONS);
      for (const k of diff.remove) collection.delete(k);
    }
    if (plan) {
      this.log.info(
        `terminal env${where}: profile '${plan.profileName}' → ${plan.entries.map((e) => `${e.name}=${e.kind === 'blanked' ? '(cleared)' : e.value}`).join(' ')}`,
      );
      for (const e of plan.entries) if (e.reason) this.log.info(`  ${e.name}: ${e.reason}`);
      if (gated) this.logClasses(gated);
    } else {
      this.log.info(
        `terminal env${where}: no profile (${scope?.identity.resolution.kind ?? 'none'}); terminals get the inherited environment`,
      );
    }
    return true;
  }

  /** The log names the variables that are not ROS's, and what became of the deny-by-default ones. */
  private logClasses(gated: GatedProfile): void {
    const show = (v: { name: string; value?: string }) => `${v.name}=${sanitizeForDisplay(v.value ?? '(cleared)')}`;
    const other = classifyProfile(gated.profile).filter((v) => v.kind === 'other');
    if (other.length) this.log.info(`  extra variables (not ROS's): ${other.map(show).join(' ')}`);
    const denied = gated.denied.map(show).join(' ');
    switch (gated.state) {
      case 'withheld':
        this.log.warn(
          `  withheld until you allow them: ${denied} (deny-by-default: set by workspace settings, they can make terminals run other code; ROS Network: Review Workspace Profile Variables…)`,
        );
        break;
      case 'allowed':
        this.log.info(`  deny-by-default, allowed in this workspace: ${denied}`);
        break;
      case 'user':
        this.log.info(`  deny-by-default, applied without asking: ${denied} (the profile is from your user settings, which are your own)`);
        break;
    }
  }

  private async offerRelaunch(description: string | undefined): Promise<void> {
    const { shells, tasks } = await this.classify();
    if (shells.length === 0 && tasks.length === 0) return;
    if (!settings.terminal.offerRelaunch.get()) return;
    const what = (list: readonly vscode.Terminal[]) => list.map((t) => `'${t.name}'`).join(', ');
    const taskNote = tasks.length ? ` Task terminals (${what(tasks)}) are not relaunched: tasks get the profile on their next run.` : '';
    const head = description ?? 'ROS Network profile deactivated';
    if (shells.length === 0) {
      void vscode.window.showInformationMessage(sanitizeForDisplay(`${head}.${taskNote}`));
      return;
    }
    const msg = `${head}. ${plural(shells.length, 'open terminal')} (${what(shells)}) ${shells.length > 1 ? 'keep' : 'keeps'} the previous environment.${taskNote}`;
    const choice = await vscode.window.showInformationMessage(sanitizeForDisplay(msg), 'Relaunch Terminals', "Don't Ask Again");
    if (choice === 'Relaunch Terminals') await vscode.commands.executeCommand(Commands.relaunchTerminals);
    else if (choice === "Don't Ask Again") await settings.terminal.offerRelaunch.update(false, vscode.ConfigurationTarget.Global);
  }

  /** Open terminals by kind (see terminalKind): only 'shell' ones are ever relaunched. */
  private async classify(): Promise<Record<'shells' | 'tasks' | 'others', vscode.Terminal[]>> {
    const out: Record<'shells' | 'tasks' | 'others', vscode.Terminal[]> = { shells: [], tasks: [], others: [] };
    const key: Record<TerminalKind, keyof typeof out> = { shell: 'shells', task: 'tasks', other: 'others' };
    for (const t of vscode.window.terminals) {
      const o = t.creationOptions as Partial<vscode.TerminalOptions & vscode.ExtensionTerminalOptions>;
      // processId resolves once the process is up; a terminal that never reports one is not a task we saw.
      const pid = await Promise.race([t.processId, new Promise<undefined>((r) => setTimeout(() => r(undefined), 300))]);
      const kind = terminalKind({
        name: t.name,
        shellPath: o.shellPath,
        shellArgs: o.shellArgs,
        extensionPty: o.pty !== undefined,
        hideFromUser: o.hideFromUser === true,
        taskProcess: pid !== undefined && this.taskPids.has(pid),
      });
      out[key[kind]].push(t);
    }
    return out;
  }

  /** The variables currently written for the window (or a folder): what new terminals get from us. */
  injected(folder?: vscode.WorkspaceFolder): Record<string, string> {
    const out: Record<string, string> = {};
    const c = folder ? this.collection.getScoped({ workspaceFolder: folder }) : this.collection;
    c.forEach((name, m) => (out[name] = m.value));
    return out;
  }

  /** Relaunches the shell terminals the user opened (never task terminals) so they pick up the current profile. */
  async relaunchAll(): Promise<number> {
    const { shells, tasks, others } = await this.classify();
    for (const t of shells) {
      // The relaunch command acts on the active terminal, and show() activates it asynchronously:
      // without the wait it relaunched whatever was active (e.g. a task terminal), not the shell.
      if (await activate(t)) await vscode.commands.executeCommand('workbench.action.terminal.relaunch');
      else this.log.warn(`could not make terminal '${t.name}' active to relaunch it`);
    }
    const names = (list: readonly vscode.Terminal[]) => list.map((t) => `'${t.name}'`).join(', ');
    this.log.info(
      `relaunched ${plural(shells.length, 'terminal')}${shells.length ? ` (${names(shells)})` : ''}` +
        (tasks.length ? `; not relaunched: ${plural(tasks.length, 'task terminal')} (${names(tasks)})` : '') +
        (others.length ? `; left alone: ${plural(others.length, 'extension or program terminal')} (${names(others)})` : ''),
    );
    if (tasks.length)
      void vscode.window.showInformationMessage(
        `ROS Network: relaunched ${plural(shells.length, 'terminal')}. ${plural(tasks.length, 'task terminal')} (${names(tasks)}) ${tasks.length > 1 ? 'were' : 'was'} not relaunched: tasks get the profile on their next run.`,
      );
    return shells.length;
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}

/** Shows a terminal and waits until it is the active one (false after 3 s). */
async function activate(t: vscode.Terminal): Promise<boolean> {
  if (vscode.window.activeTerminal === t) return true;
  const active = new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => done(false), 3000);
    const sub = vscode.window.onDidChangeActiveTerminal((a) => a === t && done(true));
    const done = (ok: boolean) => {
      clearTimeout(timer);
      sub.dispose();
      resolve(ok);
    };
  });
  t.show(true);
  return (await active) || vscode.window.activeTerminal === t;
}
