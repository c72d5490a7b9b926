import * as vscode from 'vscode';
import { planToEnv, type EnvPlan } from '../../core/env/envPlan';
import type { Profile } from '../../core/profiles/profileSchema';
import type { Finding } from '../../core/lint/types';
import type { LocalFact, StartupConflict } from '../../core/status/statusModel';
import type { LazyBundle } from '../lazyBundle';
import type { LintEngine } from '../lint/lintEngineLoader';
import type { ProfileService } from '../profiles/profileService';
import type { ShellStartup } from '../terminal/shellStartup';

const RECHECK_MS = 30_000;

/** The status bar's words for a HOST003/URI004 finding. */
export function localFactOf(f: Finding): LocalFact | undefined {
  if (f.code === 'URI004') return { code: 'URI004', short: 'master host does not resolve', detail: f.message };
  if (f.code !== 'HOST003') return undefined;
  const short = f.message.startsWith('ROS_IP')
    ? 'ROS_IP is not an address of this machine'
    : /cannot be resolved/.test(f.message)
      ? 'ROS_HOSTNAME does not resolve'
      : 'ROS_HOSTNAME is not this machine';
  return { code: 'HOST003', short, detail: f.message };
}

/**
 * The cheap local facts the status bar shows for the active ROS 1 profile: the HOST003/URI004
 * answers (this machine's interfaces, the resolver through the lint engine's 60 s cache), checked
 * when the identity changes and every 30 s after, one check at a time; and the first shell
 * start-up file line that contradicts what terminals get.
 */
export class LocalStatusFacts implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly subscriptions: vscode.Disposable[];
  private facts: { key: string; local: readonly LocalFact[]; startup?: StartupConflict } | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private host: { cache: InstanceType<LintEngine['HostLookupCache']>; deps: ReturnType<LintEngine['nodeHostDeps']> } | undefined;
  private generation = 0;

  constructor(
    private readonly profiles: ProfileService,
    private readonly engine: LazyBundle<LintEngine>,
    private readonly plan: (p: Profile) => EnvPlan,
    private readonly startup: ShellStartup,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions = [this.emitter, profiles.onDidChange(() => this.check())];
    // Off the activation path: the first check loads the lint engine.
    this.timer = setTimeout(() => this.check(), 0);
  }

  /** The facts for the identity with this key (none until its first check finished). */
  current(key: string): { local: readonly LocalFact[]; startup?: StartupConflict } {
    return this.facts?.key === key ? this.facts : { local: [] };
  }

  private check(): void {
    clearTimeout(this.timer);
    const identity = this.profiles.snapshot.identity;
    const p = identity.profile;
    const gen = ++this.generation;
    if (!p || p.rosVersion !== 1) {
      if (this.facts) {
        this.facts = undefined;
        this.emitter.fire();
      }
      return;
    }
    void this.compute(p).then(
      (r) => {
        if (gen !== this.generation) return;
        const next = { key: identity.key, ...r };
        const changed = JSON.stringify(next) !== JSON.stringify(this.facts);
        this.facts = next;
        if (changed) this.emitter.fire();
        this.timer = setTimeout(() => this.check(), RECHECK_MS);
      },
      (e: unknown) => this.log.warn(`status: local checks failed: ${String(e)}`),
    );
  }

  private async compute(p: Profile): Promise<{ local: readonly LocalFact[]; startup?: StartupConflict }> {
    const engine = this.engine.get();
    this.host ??= { cache: new engine.HostLookupCache(), deps: engine.nodeHostDeps() };
    const span = { start: 0, end: 0 };
    const inputs = Object.fromEntries(
      (['ROS_MASTER_URI', 'ROS_IP', 'ROS_HOSTNAME'] as const)
        .filter((k) => p.variables.get(k))
        .map((k) => [k, { value: p.variables.get(k)!, span }]),
    );
    const found = await engine.hostFindings(inputs, this.host.deps, { cache: this.host.cache });
    const local = found.map(localFactOf).filter((f): f is LocalFact => f !== undefined);
    let startup: StartupConflict | undefined;
    try {
      const conflicts = this.startup.conflicts(planToEnv(this.plan(p)));
      const first = conflicts[0];
      if (first)
        startup = {
          name: first.name,
          value: first.op === 'unset' ? '(unset)' : (first.value ?? ''),
          where: { label: this.startup.where(first), path: first.file, line: first.line },
          more: conflicts.length - 1,
        };
    } catch (e) {
      this.log.warn(`status: shell start-up files could not be read: ${String(e)}`);
    }
    return { local, ...(startup ? { startup } : {}) };
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.generation++;
    for (const d of this.subscriptions) d.dispose();
  }
}
