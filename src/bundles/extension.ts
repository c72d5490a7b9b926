import * as vscode from 'vscode';
import * as path from 'node:path';
import { BuiltinCommands, Commands, ContextKeys, OUTPUT_NAME } from '../ids';
import { ProfileSettings } from '../vscode/profiles/profileSettings';
import { ActiveProfileStore } from '../vscode/profiles/activeProfileStore';
import { ProfileService } from '../vscode/profiles/profileService';
import { ProfileProblems } from '../vscode/profiles/profileProblems';
import { TerminalEnv } from '../vscode/terminal/terminalEnv';
import { VariableApproval } from '../vscode/profiles/variableApproval';
import { ShellStartup } from '../vscode/terminal/shellStartup';
import { LocalStatusFacts } from '../vscode/status/localStatusFacts';
import { StatusBar } from '../vscode/status/statusBar';
import { pickerDetail, registerProfileCommands } from '../vscode/profiles/profileCommands';
import { MasterMonitor } from '../vscode/status/masterMonitor';
import { Ros2LiveStatus } from '../vscode/ros2/ros2Live';
import { Ros2GraphSession } from '../vscode/ros2/ros2Graph';
import { RosView } from '../vscode/view/rosView';
import type { LintEngine } from '../vscode/lint/lintEngineLoader';
import { LazyBundle } from '../vscode/lazyBundle';
import { LintContextProvider } from '../vscode/lint/lintContext';
import { LintDiagnostics } from '../vscode/lint/lintDiagnostics';
import { LintCodeActions } from '../vscode/lint/lintCodeActions';
import { LintHover } from '../vscode/lint/lintHover';
import { registerLintCommands } from '../vscode/lint/lintCommands';
import { registerDomainPortsCommand } from '../vscode/lint/domainPortsCommand';
import { DoctorPanel } from '../vscode/doctor/doctorPanel';
import { WalkthroughProgress } from '../vscode/walkthrough/walkthroughProgress';
import type { DoctorReport } from '../core/doctor/types';
import type { MasterState } from '../core/status/masterStatus';
import { tooltipMarkdown } from '../core/status/statusModel';

/** The extension's public API: what other extensions (and our host tests) may rely on. */
export interface RosNetworkApi {
  activeProfileName(): string | undefined;
  /** Sets the window's profile, or one folder's in a multi-root window. */
  setActiveProfile(name: string | undefined, folderName?: string): Promise<void>;
  statusText(): string | undefined;
  /** The status bar tooltip as Markdown. */
  statusTooltip(): string | undefined;
  profileProblems(): readonly string[];
  masterState(): MasterState;
  /** The variables the extension currently injects into new terminals of the window. */
  injectedEnvironment(): Record<string, string>;
  refreshStatus(): void;
  /** Deny-by-default variables of the window's active profile (what the confirmation guards). */
  profileVariables: {
    /** Whether terminals get them: withheld, allowed, user (undefined: the profile sets none). */
    state(): 'withheld' | 'allowed' | 'user' | undefined;
    /** The picker's detail line for a profile, as the Switch picker shows it. */
    pickerDetail(name: string): string | undefined;
    /** What the last confirmation asked, and how many were shown in this window. */
    lastPrompt(): { message: string; detail: string; count: number } | undefined;
    /** What the confirmation's "Allow in This Workspace" button does, for the active profile. */
    allow(): Promise<void>;
  };
  /** The ROS Network view's tree as VS Code reads it (tests walk it: profile → group → item). */
  view: Pick<vscode.TreeDataProvider<unknown>, 'getChildren' | 'getTreeItem'>;
  /** The getting-started walkthrough steps completed in this window (the context keys set). */
  walkthroughCompleted(): readonly string[];
  /** Network doctor: the same run as the command, and the panel's fix buttons (by check id). */
  doctor: {
    run(): Promise<DoctorReport | undefined>;
    applyFix(checkId: string): Promise<boolean>;
    copyMarkdown(): Promise<string | undefined>;
    /** Why the last run did not happen (a workspace profile in Restricted Mode), as the warning said it. */
    refusal(): string | undefined;
  };
}

/** Composition root: the log first, then services with their dependencies, all disposables owned by the context. */
export function activate(context: vscode.ExtensionContext): RosNetworkApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel(OUTPUT_NAME, { log: true });
  context.subscriptions.push(log);
  try {
    // User settings.json sits next to globalStorage (User/globalStorage/<id>); ProfileSettings checks
    // the file holds what VS Code reads before editing it as text.
    const settings = new ProfileSettings(vscode.Uri.joinPath(context.globalStorageUri, '..', '..', 'settings.json'));
    const store = new ActiveProfileStore(context.workspaceState);
    const profiles = new ProfileService(settings, store);
    const problems = new ProfileProblems(profiles, settings, log);
    // The start-up file scan parses with the lint engine's shell source; the engine loads on first use.
    const lintEngine = new LazyBundle<LintEngine>(path.join(context.extensionPath, 'dist', 'lint.js'), 'lint engine', log);
    const shellStartup = new ShellStartup(() => lintEngine.get().shellAssignments);
    const approval = new VariableApproval(context.workspaceState, log);
    const terminalEnv = new TerminalEnv(context.environmentVariableCollection, profiles, log, shellStartup, approval);
    const monitor = new MasterMonitor(profiles, log);
    const ros2 = new Ros2LiveStatus(profiles, log, path.join(context.extensionPath, 'dist', 'doctor.js'));
    const localFacts = new LocalStatusFacts(profiles, lintEngine, (p) => terminalEnv.plan(p), shellStartup, log);
    const statusBar = new StatusBar(profiles, monitor, ros2, localFacts, approval);
    const ros2Graph = new Ros2GraphSession(log);
    const view = new RosView(profiles, monitor, ros2, ros2Graph);
    context.subscriptions.push(
      settings,
      store,
      profiles,
      problems,
      approval,
      terminalEnv,
      monitor,
      ros2,
      ros2Graph,
      localFacts,
      statusBar,
      vscode.commands.registerCommand(Commands.refreshStatus, () => {
        monitor.refresh();
        ros2.refresh();
      }),
      // The tooltip's link passes the URI it shows; from the palette, the active profile's.
      vscode.commands.registerCommand(Commands.copyMasterUri, async (arg?: unknown) => {
        const uri = typeof arg === 'string' && /^https?:\/\//.test(arg) ? arg : profiles.snapshot.identity.masterUri;
        if (!uri) {
          void vscode.window.showInformationMessage('ROS Network: the active profile has no ROS master (no profile, or a ROS 2 one).');
          return undefined;
        }
        await vscode.env.clipboard.writeText(uri);
        vscode.window.setStatusBarMessage(`$(copy) Copied ${uri}`, 3000);
        return uri;
      }),
      view,
      registerProfileCommands({ profiles, profileSettings: settings, store, log, approval }),
    );

    // Linting: providers are registered now (cheap); the parsers (dist/lint.js) load on first use.
    const lintContexts = new LintContextProvider(profiles, (p) => terminalEnv.plan(p));
    const lint = new LintDiagnostics(lintEngine, lintContexts, profiles, log);
    context.subscriptions.push(
      lint,
      vscode.languages.registerCodeActionsProvider(
        lint.selector,
        new LintCodeActions(lint, lintEngine, lintContexts),
        LintCodeActions.metadata,
      ),
      vscode.languages.registerHoverProvider(lint.selector, new LintHover(lintEngine, lintContexts)),
      registerLintCommands(lint, log),
      registerDomainPortsCommand({ profiles, contexts: lintContexts }),
    );
    lint.start();

    // Network doctor: the command is cheap; the checks (dist/doctor.js) load on the first run.
    const doctor = new DoctorPanel(path.join(context.extensionPath, 'dist', 'doctor.js'), profiles, settings, log, (p) =>
      terminalEnv.plan(p),
    );
    context.subscriptions.push(doctor);
    const walkthrough = new WalkthroughProgress({ profiles, monitor, ros2, lint, doctor });
    context.subscriptions.push(walkthrough);

    const updateContext = () => {
      void vscode.commands.executeCommand('setContext', ContextKeys.hasActiveProfile, profiles.snapshot.identity.profile !== undefined);
      void vscode.commands.executeCommand('setContext', ContextKeys.hasProfiles, profiles.snapshot.profiles().profiles.length > 0);
    };
    context.subscriptions.push(profiles.onDidChange(updateContext));
    // Validating every profile (the `hasProfiles` context, the invalid-profile warning) is not needed
    // to start: it runs right after activation, unless the active profile already needed it.
    const validate = setTimeout(() => {
      updateContext();
      problems.check();
    }, 0);
    context.subscriptions.push({ dispose: () => clearTimeout(validate) });
    terminalEnv.sync();
    const startup = profiles.snapshot.identity.resolution;
    if (startup.kind === 'untrusted' || (startup.kind === 'missing' && startup.restricted)) {
      const name = startup.kind === 'untrusted' ? startup.profile.name : startup.name;
      log.warn(`profile '${name}' is not applied: Restricted Mode ignores workspace settings`);
      void vscode.window
        .showWarningMessage(
          `ROS Network: profile '${name}' is not applied in Restricted Mode (workspace settings are ignored until you trust the workspace).`,
          'Manage Workspace Trust',
        )
        .then((c) => c && vscode.commands.executeCommand(BuiltinCommands.manageTrust));
    }
    log.info(
      `activated in ${(performance.now() - started).toFixed(1)} ms (${vscode.env.remoteName ? `remote: ${vscode.env.remoteName}` : 'local'} extension host)`,
    );

    return {
      activeProfileName: () => profiles.snapshot.identity.profile?.name,
      setActiveProfile: async (name, folderName) => {
        const folder = folderName ? vscode.workspace.workspaceFolders?.find((f) => f.name === folderName) : undefined;
        if (folderName && !folder) throw new Error(`no workspace folder named '${folderName}'`);
        return folder ? store.setForFolder(folder, name ?? null) : store.set(name);
      },
      statusText: () => statusBar.model?.text,
      statusTooltip: () => statusBar.model && tooltipMarkdown(statusBar.model),
      profileProblems: () => problems.current().map((p) => `${p.path} ${p.message}`),
      masterState: () => monitor.state,
      injectedEnvironment: () => terminalEnv.injected(),
      refreshStatus: () => monitor.refresh(),
      profileVariables: {
        state: () => {
          const p = profiles.snapshot.identity.profile;
          return p && approval.gate(p).state;
        },
        pickerDetail: (name) => {
          const p = profiles.snapshot.profiles().profiles.find((x) => x.name === name);
          return p && pickerDetail(p, approval);
        },
        lastPrompt: () => approval.lastPrompt,
        allow: async () => {
          const p = profiles.snapshot.identity.profile;
          if (p) await approval.allow(p);
        },
      },
      view: view as unknown as RosNetworkApi['view'],
      walkthroughCompleted: () => walkthrough.completed(),
      doctor: {
        run: () => doctor.run(),
        applyFix: (id) => doctor.applyFix(id),
        copyMarkdown: () => doctor.copyMarkdown(),
        refusal: () => doctor.refusal,
      },
    };
  } catch (e) {
    log.error(`activation failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    void vscode.window.showErrorMessage(`ROS Network failed to start: ${String(e)}`, 'Show Log').then((c) => c && log.show());
    throw e;
  }
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

export { Commands };
