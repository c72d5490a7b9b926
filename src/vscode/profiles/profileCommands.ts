import * as vscode from 'vscode';
import * as os from 'node:os';
import { Commands } from '../../ids';
import { profileSummary } from '../../core/profiles/resolveActive';
import { profileSchema, DISCOVERY_RANGES, type Profile, type ProfileInput } from '../../core/profiles/profileSchema';
import { fieldError as rawFieldError } from '../../core/profiles/fieldError';
import { profileFromDotenv, profileFromEnvironment, type ImportResult } from '../../core/profiles/importProfile';
import { planProfileEnv } from '../../core/env/envPlan';
import { EXPORT_FORMATS, ExportRefused, renderExport } from '../../core/env/exportFormats';
import { assessDomain, DEFAULT_EPHEMERAL, nearestSafeDomain, targetOsOf } from '../../core/ros/domain';
import { parseMasterUri } from '../../core/ros/masterUri';
import { rosGenerationOfDistro } from '../../core/ros/variables';
import { localAddresses } from '../../core/net/addresses';
import { nodeLookup } from '../../core/net/lookup';
import { udpRouteSource } from '../../core/net/routeSource';
import { isIpLiteral } from '../../core/ros/ipLiteral';
import {
  checkDomainInput,
  checkHostnameInput,
  checkRosIpInput,
  discoveryStyle,
  RMW_CHOICES,
  suggestAddresses,
  type AddressSuggestion,
  type Checked,
} from '../../core/profiles/wizardInput';
import type { ProfileService } from './profileService';
import { profilesInWorkspaceFile, type ProfileSettings, type WritableScope } from './profileSettings';
import { plural } from '../../core/text/plural';
import type { ActiveProfileStore } from './activeProfileStore';
import { sanitizeForDisplay } from '../../core/text/sanitize';
import { variablesLine } from '../../core/env/variableClass';
import type { VariableApproval } from './variableApproval';

interface ProfileItem extends vscode.QuickPickItem {
  readonly profile?: Profile;
  /** An entry that failed validation (listed by Delete so it can be removed). */
  readonly invalid?: { readonly name: string; readonly origin: Profile['origin'] };
}

/** Quick-pick text renders `$(name)` as an icon; a value's own `$(` is shown as typed. */
const escapeIcons = (text: string) => text.replace(/\$\(/g, '\\$(');

/** The Switch picker's detail line: every variable a profile sets, extra and deny-by-default ones marked. */
export function pickerDetail(p: Profile, approval: VariableApproval): string {
  const line = variablesLine(p, approval.gate(p).state ?? 'withheld');
  return escapeIcons(sanitizeForDisplay(line || profileSummary(p)));
}

/** The validation message for an input box from a Checked result. */
const message = (c: Checked<unknown>): string | undefined => (c.ok ? undefined : c.message);

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
  approval: VariableApproval;
}): vscode.Disposable {
  const { profiles, profileSettings, store, log, approval } = deps;
  const detailOf = (p: Profile) => pickerDetail(p, approval);
  const withheldNote = (p: Profile) => {
    const g = approval.gate(p);
    return g.state === 'withheld' ? ` · $(shield) withholds ${g.denied.map((v) => v.name).join(', ')}` : '';
  };

  function items(active?: string): ProfileItem[] {
    const trusted = profiles.snapshot.trusted;
    return profiles.snapshot.profiles().profiles.map((p) => {
      const locked = p.origin !== 'user' && !trusted;
      return {
        label: `${p.name === active ? '$(check) ' : ''}${locked ? '$(shield) ' : ''}${p.name}`,
        description: `ROS ${p.rosVersion} · ${ORIGIN_LABEL[p.origin]}${locked ? ' · needs workspace trust' : ''}${withheldNote(p)}`,
        detail: detailOf(p),
        profile: p,
      };
    });
  }

  async function pickProfile(placeHolder: string): Promise<Profile | undefined> {
    const picked = await pickEntry(placeHolder, false);
    return picked?.profile;
  }

  /** Valid profiles (the active one first), and with `withInvalid` the entries that failed validation. */
  async function pickEntry(placeHolder: string, withInvalid: boolean): Promise<ProfileItem | undefined> {
    const active = profiles.snapshot.identity.profile?.name;
    const valid = items(active).sort((a, b) => Number(b.profile?.name === active) - Number(a.profile?.name === active));
    const invalid: ProfileItem[] = [];
    if (withInvalid) {
      const seen = new Set<string>();
      for (const pr of profiles.snapshot.profiles().problems) {
        if (!pr.profileName || seen.has(`${pr.origin}/${pr.profileName}`)) continue;
        seen.add(`${pr.origin}/${pr.profileName}`);
        invalid.push({
          label: `$(warning) ${pr.profileName}`,
          description: `invalid · ${ORIGIN_LABEL[pr.origin]}`,
          detail: `${pr.path} ${pr.message}`,
          invalid: { name: pr.profileName, origin: pr.origin },
        });
      }
    }
    const list = [...valid, ...invalid];
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
    return vscode.window.showQuickPick(list, { placeHolder, matchOnDescription: true, matchOnDetail: true });
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
    const restricted = profiles.snapshot.trusted ? 0 : profilesInWorkspaceFile();
    const extra: ProfileItem[] = [
      { label: '', kind: vscode.QuickPickItemKind.Separator },
      ...(active ? [{ label: '$(circle-slash) Deactivate', detail: 'Terminals get the inherited environment again' }] : []),
      ...(restricted
        ? [
            {
              label: `$(shield) This folder defines ${plural(restricted, 'profile')}: trust the workspace to use ${restricted === 1 ? 'it' : 'them'}`,
              detail: 'VS Code ignores workspace settings in Restricted Mode',
            },
          ]
        : []),
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
          `Profile '${sanitizeForDisplay(pick.profile.name)}' comes from this workspace's settings. It is not applied to terminals until you trust the workspace.`,
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
    else if (pick.label.includes('trust the workspace')) await vscode.commands.executeCommand('workbench.trust.manage');
  }

  /** The confirmation for the active profiles' deny-by-default variables (the status tooltip links here). */
  async function reviewVariables(): Promise<void> {
    const seen = new Set<string>();
    const candidates = profiles.snapshot.scopes
      .map((s) => s.identity.profile)
      .filter((p): p is Profile => p !== undefined && approval.gate(p).state !== undefined && approval.gate(p).state !== 'user')
      .filter((p) => !seen.has(`${p.origin}/${p.name}`) && seen.add(`${p.origin}/${p.name}`) !== undefined);
    if (candidates.length === 0) {
      void vscode.window.showInformationMessage(
        'ROS Network: the active profile sets no deny-by-default variable from workspace settings; nothing to review.',
      );
      return;
    }
    for (const p of candidates) await approval.confirm(p);
  }

  async function askScope(title?: string): Promise<WritableScope | undefined> {
    const ws = (vscode.workspace.workspaceFolders?.length ?? 0) > 0;
    if (!ws) return 'user';
    const pick = await vscode.window.showQuickPick(
      [
        { label: 'User settings', description: 'available in every workspace', scope: 'user' as const },
        { label: 'Workspace settings', description: 'shared with the team in .vscode/settings.json', scope: 'workspace' as const },
      ],
      { title, placeHolder: 'Where should the profile be saved?', ignoreFocusOut: true },
    );
    return pick?.scope;
  }

  async function input(
    title: string,
    opts: {
      prompt: string;
      value?: string;
      placeHolder?: string;
      validate: (v: string) => string | undefined | vscode.InputBoxValidationMessage;
    },
  ): Promise<string | undefined> {
    return vscode.window.showInputBox({
      title,
      prompt: opts.prompt,
      value: opts.value,
      placeHolder: opts.placeHolder,
      ignoreFocusOut: true,
      validateInput: opts.validate,
    });
  }

  /** This machine's addresses, the source of the route to the master first. */
  async function addressSuggestions(masterUri: string): Promise<AddressSuggestion[]> {
    const parsed = parseMasterUri(masterUri);
    const host = parsed.ok ? parsed.uri.host : undefined;
    let route: string | undefined;
    if (host) {
      const target = isIpLiteral(host) ? host : (await nodeLookup(host, 1000).catch(() => []))[0];
      if (target) route = await udpRouteSource(target, 500);
    }
    return suggestAddresses(localAddresses(), host, route);
  }

  async function askRosIp(title: string, masterUri: string): Promise<string | undefined> {
    const suggestions = await addressSuggestions(masterUri);
    const other = '$(edit) Another address…';
    const pick = await vscode.window.showQuickPick(
      [
        ...suggestions.map((s) => ({ label: s.address, description: s.detail, address: s.address as string | undefined })),
        { label: other, description: 'type it', address: undefined },
      ],
      { title, placeHolder: "ROS_IP: this machine's address that the other machines reach", ignoreFocusOut: true },
    );
    if (!pick) return undefined;
    if (pick.address) return pick.address;
    const typed = await input(title, { prompt: 'ROS_IP', validate: (v) => message(checkRosIpInput(v)) });
    return typed === undefined ? undefined : typed.trim();
  }

  async function createProfile(): Promise<void> {
    const base = 'Create ROS Network Profile';
    // ROS_DISTRO of the window (setup.bash sourced before starting VS Code) answers two questions.
    const envDistro = process.env.ROS_DISTRO?.trim().toLowerCase() || undefined;
    const envGeneration = envDistro ? rosGenerationOfDistro(envDistro) : undefined;
    const versions = [
      { label: 'ROS 1', description: 'ROS_MASTER_URI + ROS_IP/ROS_HOSTNAME', v: 1 as const },
      { label: 'ROS 2', description: 'ROS_DOMAIN_ID + DDS discovery and middleware', v: 2 as const },
    ].map((x) => (x.v === envGeneration ? { ...x, description: `${x.description} · ROS_DISTRO=${envDistro}` } : x));
    if (envGeneration === 2) versions.reverse();
    const version = await vscode.window.showQuickPick(versions, { title: base, placeHolder: 'ROS version', ignoreFocusOut: true });
    if (!version) return;
    // Steps are numbered per flow, and a skipped step keeps its number: the counter never repeats.
    const total = version.v === 1 ? 6 : 7;
    const title = (step: number, what?: string) => `${base} (${step}/${total})${what ? ` · ${what}` : ''}`;
    const existing = new Set(profiles.snapshot.profiles().profiles.map((p) => p.name));
    const name = await input(title(2), {
      prompt: 'Profile name',
      placeHolder: 'e.g. hal (lab network)',
      validate: (v) => (existing.has(v.trim()) ? `A profile named '${v.trim()}' already exists` : fieldError('name', v)),
    });
    if (name === undefined) return;
    const profile: Record<string, unknown> = { name: name.trim(), rosVersion: version.v };
    if (version.v === 1) {
      const uri = await input(title(3), {
        prompt: 'ROS_MASTER_URI: the master every machine uses',
        value: 'http://localhost:11311',
        validate: (v) => fieldError('ROS_MASTER_URI', v.trim()),
      });
      if (uri === undefined) return;
      profile.ROS_MASTER_URI = uri.trim();
      const adv = await vscode.window.showQuickPick(
        [
          { label: 'ROS_IP', description: 'advertise a literal IP address of this machine', key: 'ROS_IP' as const },
          { label: 'ROS_HOSTNAME', description: 'advertise a name every other machine can resolve', key: 'ROS_HOSTNAME' as const },
          { label: 'Neither', description: "nodes advertise this machine's hostname", key: undefined },
        ],
        { title: title(4), placeHolder: 'How do other machines reach this one?', ignoreFocusOut: true },
      );
      if (!adv) return;
      if (adv.key === 'ROS_IP') {
        const ip = await askRosIp(title(5, 'ROS_IP'), uri.trim());
        if (ip === undefined) return;
        profile.ROS_IP = ip;
      } else if (adv.key === 'ROS_HOSTNAME') {
        const host = await input(title(5, 'ROS_HOSTNAME'), {
          prompt: 'ROS_HOSTNAME: a name every other machine resolves to this one',
          value: os.hostname(),
          validate: (v) => message(checkHostnameInput(v)),
        });
        if (host === undefined) return;
        profile.ROS_HOSTNAME = host.trim();
      }
    } else {
      let distro = envGeneration === 2 ? envDistro : undefined;
      if (!distro) {
        const d = await vscode.window.showQuickPick(
          [
            ...['jazzy', 'kilted', 'rolling', 'humble', 'iron'].map((x) => ({ label: x, value: x as string | undefined })),
            { label: "Don't know", description: 'offer the Iron and later discovery variables', value: undefined },
          ],
          { title: title(3), placeHolder: 'ROS 2 distro (decides which discovery variables exist)', ignoreFocusOut: true },
        );
        if (!d) return;
        distro = d.value;
      }
      const domain = await input(title(4, distro ? `distro ${distro}` : undefined), {
        prompt: 'ROS_DOMAIN_ID (0–232; 0–101 avoids the OS ephemeral ports)',
        value: '0',
        validate: (v) => {
          const c = checkDomainInput(v);
          if (!c.ok) return c.message;
          const a = assessDomain(c.value, DEFAULT_EPHEMERAL[targetOsOf(process.platform)]);
          if (!a.safe)
            return {
              message: `Domain ${c.value} uses ports ${a.firstPort}+ inside the OS ephemeral range; ${nearestSafeDomain(c.value, a.ephemeral)} is the nearest safe ID`,
              severity: vscode.InputBoxValidationSeverity.Warning,
            };
          return undefined;
        },
      });
      if (domain === undefined) return;
      profile.ROS_DOMAIN_ID = Number(domain.trim());
      const rmw = await vscode.window.showQuickPick(
        [
          { label: '(keep the default)', description: "the distro's default middleware (Fast DDS)", id: undefined as string | undefined },
          ...RMW_CHOICES.map((r) => ({ label: r.id, description: r.detail, id: r.id as string | undefined })),
        ],
        { title: title(5), placeHolder: 'RMW_IMPLEMENTATION', ignoreFocusOut: true },
      );
      if (!rmw) return;
      if (rmw.id) profile.RMW_IMPLEMENTATION = rmw.id;
      if (discoveryStyle(distro) === 'localhost-only') {
        const lo = await vscode.window.showQuickPick(
          [
            { label: '(default)', description: 'discover hosts on the network', value: undefined },
            { label: 'ROS_LOCALHOST_ONLY=1', description: 'this machine only', value: '1' },
          ],
          {
            title: title(6, distro),
            placeHolder: `Discovery on ${distro} (ROS_AUTOMATIC_DISCOVERY_RANGE exists from Iron on)`,
            ignoreFocusOut: true,
          },
        );
        if (!lo) return;
        if (lo.value) profile.ROS_LOCALHOST_ONLY = lo.value;
      } else {
        const range = await vscode.window.showQuickPick(
          [
            { label: '(default)', description: 'SUBNET on Iron and later', value: undefined },
            ...DISCOVERY_RANGES.map((r) => ({ label: r, value: r as string | undefined })),
          ],
          { title: title(6, distro), placeHolder: 'ROS_AUTOMATIC_DISCOVERY_RANGE', ignoreFocusOut: true },
        );
        if (!range) return;
        if (range.value) profile.ROS_AUTOMATIC_DISCOVERY_RANGE = range.value;
        if (range.value !== 'OFF') {
          const peers = await input(title(6, 'ROS_STATIC_PEERS'), {
            prompt: 'ROS_STATIC_PEERS (optional): other hosts to discover, separated by ;',
            placeHolder: 'e.g. 192.168.1.5;robot.local — empty for none',
            validate: (v) => {
              const items = v.split(';').map((x) => x.trim());
              if (v.trim() === '') return undefined;
              if (/[,\s]/.test(v.trim().replace(/\s*;\s*/g, ';'))) return "Separate hosts with ';' (not ',' or spaces)";
              if (items.some((x) => x === '')) return 'Remove the empty entry between two semicolons';
              if (items.some((x) => x.length > 255)) return 'A host may be at most 255 characters';
              return undefined;
            },
          });
          if (peers === undefined) return;
          const list = peers
            .split(';')
            .map((x) => x.trim())
            .filter(Boolean);
          if (list.length) profile.ROS_STATIC_PEERS = list;
        }
      }
    }
    const scope = await askScope(title(total, 'save'));
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
        .showErrorMessage(sanitizeForDisplay(`ROS Network: ${e instanceof Error ? e.message : String(e)}`), 'Open Settings')
        .then((c) => c && profileSettings.open(scope));
      return;
    }
    log.info(`saved profile '${profile.name}' to ${scope} settings`);
    await store.set(profile.name);
    void vscode.window.showInformationMessage(`ROS Network: profile '${sanitizeForDisplay(profile.name)}' saved and active.`);
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
    const item = await pickEntry('Profile to delete', true);
    const p = item?.profile ?? item?.invalid;
    if (!item || !p) return;
    const where = p.origin === 'user' ? 'user settings' : 'workspace settings';
    const ok = await vscode.window.showWarningMessage(
      `Delete profile '${sanitizeForDisplay(p.name)}' from ${where}?`,
      {
        modal: true,
        detail: sanitizeForDisplay(
          item.profile ? variablesLine(item.profile, approval.gate(item.profile).state ?? 'withheld') : `Invalid: ${item.detail ?? ''}`,
        ),
      },
      'Delete',
    );
    if (ok !== 'Delete') return;
    if (profiles.snapshot.identity.profile?.name === p.name || store.get(profiles.snapshot.folder) === p.name) await store.set(undefined);
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
      // A FIFO, socket or device (VS Code stats them as neither file nor folder) would block or never end.
      if (!((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.File)) {
        void vscode.window.showErrorMessage(
          sanitizeForDisplay(
            `ROS Network: ${vscode.workspace.asRelativePath(uri)} is skipped: not a regular file (a FIFO, socket or device).`,
          ),
        );
        return;
      }
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
      void vscode.window.showWarningMessage(
        sanitizeForDisplay(`ROS Network: skipped ${r.skipped.map((s) => `${s.name} (${s.reason})`).join('; ')}`),
      );
    const scope = await askScope();
    if (!scope) return;
    await saveAndActivate(r.profile, scope);
  }

  async function copyProfileAs(formatArg?: unknown, nameArg?: unknown): Promise<string | undefined> {
    // Any profile, asked for from the palette. Arguments (a keybinding, another extension) skip the
    // questions: a profile name, else the active profile; with a single profile there is nothing to ask.
    const all = profiles.snapshot.profiles().profiles;
    const given = EXPORT_FORMATS.find((f) => f.id === formatArg);
    const named = typeof nameArg === 'string' ? all.find((x) => x.name === nameArg) : undefined;
    const active = given ? profiles.snapshot.identity.profile : undefined;
    const p = named ?? active ?? (all.length === 1 ? all[0] : await pickProfile('Profile to copy'));
    if (!p) return undefined;
    const format =
      given ??
      (await vscode.window.showQuickPick(
        EXPORT_FORMATS.map((f) => ({ label: f.label, detail: f.detail, id: f.id })),
        { placeHolder: `Copy '${p.name}' as…` },
      ));
    if (!format) return undefined;
    let text: string;
    try {
      text = renderExport(planProfileEnv(p), format.id);
    } catch (e) {
      // A value this format cannot carry: say so and which formats can, rather than copy something
      // that reads back differently (the message names the formats that fit).
      if (!(e instanceof ExportRefused)) throw e;
      log.warn(`copy as ${format.id}: ${e.message}`);
      void vscode.window.showErrorMessage(sanitizeForDisplay(`ROS Network: ${e.message}`), 'Choose Another Format').then(async (c) => {
        if (c) await vscode.commands.executeCommand(Commands.copyProfileAs, undefined, p.name);
      });
      return undefined;
    }
    await vscode.env.clipboard.writeText(text);
    // Not awaited: the command is done once the clipboard is written, whether or not the toast is dismissed.
    void vscode.window
      .showInformationMessage(`ROS Network: '${sanitizeForDisplay(p.name)}' copied as ${format.label.toLowerCase()}.`, 'Open in Editor')
      .then(async (c) => {
        if (c)
          await vscode.window.showTextDocument(
            await vscode.workspace.openTextDocument({
              content: text,
              language: format.id === 'compose' ? 'yaml' : format.id.startsWith('dotenv') ? 'dotenv' : 'shellscript',
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
          .showErrorMessage(sanitizeForDisplay(`ROS Network: ${e instanceof Error ? e.message : String(e)}`), 'Show Log')
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
    reg(Commands.reviewVariables, reviewVariables),
  );
}
