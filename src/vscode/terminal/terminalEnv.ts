import * as vscode from 'vscode';
import { describePlan, diffEnv, isEmptyDiff, planProfileEnv, planToEnv, type EnvPlan } from '../../core/env/envPlan';
import { Commands } from '../../ids';
import { settings } from '../settings';
import type { ProfileScope, ProfileService } from '../profiles/profileService';

const MUTATOR_OPTIONS: vscode.EnvironmentVariableMutatorOptions = { applyAtProcessCreation: true, applyAtShellIntegration: true };

/**
 * Owns the terminal environment collection. Values are applied at process creation and again after
 * shell integration, so a ~/.bashrc exporting its own ROS_MASTER_URI does not win. Mutators are
 * written only when a value really changes: every write makes VS Code flag open terminals as stale.
 */
export class TerminalEnv implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly collection: vscode.GlobalEnvironmentVariableCollection,
    private readonly profiles: ProfileService,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions.push(
      vscode.commands.registerCommand(Commands.relaunchTerminals, () => this.relaunchAll()),
      profiles.onDidChange(() => this.sync()),
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
      const plan = this.enabled() && scope.identity.profile ? planProfileEnv(scope.identity.profile) : undefined;
      const collection = scope.folder ? this.collection.getScoped({ workspaceFolder: scope.folder }) : this.collection;
      changed = this.apply(collection, plan, scope) || changed;
      description ??= plan && describePlan(plan);
    }
    // In multi-root windows only folder-scoped mutators are used; clear window-level leftovers.
    if (scoped) changed = this.apply(this.collection, undefined) || changed;
    if (changed) void this.offerRelaunch(description);
    return changed;
  }

  private apply(collection: vscode.EnvironmentVariableCollection, plan: EnvPlan | undefined, scope?: ProfileScope): boolean {
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
    const diff = diffEnv(current, next);
    const description = plan ? describePlan(plan) : undefined;
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
    } else {
      this.log.info(
        `terminal env${where}: no profile (${scope?.identity.resolution.kind ?? 'none'}); terminals get the inherited environment`,
      );
    }
    return true;
  }

  private async offerRelaunch(description: string | undefined): Promise<void> {
    const open = vscode.window.terminals.filter(
      (t) => !('creationOptions' in t && (t.creationOptions as vscode.TerminalOptions).hideFromUser),
    );
    if (open.length === 0) return;
    if (!settings.terminal.offerRelaunch.get()) return;
    const msg = `${description ?? 'ROS Network profile deactivated'}. ${open.length} open terminal${open.length > 1 ? 's keep' : ' keeps'} the previous environment.`;
    const choice = await vscode.window.showInformationMessage(msg, 'Relaunch Terminals', "Don't Ask Again");
    if (choice === 'Relaunch Terminals') await vscode.commands.executeCommand(Commands.relaunchTerminals);
    else if (choice === "Don't Ask Again") await settings.terminal.offerRelaunch.update(false, vscode.ConfigurationTarget.Global);
  }

  /** The variables currently written for the window (or a folder): what new terminals get from us. */
  injected(folder?: vscode.WorkspaceFolder): Record<string, string> {
    const out: Record<string, string> = {};
    const c = folder ? this.collection.getScoped({ workspaceFolder: folder }) : this.collection;
    c.forEach((name, m) => (out[name] = m.value));
    return out;
  }

  /** Relaunches every open terminal so it picks up the current profile. */
  async relaunchAll(): Promise<number> {
    const terminals = [...vscode.window.terminals];
    for (const t of terminals) {
      t.show(true);
      await vscode.commands.executeCommand('workbench.action.terminal.relaunch');
    }
    this.log.info(`relaunched ${terminals.length} terminal(s)`);
    return terminals.length;
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}
