import * as vscode from 'vscode';
import * as path from 'node:path';
import { StateKeys } from '../../ids';
import type { Profile } from '../../core/profiles/profileSchema';
import {
  approvalKey,
  approvalPrompt,
  deniedVariables,
  isWorkspaceOrigin,
  withoutDenied,
  type ClassifiedVariable,
} from '../../core/env/variableClass';
import type { DeniedState } from '../../core/status/statusModel';
import { sanitizeForDisplay } from '../../core/text/sanitize';

const ALLOW = 'Allow in This Workspace';
const REVOKE = 'Stop Applying Them';

/** The settings file a workspace profile comes from, as the user would look for it. */
function settingsFileOf(profile: Profile): string | undefined {
  if (profile.origin === 'workspaceFolder') return '.vscode/settings.json of a folder';
  if (profile.origin !== 'workspace') return undefined;
  const ws = vscode.workspace.workspaceFile;
  return ws && ws.scheme !== 'untitled' ? path.basename(ws.path) : '.vscode/settings.json';
}

/** What terminals may get of a profile now. */
export interface GatedProfile {
  /** The profile to inject: without its denied variables until they are allowed. */
  readonly profile: Profile;
  readonly denied: readonly ClassifiedVariable[];
  /** Undefined for a profile without deny-by-default variables. */
  readonly state?: DeniedState;
}

/**
 * The one-time confirmation for workspace profiles that set deny-by-default variables (PATH,
 * LD_PRELOAD, BASH_ENV…): a repository's .vscode/settings.json must not choose what every terminal
 * runs without the user seeing it. Approvals live in workspaceState keyed by the exact names and
 * values, so a changed value asks again. The user's own settings are never asked about.
 */
export class VariableApproval implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  /** Keys asked about in this window: a dismissed confirmation is not shown again on every sync. */
  private readonly asked = new Set<string>();
  private lastPromptValue: { message: string; detail: string } | undefined;
  private prompts = 0;

  constructor(
    private readonly state: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  private allowedKeys(): string[] {
    const v = this.state.get<unknown>(StateKeys.allowedVariables);
    return Array.isArray(v) ? v.filter((k): k is string => typeof k === 'string') : [];
  }

  gate(profile: Profile): GatedProfile {
    const denied = deniedVariables(profile);
    if (denied.length === 0) return { profile, denied };
    if (!isWorkspaceOrigin(profile.origin)) return { profile, denied, state: 'user' };
    if (this.allowedKeys().includes(approvalKey(denied))) return { profile, denied, state: 'allowed' };
    return { profile: withoutDenied(profile), denied, state: 'withheld' };
  }

  /** Asks once per window for a withheld profile (terminal sync calls this on every change). */
  askOnce(profile: Profile): void {
    const g = this.gate(profile);
    if (g.state !== 'withheld') return;
    const key = approvalKey(g.denied);
    if (this.asked.has(key)) return;
    this.asked.add(key);
    void this.confirm(profile);
  }

  /** Shows the modal confirmation; true when the user allowed the variables. */
  async confirm(profile: Profile): Promise<boolean> {
    const g = this.gate(profile);
    if (g.state === 'allowed') return this.offerRevoke(profile, g.denied);
    if (g.state !== 'withheld') return false;
    const prompt = approvalPrompt(profile, g.denied, settingsFileOf(profile));
    const shown = { message: sanitizeForDisplay(prompt.message), detail: prompt.detail.split('\n').map(sanitizeForDisplay).join('\n') };
    this.lastPromptValue = shown;
    this.prompts++;
    this.log.info(
      `asking whether to allow ${g.denied.map((v) => v.name).join(', ')} of workspace profile '${sanitizeForDisplay(profile.name)}'`,
    );
    const choice = await vscode.window.showWarningMessage(shown.message, { modal: true, detail: shown.detail }, ALLOW);
    if (choice !== ALLOW) {
      this.log.info(
        `not allowed: terminals get '${sanitizeForDisplay(profile.name)}' without ${g.denied.map((v) => v.name).join(', ')} (ROS Network: Review Workspace Profile Variables… asks again)`,
      );
      return false;
    }
    await this.allow(profile);
    return true;
  }

  /** Records the approval of the profile's current denied names and values (what the modal's button does). */
  async allow(profile: Profile): Promise<void> {
    const denied = deniedVariables(profile);
    if (denied.length === 0) return;
    const key = approvalKey(denied);
    const keys = this.allowedKeys();
    if (!keys.includes(key)) await this.state.update(StateKeys.allowedVariables, [...keys, key]);
    this.log.info(
      `allowed in this workspace: ${denied.map((v) => `${v.name}=${sanitizeForDisplay(v.value ?? '(cleared)')}`).join(' ')} of profile '${sanitizeForDisplay(profile.name)}'`,
    );
    this.emitter.fire();
  }

  private async offerRevoke(profile: Profile, denied: readonly ClassifiedVariable[]): Promise<boolean> {
    const names = denied.map((v) => v.name).join(', ');
    const choice = await vscode.window.showInformationMessage(
      sanitizeForDisplay(`Terminals get ${names} from the workspace profile '${profile.name}' (you allowed them in this workspace).`),
      { modal: true },
      REVOKE,
    );
    if (choice !== REVOKE) return true;
    const key = approvalKey(denied);
    await this.state.update(
      StateKeys.allowedVariables,
      this.allowedKeys().filter((k) => k !== key),
    );
    this.log.info(`no longer applied: ${names} of profile '${sanitizeForDisplay(profile.name)}'`);
    this.emitter.fire();
    return false;
  }

  /** The last confirmation shown (for the host tests: what the user was asked) and how many were shown. */
  get lastPrompt(): { message: string; detail: string; count: number } | undefined {
    return this.lastPromptValue && { ...this.lastPromptValue, count: this.prompts };
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
