import * as vscode from 'vscode';
import { resolveActiveProfile, type ActiveResolution } from '../../core/profiles/resolveActive';
import type { ParsedProfiles } from '../../core/profiles/parseProfiles';
import type { Profile } from '../../core/profiles/profileSchema';
import type { ActiveProfileStore } from './activeProfileStore';
import type { ProfileSettings } from './profileSettings';

/** One environment scope: the whole window, or one folder of a multi-root workspace. */
export interface ProfileScope {
  readonly folder?: vscode.WorkspaceFolder;
  readonly resolution: ActiveResolution;
}

/**
 * The active profile(s) as the rest of the extension sees them: settings + the stored choice +
 * workspace trust, recomputed whenever one of them changes.
 */
export class ProfileService implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    readonly settings: ProfileSettings,
    readonly store: ActiveProfileStore,
  ) {
    this.subscriptions = [this.emitter, settings.onDidChange(() => this.emitter.fire()), store.onDidChange(() => this.emitter.fire())];
  }

  get trusted(): boolean {
    return vscode.workspace.isTrusted;
  }

  get multiRoot(): boolean {
    return (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
  }

  profiles(folder?: vscode.WorkspaceFolder): ParsedProfiles {
    return this.settings.read(folder);
  }

  resolve(folder?: vscode.WorkspaceFolder): ActiveResolution {
    const name = this.store.get(folder);
    // No profile chosen: nothing to look up (and at startup, no profile to validate yet).
    if (name === undefined) return { kind: 'none' };
    return resolveActiveProfile(this.settings.read(folder).profiles, name, this.trusted);
  }

  /** The window-level profile (the one the status bar and probes follow). */
  active(): Profile | undefined {
    const r = this.resolve(this.primaryFolder());
    return r.kind === 'active' ? r.profile : undefined;
  }

  /** Scopes to inject: one per folder in multi-root windows, else the window. */
  scopes(): ProfileScope[] {
    if (!this.multiRoot) return [{ resolution: this.resolve(this.primaryFolder()) }];
    return (vscode.workspace.workspaceFolders ?? []).map((folder) => ({ folder, resolution: this.resolve(folder) }));
  }

  primaryFolder(): vscode.WorkspaceFolder | undefined {
    const editorUri = vscode.window.activeTextEditor?.document.uri;
    return (editorUri && vscode.workspace.getWorkspaceFolder(editorUri)) ?? vscode.workspace.workspaceFolders?.[0];
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}
