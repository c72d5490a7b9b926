import * as vscode from 'vscode';
import { Commands } from '../../ids';
import { profileSummary } from '../../core/profiles/resolveActive';
import { profileSchema, DISCOVERY_RANGES, type Profile, type ProfileInput } from '../../core/profiles/profileSchema';
import { fieldError as rawFieldError } from '../../core/profiles/fieldError';
import { profileFromDotenv, profileFromEnvironment, type ImportResult } from '../../core/profiles/importProfile';
import { planProfileEnv } from '../../core/env/envPlan';
import { EXPORT_FORMATS, renderExport } from '../../core/env/exportFormats';
import { assessDomain, DEFAULT_EPHEMERAL, nearestSafeDomain, targetOsOf } from '../../core/ros/domain';
import type { ProfileService } from './profileService';
import type { ProfileSettings, WritableScope } from './profileSettings';
import type { ActiveProfileStore } from './activeProfileStore';

interface ProfileItem extends vscode.QuickPickItem {
  readonly profile?: Profile;
}

const ORIGIN_LABEL = { user: 'User', workspace: 'Workspace', workspaceFolder: 'Folder' } as const;

function fieldError(key: keyof ProfileInput, value: unknown): string | undefined {
  const e = rawFieldError(key, value);
  return e && `${String(key)} ${e}`;
}

/** Registers the profile commands (palette category "ROS Network"). */
export function registerProfileCommands(deps: {
  profiles: ProfileService;
  profileSettings: ProfileSettings;
  store: ActiveProfileStore;
  log: vscode.LogOutputChannel;
}): vscode.Disposable {
  const { profiles, profileSettings, store, log } = deps;

  function items(active?: string): ProfileItem[] {
    const trusted = profiles.snapshot.trusted;
    return profiles.snapshot.profiles().profiles.map((p) => {
      const locked = p.origin !== 'user' && !trusted;
      return {
        label: `${p.name === active ? '$(check) ' : ''}${locked ? '$(shield) ' : ''}${p.name}`,
        description: `ROS ${p.rosVersion} · ${ORIGIN_LABEL[p.origin]}${locked ? ' · needs workspace trust' : ''}`,
        detail: profileSummary(p),
        profile: p,
      };
    });
  }

  async function pickProfile(placeHolder: string): Promise<Profile | undefined> {
    const list = items(profiles.snapshot.identity.profile?.name);
    if (list.length === 0) {
      const c = await vscode.window.showInformationMessage(
        'ROS Network: no profiles defined yet.',
        'Create Profile',
        'Import From Environment',
      );
      if (c === 'Create Profile') await vscode.commands.executeCommand(Commands.createProfile);
      else if (c) await vscode.commands.executeCommand(Commands.importFromEnvironment);
      return undefined;
    }
    return (await vscode.window.showQuickPick(list, { placeHolder, matchOnDescription: true, matchOnDetail: true }))?.profile;
  }

  async function activate(name: string | undefined): Promise<void> {
    if (profiles.snapshot.scopes.length > 1 && name !== undefined) {
      const folders = vscode.workspace.workspaceFolders ?? [];
      const pick = await vscode.window.showQuickPick(
        [
          { label: 'All folders', folder: undefined as vscode.WorkspaceFolder | undefined },
          ...folders.map((f) => ({ label: f.name, description: f.uri.fsPath, folder: f })),
        ],
        { placeHolder: `Use '${name}' for…` },
      );
      if (!pick) return;
      if (pick.folder) {
        await store.setForFolder(pick.folder, name);
        log.info(`active profile for folder ${pick.folder.name}: ${name}`);
        return;
      }
    }
    await store.set(name);
    log.info(name === undefined ? 'profile deactivated' : `active profile: ${name}`);
  }

  async function switchProfile(nameArg?: unknown): Promise<void> {
    // With a name (tree view click, keybinding args) there is nothing to ask.
    if (typeof nameArg === 'string') {
      const target = profiles.snapshot.profiles().profiles.find((p) => p.name === nameArg);
      if (!target) throw new Error(`no profile named '${nameArg}'`);
      if (target.origin !== 'user' && !profiles.snapshot.trusted)
        throw new Error(`profile '${nameArg}' comes from workspace settings; trust the workspace to use it`);
      await store.set(nameArg);
      log.info(`active profile: ${nameArg}`);
      return;
    }
    const active = profiles.snapshot.identity.profile?.name;
    const list: ProfileItem[] = items(active);
    const extra: ProfileItem[] = [
      { label: '', kind: vscode.QuickPickItemKind.Separator },
      ...(active ? [{ label: '$(circle-slash) Deactivate', detail: 'Terminals get the inherited environment again' }] : []),
      { label: '$(add) Create Profile…' },
      { label: '$(cloud-download) Import From Current Environment…' },
    ];
    const pick = await vscode.window.showQuickPick([...list, ...extra], {
      placeHolder: active ? `Active: ${active}. Switch to…` : 'Select a ROS network profile',
      matchOnDetail: true,
    });
    if (!pick) return;
    if (pick.profile) {
      if (pick.profile.origin !== 'user' && !profiles.snapshot.trusted) {
        const c = await vscode.window.showWarningMessage(
          `Profile '${pick.profile.name}' comes from this workspace's settings. It is not applied to terminals until you trust the workspace.`,
          'Manage Workspace Trust',
          'Select Anyway',
        );
        if (c === 'Manage Workspace Trust') await vscode.commands.executeCommand('workbench.trust.manage');
        if (c !== 'Select Anyway') return;
      }
      await activate(pick.profile.name);
    } else if (pick.label.includes('Deactivate')) await activate(undefined);
    else if (pick.label.includes('Create')) await vscode.commands.executeCommand(Commands.createProfile);
    else if (pick.label.includes('Import')) await vscode.commands.executeCommand(Commands.importFromEnvironment);
  }

  async function askScope(): Promise<WritableScope | undefined> {
    const ws = (vscode.workspace.workspaceFolders?.length ?? 0) > 0;
    if (!ws) return 'user';
    const pick = await vscode.window.showQuickPick(
      [
        { label: 'User settings', description: 'available in every workspace', scope: 'user' as const },
        { label: 'Workspace settings', description: 'shared with the team in .vscode/settings.json', scope: 'workspace' as const },
      ],
      { placeHolder: 'Where should the profile be saved?' },
    );
    return pick?.scope;
  }

  async function input(
    title: string,
    step: number,
    total: number,
    opts: {
      prompt: string;
      value?: string;
      placeHolder?: string;
      validate: (v: string) => string | undefined | vscode.InputBoxValidationMessage;
    },
  ): Promise<string | undefined> {
    return vscode.window.showInputBox({
      title: `${title} (${step}/${total})`,
      prompt: opts.prompt,
      value: opts.value,
      placeHolder: opts.placeHolder,
      ignoreFocusOut: true,
      validateInput: opts.validate,
    });
  }

  async function createProfile(): Promise<void> {
    const title = 'Create ROS Network Profile';
    const existing = new Set(profiles.snapshot.profiles().profiles.map((p) => p.name));
    const name = await input(title, 1, 4, {
      prompt: 'Profile name',
      placeHolder: 'e.g. hal (lab network)',
      validate: (v) => (existing.has(v.trim()) ? `A profile named '${v.trim()}' already exists` : fieldError('name', v)),
    });
    if (name === undefined) return;
    const version = await vscode.window.showQuickPick(
      [
        { label: 'ROS 1', description: 'ROS_MASTER_URI + ROS_IP/ROS_HOSTNAME', v: 1 as const },
        { label: 'ROS 2', description: 'ROS_DOMAIN_ID + DDS discovery', v: 2 as const },
      ],
      { title: `${title} (2/4)`, placeHolder: 'ROS version', ignoreFocusOut: true },
    );
    if (!version) return;
    const profile: Record<string, unknown> = { name: name.trim(), rosVersion: version.v };
    if (version.v === 1) {
      const uri = await input(title, 3, 4, {
        prompt: 'ROS_MASTER_URI: the master every machine uses',
        value: 'http://localhost:11311',
        validate: (v) => fieldError('ROS_MASTER_URI', v),
      });
      if (uri === undefined) return;
      profile.ROS_MASTER_URI = uri;
      const adv = await vscode.window.showQuickPick(
        [
          { label: 'ROS_IP', description: 'advertise a literal IP address of this machine', key: 'ROS_IP' as const },
          { label: 'ROS_HOSTNAME', description: 'advertise a name every other machine can resolve', key: 'ROS_HOSTNAME' as const },
          { label: 'Neither', description: "nodes advertise this machine's hostname", key: undefined },
        ],
        { title: `${title} (4/4)`, placeHolder: 'How do other machines reach this one?', ignoreFocusOut: true },
      );
      if (!adv) return;
      if (adv.key) {
        const value = await input(title, 4, 4, { prompt: adv.key, validate: (v) => fieldError(adv.key!, v) });
        if (value === undefined) return;
        profile[adv.key] = value;
      }
    } else {
      const domain = await input(title, 3, 4, {
        prompt: 'ROS_DOMAIN_ID (0–232; 0–101 avoids the OS ephemeral ports)',
        value: '0',
        validate: (v) => {
          const err = fieldError('ROS_DOMAIN_ID', v);
          if (err) return err;
          const a = assessDomain(Number(v), DEFAULT_EPHEMERAL[targetOsOf(process.platform)]);
          if (!a.safe)
            return {
              message: `Domain ${v} uses ports ${a.firstPort}+ inside the OS ephemeral range; ${nearestSafeDomain(Number(v), a.ephemeral)} is the nearest safe ID`,
              severity: vscode.InputBoxValidationSeverity.Warning,
            };
          return undefined;
        },
      });
      if (domain === undefined) return;
      profile.ROS_DOMAIN_ID = Number(domain);
      const range = await vscode.window.showQuickPick(
        [
          { label: '(default)', description: 'SUBNET on Iron and later', value: undefined },
          ...DISCOVERY_RANGES.map((r) => ({ label: r, value: r as string | undefined })),
        ],
        { title: `${title} (4/4)`, placeHolder: 'ROS_AUTOMATIC_DISCOVERY_RANGE', ignoreFocusOut: true },
      );
      if (!range) return;
      if (range.value) profile.ROS_AUTOMATIC_DISCOVERY_RANGE = range.value;
    }
    const scope = await askScope();
    if (!scope) return;
    await saveAndActivate(profile as ProfileInput, scope);
  }

  async function saveAndActivate(profile: ProfileInput, scope: WritableScope): Promise<void> {
    const check = profileSchema().safeParse(profile);
    if (!check.success) {
      void vscode.window.showErrorMessage(
        `ROS Network: cannot save the profile: ${check.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
      );
      return;
    }
    try {
      await profileSettings.add(profile, scope);
    } catch (e) {
      void vscode.window
        .showErrorMessage(`ROS Network: ${e instanceof Error ? e.message : String(e)}`, 'Open Settings')
        .then((c) => c && profileSettings.open(scope));
      return;
    }
    log.info(`saved profile '${profile.name}' to ${scope} settings`);
    await store.set(profile.name);
    void vscode.window.showInformationMessage(`ROS Network: profile '${profile.name}' saved and active.`);
  }

  async function duplicateProfile(): Promise<void> {
    const p = await pickProfile('Profile to duplicate');
    if (!p) return;
    const existing = new Set(profiles.snapshot.profiles().profiles.map((x) => x.name));
    let suggestion = `${p.name} copy`;
    for (let i = 2; existing.has(suggestion); i++) suggestion = `${p.name} copy ${i}`;
    const name = await vscode.window.showInputBox({
      prompt: `Name of the copy of '${p.name}'`,
      value: suggestion,
      validateInput: (v) => (existing.has(v.trim()) ? `A profile named '${v.trim()}' already exists` : fieldError('name', v)),
    });
    if (name === undefined) return;
    const raw = profileSettings.rawEntry(p.name, p.origin) ?? {};
    const scope: WritableScope = p.origin === 'user' ? 'user' : 'workspace';
    await saveAndActivate({ ...(raw as ProfileInput), name: name.trim() }, scope);
  }

  async function deleteProfile(): Promise<void> {
    const p = await pickProfile('Profile to delete');
    if (!p) return;
    const where = p.origin === 'user' ? 'user settings' : 'workspace settings';
    const ok = await vscode.window.showWarningMessage(
      `Delete profile '${p.name}' from ${where}?`,
      { modal: true, detail: profileSummary(p) },
      'Delete',
    );
    if (ok !== 'Delete') return;
    if (profiles.snapshot.identity.profile?.name === p.name) await store.set(undefined);
    const removed = await profileSettings.remove(p.name, p.origin);
    log.info(removed ? `deleted profile '${p.name}' from ${where}` : `profile '${p.name}' not found in ${where}`);
  }

  async function importFromEnvironment(): Promise<void> {
    const source = await vscode.window.showQuickPick(
      [
        { label: '$(terminal) Environment VS Code was started with', description: 'ROS_* / RMW_* variables of this window', id: 'env' },
        { label: '$(file) A .env file…', description: 'KEY=value lines', id: 'file' },
      ],
      { placeHolder: 'Import a profile from…' },
    );
    if (!source) return;
    let result: (name: string) => ImportResult;
    let defaultName: string;
    if (source.id === 'env') {
      result = (n) => profileFromEnvironment(n, process.env);
      defaultName = 'imported';
    } else {
      const files = await vscode.workspace.findFiles('{**/.env,**/*.env,**/.env.*}', '**/node_modules/**', 200);
      let uri: vscode.Uri | undefined;
      if (files.length) {
        const pick = await vscode.window.showQuickPick(
          [
            ...files.map((f) => ({ label: vscode.workspace.asRelativePath(f), uri: f as vscode.Uri | undefined })),
            { label: 'Browse…', uri: undefined },
          ],
          { placeHolder: '.env file' },
        );
        if (!pick) return;
        uri = pick.uri;
      }
      if (!uri) uri = (await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Import' }))?.[0];
      if (!uri) return;
      const bytes = await vscode.workspace.fs.readFile(uri);
      if (bytes.byteLength > 1_000_000) {
        void vscode.window.showErrorMessage(`ROS Network: ${vscode.workspace.asRelativePath(uri)} is larger than 1 MB; not a .env file?`);
        return;
      }
      const text = new TextDecoder('utf-8').decode(bytes);
      result = (n) => profileFromDotenv(n, text);
      defaultName = uri.path.split('/').pop()!.replace(/^\./, '') || 'imported';
    }
    const preview = result(defaultName);
    if (preview.imported.length === 0) {
      void vscode.window.showWarningMessage(
        `ROS Network: no ROS variables found to import${preview.skipped.length ? ` (skipped: ${preview.skipped.map((s) => `${s.name} ${s.reason}`).join('; ')})` : ''}.`,
      );
      return;
    }
    const existing = new Set(profiles.snapshot.profiles().profiles.map((x) => x.name));
    const name = await vscode.window.showInputBox({
      prompt: `Name for the profile with ${preview.imported.join(', ')}`,
      value: defaultName,
      validateInput: (v) => (existing.has(v.trim()) ? `A profile named '${v.trim()}' already exists` : fieldError('name', v)),
    });
    if (name === undefined) return;
    const r = result(name.trim());
    for (const s of r.skipped) log.warn(`import: skipped ${s.name}: ${s.reason}`);
    if (r.skipped.length)
      void vscode.window.showWarningMessage(`ROS Network: skipped ${r.skipped.map((s) => `${s.name} (${s.reason})`).join('; ')}`);
    const scope = await askScope();
    if (!scope) return;
    await saveAndActivate(r.profile, scope);
  }

  async function copyProfileAs(formatArg?: unknown): Promise<string | undefined> {
    const p = profiles.snapshot.identity.profile ?? (await pickProfile('Profile to copy'));
    if (!p) return undefined;
    // A format argument (from a keybinding or another extension) skips the question.
    const given = EXPORT_FORMATS.find((f) => f.id === formatArg);
    const format =
      given ??
      (await vscode.window.showQuickPick(
        EXPORT_FORMATS.map((f) => ({ label: f.label, detail: f.detail, id: f.id })),
        { placeHolder: `Copy '${p.name}' as…` },
      ));
    if (!format) return undefined;
    const text = renderExport(planProfileEnv(p), format.id);
    await vscode.env.clipboard.writeText(text);
    // Not awaited: the command is done once the clipboard is written, whether or not the toast is dismissed.
    void vscode.window
      .showInformationMessage(`ROS Network: '${p.name}' copied as ${format.label.toLowerCase()}.`, 'Open in Editor')
      .then(async (c) => {
        if (c)
          await vscode.window.showTextDocument(
            await vscode.workspace.openTextDocument({
              content: text,
              language: format.id === 'compose' ? 'yaml' : format.id === 'dotenv' ? 'dotenv' : 'shellscript',
            }),
          );
      });
    return text;
  }

  const reg = (id: string, fn: (...args: unknown[]) => Promise<unknown> | unknown) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await fn(...args);
      } catch (e) {
        log.error(`${id} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        void vscode.window
          .showErrorMessage(`ROS Network: ${e instanceof Error ? e.message : String(e)}`, 'Show Log')
          .then((c) => c && log.show());
      }
    });

  return vscode.Disposable.from(
    reg(Commands.switchProfile, switchProfile),
    reg(Commands.createProfile, createProfile),
    reg(Commands.editProfiles, () => profileSettings.open(profiles.snapshot.identity.profile?.origin ?? 'user')),
    reg(Commands.duplicateProfile, duplicateProfile),
    reg(Commands.deleteProfile, deleteProfile),
    reg(Commands.deactivateProfile, () => activate(undefined)),
    reg(Commands.importFromEnvironment, importFromEnvironment),
    reg(Commands.copyProfileAs, copyProfileAs),
    reg(Commands.showLog, () => log.show()),
  );
}
