import * as vscode from 'vscode';
import { SECTION, Settings } from '../../ids';
import { mergeProfileScopes, parseProfiles, type ParsedProfiles } from '../../core/profiles/parseProfiles';
import type { Profile, ProfileInput, ProfileOrigin } from '../../core/profiles/profileSchema';

export type WritableScope = 'user' | 'workspace';

/**
 * Typed facade over `rosNetwork.profiles`. Each scope is read with `inspect()` and validated profile
 * by profile, so a broken profile never hides the others, and writes touch only one scope's array
 * (invalid entries the user is still editing are preserved verbatim).
 */
export class ProfileSettings implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  /**
   * Parsed profiles per folder (key: folder URI, '' for the window), until the settings change.
   * The status bar, the poller's tooltip, the terminal env and the view all ask on every update;
   * validating every profile with zod each time was most of activation and of a poll's CPU.
   */
  private readonly cache = new Map<string, ParsedProfiles>();
  private generationValue = 0;

  constructor() {
    const changed = () => {
      this.cache.clear();
      this.generationValue++;
      this.emitter.fire();
    };
    this.subscriptions.push(
      this.emitter,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(Settings.profiles)) changed();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(changed),
      vscode.workspace.onDidChangeWorkspaceFolders(changed),
    );
  }

  /** Incremented on every change of the profile settings (or of what they are read against). */
  get generation(): number {
    return this.generationValue;
  }

  /** Profiles visible for a folder (or the window): user, then workspace, then folder scope. */
  read(folder?: vscode.WorkspaceFolder): ParsedProfiles {
    const key = folder?.uri.toString() ?? '';
    let parsed = this.cache.get(key);
    if (!parsed) {
      parsed = this.readUncached(folder);
      this.cache.set(key, parsed);
    }
    return parsed;
  }

  private readUncached(folder?: vscode.WorkspaceFolder): ParsedProfiles {
    let info: ReturnType<vscode.WorkspaceConfiguration['inspect']>;
    try {
      info = vscode.workspace.getConfiguration(SECTION, folder?.uri).inspect<unknown>('profiles');
    } catch (e) {
      return { profiles: [], problems: [{ origin: 'user', path: Settings.profiles, message: `cannot be read: ${String(e)}` }] };
    }
    const scopes: ParsedProfiles[] = [parseProfiles(info?.globalValue, 'user'), parseProfiles(info?.workspaceValue, 'workspace')];
    if (folder && (vscode.workspace.workspaceFolders?.length ?? 0) > 1)
      scopes.push(parseProfiles(info?.workspaceFolderValue, 'workspaceFolder'));
    return mergeProfileScopes(scopes);
  }

  /** Raw array of one scope, untouched (may contain invalid entries). */
  private rawScope(scope: WritableScope): unknown[] {
    const info = vscode.workspace.getConfiguration(SECTION).inspect<unknown>('profiles');
    const v = scope === 'user' ? info?.globalValue : info?.workspaceValue;
    return Array.isArray(v) ? [...v] : [];
  }

  private async writeScope(scope: WritableScope, value: unknown[]): Promise<void> {
    const target = scope === 'user' ? vscode.ConfigurationTarget.Global : vscode.ConfigurationTarget.Workspace;
    await vscode.workspace.getConfiguration(SECTION).update('profiles', value, target);
  }

  async add(profile: ProfileInput, scope: WritableScope): Promise<void> {
    const info = vscode.workspace.getConfiguration(SECTION).inspect<unknown>('profiles');
    const current = scope === 'user' ? info?.globalValue : info?.workspaceValue;
    if (current !== undefined && !Array.isArray(current)) {
      throw new Error(`${Settings.profiles} in ${scope} settings is not an array; fix it before adding profiles`);
    }
    await this.writeScope(scope, [...this.rawScope(scope), profile]);
  }

  /** Removes the first entry named `name` from the scope a profile of that origin lives in. */
  async remove(name: string, origin: ProfileOrigin): Promise<boolean> {
    const scope: WritableScope = origin === 'user' ? 'user' : 'workspace';
    const raw = this.rawScope(scope);
    const i = raw.findIndex((p) => typeof p === 'object' && p !== null && (p as { name?: unknown }).name === name);
    if (i < 0) return false;
    raw.splice(i, 1);
    await this.writeScope(scope, raw);
    return true;
  }

  /**
   * The doctor's "Use <address> as ROS_IP": sets ROS_IP on the profile in the scope it is defined
   * in and removes ROS_HOSTNAME, which would win over it and make the fix a no-op.
   */
  async setRosIp(profile: Profile, address: string, folder?: vscode.WorkspaceFolder): Promise<{ hadHostname: boolean }> {
    const config = vscode.workspace.getConfiguration(SECTION, folder?.uri);
    const info = config.inspect<unknown>('profiles');
    const [value, target] =
      profile.origin === 'user'
        ? [info?.globalValue, vscode.ConfigurationTarget.Global]
        : profile.origin === 'workspace'
          ? [info?.workspaceValue, vscode.ConfigurationTarget.Workspace]
          : [info?.workspaceFolderValue, vscode.ConfigurationTarget.WorkspaceFolder];
    const list = Array.isArray(value) ? structuredClone(value as unknown[]) : [];
    const entry = list.find(
      (p): p is Record<string, unknown> => typeof p === 'object' && p !== null && (p as { name?: unknown }).name === profile.name,
    );
    if (!entry) throw new Error(`profile '${profile.name}' is no longer in the ${profile.origin} settings`);
    entry.ROS_IP = address;
    const hadHostname = 'ROS_HOSTNAME' in entry;
    delete entry.ROS_HOSTNAME;
    await config.update('profiles', list, target);
    return { hadHostname };
  }

  /** The raw entry of a profile, to duplicate it with all the fields the user wrote. */
  rawEntry(name: string, origin: ProfileOrigin): Record<string, unknown> | undefined {
    const raw = this.rawScope(origin === 'user' ? 'user' : 'workspace');
    const e = raw.find((p) => typeof p === 'object' && p !== null && (p as { name?: unknown }).name === name);
    return e ? structuredClone(e as Record<string, unknown>) : undefined;
  }

  /** Opens the settings file of a scope with the profiles setting revealed. */
  async open(origin: ProfileOrigin = 'user'): Promise<void> {
    const command =
      origin === 'user'
        ? 'workbench.action.openSettingsJson'
        : origin === 'workspace'
          ? 'workbench.action.openWorkspaceSettingsFile'
          : 'workbench.action.openFolderSettingsFile';
    try {
      await vscode.commands.executeCommand(command, { revealSetting: { key: Settings.profiles, edit: true } });
    } catch {
      await vscode.commands.executeCommand('workbench.action.openSettings', Settings.profiles);
    }
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}
