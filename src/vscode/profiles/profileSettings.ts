import * as vscode from 'vscode';
import { SECTION, Settings } from '../../ids';
import { mergeProfileScopes, parseProfiles, type ParsedProfiles } from '../../core/profiles/parseProfiles';
import type { Profile, ProfileInput, ProfileOrigin } from '../../core/profiles/profileSchema';
import {
  addProfileEdits,
  profilesInText,
  removeProfileEdits,
  setProfileFieldsEdits,
  type SettingsPath,
  type SettingsTextEdit,
} from '../../core/profiles/settingsTextEdits';
import { isDeepStrictEqual } from 'node:util';
import { readRegularFile } from '../../core/util/readRegularFile';
import * as path from 'node:path';

export type WritableScope = 'user' | 'workspace';

/**
 * How many profiles the first folder's .vscode/settings.json defines, read from its text: in
 * Restricted Mode VS Code hides workspace settings, and the view and the picker say why they are empty.
 */
export function profilesInWorkspaceFile(): number {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder || folder.uri.scheme !== 'file') return 0;
  // A regular file only: a FIFO there would block the extension host in readFileSync.
  const r = readRegularFile(path.join(folder.uri.fsPath, '.vscode', 'settings.json'));
  if (!r.ok) return 0;
  try {
    return profilesInText(r.text, [Settings.profiles])?.length ?? 0;
  } catch {
    return 0;
  }
}

/**
 * Typed facade over `rosNetwork.profiles`, and the one place that edits profiles. Each scope is read
 * with `inspect()` and validated profile by profile, so a broken profile never hides the others.
 * Writes edit the settings file's text (jsonc-parser) through a WorkspaceEdit when we can see the
 * file, so comments and formatting outside the edited entry survive; otherwise they fall back to the
 * configuration API, which rewrites the scope's array (invalid entries are kept verbatim either way).
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

  /**
   * @param userSettingsFile where user settings.json probably is (next to globalStorage). Used only
   *   when its text holds exactly what the configuration API reports for user settings.
   */
  constructor(private readonly userSettingsFile?: vscode.Uri) {
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

  /** The settings file of a scope and where the array sits in it, when it is a file we can edit. */
  private fileOf(scope: WritableScope): { uri: vscode.Uri; path: SettingsPath } | undefined {
    if (scope === 'user') return this.userSettingsFile && { uri: this.userSettingsFile, path: [Settings.profiles] };
    const wsFile = vscode.workspace.workspaceFile;
    if (wsFile) return wsFile.scheme === 'file' ? { uri: wsFile, path: ['settings', Settings.profiles] } : undefined;
    const folder = vscode.workspace.workspaceFolders?.[0];
    return folder && { uri: vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json'), path: [Settings.profiles] };
  }

  /**
   * Applies `compute`'s edits to the scope's settings file as text. Returns false (nothing written)
   * when the file is not there, does not parse, or does not hold what VS Code reads for that scope
   * (then the file we guessed is not the settings file, e.g. user settings of a VS Code profile).
   */
  private async editText(
    scope: WritableScope,
    compute: (text: string, path: SettingsPath) => SettingsTextEdit[] | undefined,
  ): Promise<boolean> {
    const file = this.fileOf(scope);
    if (!file) return false;
    let doc: vscode.TextDocument;
    try {
      doc = await vscode.workspace.openTextDocument(file.uri);
    } catch {
      return false;
    }
    const text = doc.getText();
    const inText = profilesInText(text, file.path);
    const configured = scope === 'user' ? this.inspect()?.globalValue : this.inspect()?.workspaceValue;
    if (!isDeepStrictEqual(inText, configured === undefined ? undefined : JSON.parse(JSON.stringify(configured)))) return false;
    const edits = compute(text, file.path);
    if (!edits) return false;
    const wasDirty = doc.isDirty;
    const we = new vscode.WorkspaceEdit();
    for (const e of edits) we.replace(doc.uri, new vscode.Range(doc.positionAt(e.offset), doc.positionAt(e.offset + e.length)), e.content);
    if (!(await vscode.workspace.applyEdit(we))) return false;
    // Saved only when it was saved before: unsaved edits of the user's stay theirs to save.
    if (!wasDirty) await doc.save();
    return true;
  }

  private inspect() {
    return vscode.workspace.getConfiguration(SECTION).inspect<unknown>('profiles');
  }

  async add(profile: ProfileInput, scope: WritableScope): Promise<void> {
    const info = this.inspect();
    const current = scope === 'user' ? info?.globalValue : info?.workspaceValue;
    if (current !== undefined && !Array.isArray(current)) {
      throw new Error(`${Settings.profiles} in ${scope} settings is not an array; fix it before adding profiles`);
    }
    if (await this.editText(scope, (text, path) => addProfileEdits(text, path, profile as Record<string, unknown>))) return;
    await this.writeScope(scope, [...this.rawScope(scope), profile]);
  }

  /** Removes the first entry named `name` from the scope a profile of that origin lives in. */
  async remove(name: string, origin: ProfileOrigin): Promise<boolean> {
    const scope: WritableScope = origin === 'user' ? 'user' : 'workspace';
    const raw = this.rawScope(scope);
    const i = raw.findIndex((p) => typeof p === 'object' && p !== null && (p as { name?: unknown }).name === name);
    if (i < 0) return false;
    if (await this.editText(scope, (text, path) => removeProfileEdits(text, path, name))) return true;
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
    const hadHostname = 'ROS_HOSTNAME' in entry;
    const fields = { ROS_IP: address, ROS_HOSTNAME: undefined };
    if (
      profile.origin !== 'workspaceFolder' &&
      (await this.editText(profile.origin, (t, p) => setProfileFieldsEdits(t, p, profile.name, fields)))
    )
      return { hadHostname };
    entry.ROS_IP = address;
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

  /**
   * Opens the settings file of a scope at the profiles setting. `edit` only when the scope has no
   * such setting yet: with it, VS Code inserts an empty line to type in even when the array exists.
   */
  async open(origin: ProfileOrigin = 'user'): Promise<void> {
    const command =
      origin === 'user'
        ? 'workbench.action.openSettingsJson'
        : origin === 'workspace'
          ? 'workbench.action.openWorkspaceSettingsFile'
          : 'workbench.action.openFolderSettingsFile';
    const info = this.inspect();
    const value = origin === 'user' ? info?.globalValue : origin === 'workspace' ? info?.workspaceValue : info?.workspaceFolderValue;
    try {
      await vscode.commands.executeCommand(command, { revealSetting: { key: Settings.profiles, edit: value === undefined } });
    } catch {
      await vscode.commands.executeCommand('workbench.action.openSettings', Settings.profiles);
    }
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}
