import * as vscode from 'vscode';
import { LineIndex, type Span } from '../../core/text/positions';
import { applyRuleSettings } from '../../core/lint/settings/ruleSettings';
import { LINT_GLOBS } from '../../core/lint/settings/lintGlobs';
import { matchesAnyGlob } from '../../core/lint/settings/globMatch';
import { mapLimit } from '../../core/util/mapLimit';
import type { FileKind, Finding, Severity } from '../../core/lint/types';
import { detectKind } from '../../core/lint/fileKind';
import type { LintEngine, LintEngineLoader } from './lintEngineLoader';
import type { LintContextProvider } from './lintContext';
import { scopeFor, type ProfileService } from '../profiles/profileService';
import { affectsLintSettings, readLintSettings } from './lintSettings';

export const LINT_SOURCE = 'ROS Network';
const DEBOUNCE_MS = 300;
/** After the text lint: the resolver is asked only once typing in settings.json pauses. */
const HOST_DEBOUNCE_MS = 500;
const MAX_WORKSPACE_FILES = 5000;
/** Languages whose documents are linted when their content is a launch, compose or shell file. */
const CONTENT_LANGUAGES = ['xml', 'python', 'yaml', 'dockercompose', 'shellscript', 'plaintext', 'properties', 'dotenv'];
/** Searched by "Lint Workspace" beside LINT_GLOBS; the content decides. */
const CONTENT_GLOBS = ['**/*.{xml,test}', '**/*.py', '**/*.{yml,yaml}'];

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** One linted text: what the code action provider needs to map a diagnostic back to its fixes. */
export interface LintedText {
  readonly version: number | undefined;
  readonly kind: FileKind;
  readonly text: string;
  readonly lines: LineIndex;
  readonly entries: ReadonlyArray<{ readonly diagnostic: vscode.Diagnostic; readonly finding: Finding }>;
}

export function spanToRange(lines: LineIndex, span: Span): vscode.Range {
  const a = lines.positionAt(span.start);
  const b = lines.positionAt(span.end);
  return new vscode.Range(a.line, a.character, b.line, b.character);
}

/**
 * The "ROS Network" diagnostics: lints supported files when they open and (debounced) when they
 * change, clears them when they close, and lints the whole workspace on request. Read-only: it
 * never runs anything, so it stays on in Restricted Mode.
 */
export class LintDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('rosNetwork.lint');
  /**
   * Where hovers and code actions are offered: the known names, and every XML, Python, YAML and
   * shell document (the content decides whether it is linted, as for files whose names lie).
   */
  readonly selector: vscode.DocumentFilter[] = [
    ...LINT_GLOBS.map((pattern) => ({ scheme: 'file', pattern })),
    ...CONTENT_LANGUAGES.map((language) => ({ scheme: 'file', language })),
    // User settings.json (VS Code opens it under this scheme, desktop and code-server alike).
    { scheme: 'vscode-userdata', pattern: '**/settings.json' },
  ];
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly linted = new Map<string, LintedText>();
  /** Kinds whose parser had loaded (prepareLint), and the lints made after that: a lint made before says "not linted yet". */
  private readonly prepared = new Set<FileKind | undefined>();
  private readonly complete = new WeakSet<LintedText>();
  /** Files linted by "Lint Workspace" that are not open: kept up to date on settings changes. */
  private readonly fromWorkspace = new Set<string>();
  /** URI004/HOST003 of the active profile per settings.json: the text and profile they were computed for. */
  private readonly hostFound = new Map<
    string,
    { readonly text: string; readonly profile: string; readonly findings: readonly Finding[] }
  >();
  private readonly hostTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private host:
    { readonly cache: InstanceType<LintEngine['HostLookupCache']>; readonly deps: ReturnType<LintEngine['nodeHostDeps']> } | undefined;
  private readonly subscriptions: vscode.Disposable[];
  private readonly lintedEmitter = new vscode.EventEmitter<vscode.Uri>();
  /** A file was linted (its diagnostics, possibly none, are in the collection). */
  readonly onDidLint = this.lintedEmitter.event;

  constructor(
    private readonly engine: LintEngineLoader,
    private readonly contexts: LintContextProvider,
    private readonly profiles: ProfileService,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions = [
      this.collection,
      this.lintedEmitter,
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length && this.schedule(e.document, DEBOUNCE_MS, true)),
      vscode.workspace.onDidCloseTextDocument((d) => this.closed(d)),
      vscode.workspace.onDidChangeConfiguration((e) => affectsLintSettings(e) && this.relintAll()),
      profiles.onDidChange(() => this.relintAll()),
    ];
  }

  /** Lints the documents already open (called after activation; the engine loads off the activation path). */
  start(): void {
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  private isCandidate(doc: vscode.TextDocument): boolean {
    return (
      vscode.languages.match(this.selector, doc) > 0 || (doc.uri.scheme === 'file' && (this.included(doc.uri) || this.markdown(doc.uri)))
    );
  }

  private included(uri: vscode.Uri): boolean {
    const include = readLintSettings(uri).include;
    if (!include.length) return false;
    const rel = vscode.workspace.getWorkspaceFolder(uri) ? vscode.workspace.asRelativePath(uri, false) : undefined;
    return matchesAnyGlob(include, uri.fsPath, rel);
  }

  private markdown(uri: vscode.Uri): boolean {
    return /\.(md|markdown)$/i.test(uri.fsPath) && readLintSettings(uri).markdown;
  }

  /** The kind by name, then content; a file matched by `rosNetwork.lint.include` is read as KEY=VALUE lines otherwise. */
  private kindOf(uri: vscode.Uri, text: string): FileKind | undefined {
    if (this.markdown(uri)) return 'markdown';
    return detectKind(uri.fsPath, text) ?? (this.included(uri) ? 'dotenv' : undefined);
  }

  private excluded(uri: vscode.Uri, exclude: readonly string[]): boolean {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const rel = folder ? vscode.workspace.asRelativePath(uri, false) : undefined;
    return matchesAnyGlob(exclude, uri.fsPath, rel);
  }

  /**
   * Lints `doc` after `delay`. `typed`: skipped when this version was linted meanwhile (VS Code asks
   * for code actions 250 ms after the cursor moves, and that request lints the new text first).
   */
  private schedule(doc: vscode.TextDocument, delay: number, typed = false): void {
    if (!this.isCandidate(doc)) return;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.contexts
          .ready()
          .then(() => this.prepare(doc.uri, doc.getText()))
          .then(() => {
            const done = this.linted.get(key);
            if (doc.isClosed || (typed && done?.version === doc.version && this.complete.has(done))) return;
            this.lintDocument(doc);
          });
      }, delay),
    );
  }

  /**
   * Loads what the file's kind needs before the synchronous lint (the shell grammar is WebAssembly).
   * The kind by content too: a script known only by its shebang, or a Markdown file, needs the grammar.
   */
  private async prepare(uri: vscode.Uri, text: string): Promise<void> {
    try {
      const engine = this.engine.get();
      const kind = this.kindOf(uri, text);
      await engine.prepareLint(kind);
      this.prepared.add(kind);
    } catch (e) {
      this.log.warn(`cannot load the parser for ${uri.fsPath}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private closed(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    if (this.fromWorkspace.has(key)) void this.lintFile(doc.uri);
    else this.forget(doc.uri);
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.collection.delete(uri);
    this.linted.delete(key);
    this.hostFound.delete(key);
    clearTimeout(this.hostTimers.get(key));
    this.hostTimers.delete(key);
  }

  /**
   * The active profile's name when `uri` is the settings.json it comes from: the one profile that
   * describes this machine, so the only one whose addresses are checked against it. (Profiles from
   * user settings are not checked: their file is not a workspace file.)
   */
  private machineProfile(uri: vscode.Uri): string | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder || uri.toString() !== vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json').toString()) return undefined;
    const profile = scopeFor(this.profiles.snapshot, uri).profile;
    return profile && profile.origin !== 'user' ? profile.name : undefined;
  }

  /** Runs the host checks off the typing path (never awaited); publishes again only when they changed. */
  private scheduleHostChecks(uri: vscode.Uri, text: string, version: number | undefined, profile: string): void {
    const key = uri.toString();
    clearTimeout(this.hostTimers.get(key));
    this.hostTimers.set(
      key,
      setTimeout(() => {
        this.hostTimers.delete(key);
        void this.runHostChecks(uri, text, version, profile);
      }, HOST_DEBOUNCE_MS),
    );
  }

  private async runHostChecks(uri: vscode.Uri, text: string, version: number | undefined, profile: string): Promise<void> {
    const key = uri.toString();
    let findings: Finding[];
    try {
      const engine = this.engine.get();
      this.host ??= { cache: new engine.HostLookupCache(), deps: engine.nodeHostDeps() };
      findings = await engine.settingsHostFindings(text, profile, this.host.deps, { cache: this.host.cache });
    } catch (e) {
      this.log.warn(`host checks failed for ${uri.fsPath}: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    const now = this.linted.get(key);
    // A newer edit (or a close) superseded this text: its own lint schedules its own checks.
    if (!now || now.text !== text || now.version !== version) return;
    const prev = this.hostFound.get(key);
    this.hostFound.set(key, { text, profile, findings });
    const same = (a: readonly Finding[], b: readonly Finding[]) =>
      a.length === b.length &&
      a.every(
        (f, i) =>
          f.code === b[i]!.code && f.message === b[i]!.message && f.span.start === b[i]!.span.start && f.span.end === b[i]!.span.end,
      );
    if (prev && prev.text === text && prev.profile === profile && same(prev.findings, findings)) return;
    this.lintText(uri, text, version, false);
  }

  /** Lints an open document now and publishes its diagnostics; returns what was published. */
  lintDocument(doc: vscode.TextDocument): LintedText | undefined {
    if (!this.isCandidate(doc)) return undefined;
    return this.lintText(doc.uri, doc.getText(), doc.version);
  }

  /** The current lint of an open document, re-linted when it changed since. */
  current(doc: vscode.TextDocument): LintedText | undefined {
    const l = this.linted.get(doc.uri.toString());
    return l && l.version === doc.version ? l : this.lintDocument(doc);
  }

  private lintText(uri: vscode.Uri, text: string, version: number | undefined, hostChecks = true): LintedText | undefined {
    const settings = readLintSettings(uri);
    if (!settings.enabled || this.excluded(uri, settings.exclude)) {
      this.forget(uri);
      return undefined;
    }
    const kind = this.kindOf(uri, text);
    if (!kind) {
      this.forget(uri);
      return undefined;
    }
    let findings: readonly Finding[];
    let machine: string | undefined;
    try {
      const r = this.engine.get().lintText(uri.fsPath, text, this.contexts.forUri(uri), kind);
      machine = r.kind === 'settings' ? this.machineProfile(uri) : undefined;
      // The last host findings stay while the text and profile are the same (no flicker on a re-lint).
      const host = this.hostFound.get(uri.toString());
      const carried = host && machine !== undefined && host.text === text && host.profile === machine ? host.findings : [];
      findings = applyRuleSettings(carried.length ? [...r.findings, ...carried] : r.findings, settings.rules);
    } catch (e) {
      // lintText never throws; a failure here is the engine bundle itself (missing dist/lint.js).
      this.log.error(`lint failed for ${uri.fsPath}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return undefined;
    }
    const lines = new LineIndex(text);
    const entries = findings.map((finding) => {
      const diagnostic = new vscode.Diagnostic(spanToRange(lines, finding.span), finding.message, SEVERITY[finding.severity]);
      diagnostic.source = LINT_SOURCE;
      diagnostic.code = finding.code;
      return { diagnostic, finding };
    });
    const linted: LintedText = { version, kind, text, lines, entries };
    this.linted.set(uri.toString(), linted);
    if (this.prepared.has(kind)) this.complete.add(linted);
    this.collection.set(
      uri,
      entries.map((e) => e.diagnostic),
    );
    if (machine === undefined) this.hostFound.delete(uri.toString());
    else if (hostChecks) this.scheduleHostChecks(uri, text, version, machine);
    this.lintedEmitter.fire(uri);
    return linted;
  }

  /** Lints a file from disk, or its open document. */
  async lintFile(uri: vscode.Uri): Promise<LintedText | undefined> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) {
      await this.prepare(uri, open.getText());
      return this.lintDocument(open);
    }
    try {
      // A FIFO, socket or device matching a lint glob would block the read or never end.
      if (!((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.File)) {
        this.log.warn(`lint: skipped ${uri.fsPath}: not a regular file (a FIFO, socket or device)`);
        this.forget(uri);
        return undefined;
      }
      const text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
      await this.prepare(uri, text);
      return this.lintText(uri, text, undefined);
    } catch (e) {
      this.log.warn(`cannot read ${uri.fsPath}: ${String(e)}`);
      this.forget(uri);
      return undefined;
    }
  }

  /** "Lint Workspace": every supported file outside the excluded globs, results in the Problems panel. */
  async lintWorkspace(): Promise<{ files: number; problems: number; filesWithProblems: number }> {
    await this.contexts.ready();
    const exclude = readLintSettings().exclude;
    const excludeGlob = exclude.length && !exclude.some((g) => /[{}]/.test(g)) ? `{${exclude.join(',')}}` : undefined;
    const found = new Map<string, vscode.Uri>();
    const globs = [...LINT_GLOBS, ...CONTENT_GLOBS, ...readLintSettings().include, ...(readLintSettings().markdown ? ['**/*.md'] : [])];
    for (const list of await Promise.all(globs.map((g) => vscode.workspace.findFiles(g, excludeGlob, MAX_WORKSPACE_FILES)))) {
      for (const u of list) found.set(u.toString(), u);
    }
    // Files whose content is no lintable kind come back undefined.
    const results = await mapLimit([...found.values()], 8, async (u) => {
      const r = await this.lintFile(u);
      if (r) this.fromWorkspace.add(u.toString());
      return r ? r.entries.length : undefined;
    });
    const linted = results.filter((n): n is number => n !== undefined);
    const problems = linted.reduce((a, b) => a + b, 0);
    const filesWithProblems = linted.filter((n) => n > 0).length;
    this.log.info(`lint workspace: ${linted.length} file(s), ${problems} problem(s) in ${filesWithProblems}`);
    return { files: linted.length, problems, filesWithProblems };
  }

  private relintAll(): void {
    for (const d of vscode.workspace.textDocuments) if (this.isCandidate(d)) this.schedule(d, 0);
    for (const key of this.fromWorkspace) {
      if (!vscode.workspace.textDocuments.some((d) => d.uri.toString() === key)) void this.lintFile(vscode.Uri.parse(key));
    }
  }

  dispose(): void {
    for (const t of [...this.timers.values(), ...this.hostTimers.values()]) clearTimeout(t);
    this.timers.clear();
    this.hostTimers.clear();
    for (const d of this.subscriptions) d.dispose();
  }
}
