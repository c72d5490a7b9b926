import * as vscode from 'vscode';
import { identityOf, type NetworkIdentity } from '../../core/profiles/networkIdentity';
import { resolveActiveProfile, type ActiveResolution } from '../../core/profiles/resolveActive';
import type { ParsedProfiles } from '../../core/profiles/parseProfiles';
import type { ActiveProfileStore } from './activeProfileStore';
import type { ProfileSettings } from './profileSettings';

/** One environment scope: the whole window, or one folder of a multi-root workspace. */
export interface ProfileScope {
  readonly folder?: vscode.WorkspaceFolder;
  readonly identity: NetworkIdentity;
}

/**
 * Everything the extension's consumers know about the network identity, as one immutable value:
 * the primary folder (the active editor's, else the first) with its identity and visible profiles,
 * the scopes terminals are injected per, and workspace trust.
 */
export interface ProfileSnapshot {
  readonly trusted: boolean;
  readonly folder?: vscode.WorkspaceFolder;
  /** The primary folder's identity: what the status bar, the poller, the view and the doctor follow. */
  readonly identity: NetworkIdentity;
  /** The profiles visible in the primary folder (valid ones, and the problems of the others); validated on first call. */
  profiles(): ParsedProfiles;
  /** Changes whenever the profile settings change, even when no identity does (the view lists them all). */
  readonly settingsGeneration: number;
  /** Scopes to inject: one per folder in multi-root windows, else the window. */
  readonly scopes: readonly ProfileScope[];
}

/** The identity a document is linted and hovered against: its folder's scope, else the primary one. */
export function scopeFor(snapshot: ProfileSnapshot, uri: vscode.Uri): NetworkIdentity {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const scope = folder && snapshot.scopes.find((s) => s.folder?.uri.toString() === folder.uri.toString());
  return scope?.identity ?? snapshot.identity;
}

function snapshotKey(s: ProfileSnapshot): string {
  return JSON.stringify([
    s.settingsGeneration,
    s.trusted,
    s.folder?.uri.toString() ?? null,
    s.identity.key,
    s.scopes.map((c) => [c.folder?.uri.toString() ?? null, c.identity.key]),
  ]);
}

/**
 * Publishes the snapshot: recomputed on settings, trust, the stored choice, workspace folders and
 * the active editor (which picks the primary folder), and fired only when it really changed.
 */
export class ProfileService implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ProfileSnapshot>();
  /** Fires with the new snapshot when what it says changed (not on every editor switch or settings write). */
  readonly onDidChange = this.emitter.event;
  private readonly subscriptions: vscode.Disposable[];
  private current: ProfileSnapshot;
  private currentKey: string;

  constructor(
    private readonly settings: ProfileSettings,
    private readonly store: ActiveProfileStore,
  ) {
    this.current = this.compute();
    this.currentKey = snapshotKey(this.current);
    const recompute = () => this.recompute();
    this.subscriptions = [
      this.emitter,
      settings.onDidChange(recompute),
      store.onDidChange(recompute),
      vscode.workspace.onDidGrantWorkspaceTrust(recompute),
      vscode.workspace.onDidChangeWorkspaceFolders(recompute),
      vscode.window.onDidChangeActiveTextEditor(recompute),
    ];
  }

  get snapshot(): ProfileSnapshot {
    return this.current;
  }

  private recompute(): void {
    const next = this.compute();
    const key = snapshotKey(next);
    if (key === this.currentKey) return;
    this.current = next;
    this.currentKey = key;
    this.emitter.fire(next);
  }

  private compute(): ProfileSnapshot {
    const trusted = vscode.workspace.isTrusted;
    const folders = vscode.workspace.workspaceFolders ?? [];
    const editorUri = vscode.window.activeTextEditor?.document.uri;
    const folder = (editorUri && vscode.workspace.getWorkspaceFolder(editorUri)) ?? folders[0];
    const identity = identityOf(this.resolve(folder, trusted));
    const scopes: ProfileScope[] =
      folders.length > 1
        ? folders.map((f) => ({ folder: f, identity: f === folder ? identity : identityOf(this.resolve(f, trusted)) }))
        : [{ identity }];
    const settings = this.settings;
    return {
      trusted,
      ...(folder ? { folder } : {}),
      identity,
      profiles: () => settings.read(folder),
      settingsGeneration: settings.generation,
      scopes,
    };
  }

  private resolve(folder: vscode.WorkspaceFolder | undefined, trusted: boolean): ActiveResolution {
    const name = this.store.get(folder);
    // No profile chosen: nothing to look up (and at startup, no profile to validate yet).
    if (name === undefined) return { kind: 'none' };
    return resolveActiveProfile(this.settings.read(folder).profiles, name, trusted);
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}
