import * as vscode from 'vscode';
import { StateKeys } from '../../ids';

/**
 * Which profile is active, per workspace (and per folder in multi-root windows). Kept in
 * workspaceState so it survives reloads and never edits a file the team commits.
 */
export class ActiveProfileStore implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;

  constructor(private readonly state: vscode.Memento) {}

  get(folder?: vscode.WorkspaceFolder): string | undefined {
    if (folder) {
      const perFolder = this.folderMap()[folder.uri.toString()];
      if (perFolder !== undefined) return perFolder === null ? undefined : perFolder;
    }
    const v = this.state.get<unknown>(StateKeys.activeProfile);
    return typeof v === 'string' ? v : undefined;
  }

  /** Sets the window's profile and drops per-folder choices (they would otherwise shadow it). */
  async set(name: string | undefined): Promise<void> {
    await this.state.update(StateKeys.activeProfile, name);
    await this.state.update(StateKeys.folderProfiles, undefined);
    this.emitter.fire();
  }

  /** Per-folder choice in multi-root windows; `null` = explicitly no profile for that folder. */
  async setForFolder(folder: vscode.WorkspaceFolder, name: string | null): Promise<void> {
    await this.state.update(StateKeys.folderProfiles, { ...this.folderMap(), [folder.uri.toString()]: name });
    this.emitter.fire();
  }

  private folderMap(): Record<string, string | null> {
    const v = this.state.get<unknown>(StateKeys.folderProfiles);
    return typeof v === 'object' && v !== null ? (v as Record<string, string | null>) : {};
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
