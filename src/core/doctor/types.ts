/**
 * The network doctor's data model. The JSON the CLI prints (`rosnet doctor --json`) is exactly a
 * `DoctorReport`; `schema` changes whenever a field is renamed or removed (additions keep it).
 */
export type Verdict = 'ok' | 'warning' | 'error' | 'skipped';

export type CheckGroup = 'syntax' | 'master' | 'local' | 'nodes' | 'reverse' | 'ros2';

export const GROUP_TITLES: Record<CheckGroup, string> = {
  syntax: 'Variables',
  master: 'ROS master',
  local: 'This machine’s advertised address',
  nodes: 'Registered nodes',
  reverse: 'Reverse reachability',
  ros2: 'ROS 2 discovery',
};

export const GROUP_ORDER: readonly CheckGroup[] = ['syntax', 'master', 'local', 'nodes', 'reverse', 'ros2'];

/** A fix the adapters can apply; checks without one only explain what to do. */
export type FixAction = { readonly kind: 'set-ros-ip'; readonly address: string };

export interface CheckFix {
  readonly title: string;
  readonly action?: FixAction;
}

export interface Check {
  /** Stable id, e.g. `master.answers` or `nodes.ping:/talker`. */
  readonly id: string;
  readonly group: CheckGroup;
  readonly title: string;
  readonly verdict: Verdict;
  /** What was observed, one fact per line. For `skipped`, the first line is the reason. */
  readonly evidence: readonly string[];
  readonly fix?: CheckFix;
}

export type DoctorSourceKind = 'environment' | 'profile' | 'env-file';

export interface DoctorInput {
  readonly source: { readonly kind: DoctorSourceKind; readonly name: string };
  readonly rosVersion: 1 | 2;
  /** The variables as the user wrote them (profile fields, env file entries, process env). */
  readonly variables: ReadonlyMap<string, string>;
  /** The file text when the source is a file, so the lint sees real spans and format problems. */
  readonly file?: { readonly path: string; readonly text: string };
  /**
   * Run in a terminal of a ROS Network profile (its ROSNET_PROFILE / ROSNET_PINNED markers): the
   * profile and the variables it pinned, so the report can say where a winning value came from.
   */
  readonly terminal?: {
    readonly profile: string;
    readonly pinned: readonly string[];
    /** What the profile gave this terminal when it started (the ROSNET_SET marker), to say what changed since. */
    readonly injected?: ReadonlyMap<string, string>;
  };
  /** For a profile: what its terminals get (the profile's values, pinned and cleared ones), as the terminal env plan says. */
  readonly terminalPlan?: readonly TerminalEntry[];
}

/** One variable of a terminal env plan (core/env/envPlan's EnvEntry, restated so the report types stand alone). */
export interface TerminalEntry {
  readonly name: string;
  readonly value: string;
  readonly kind: 'profile' | 'pinned' | 'blanked';
  readonly reason?: string;
}

export interface DoctorOptions {
  /** Timeout of every single network operation, DNS lookups included (ms); the whole run ends by twice it. */
  readonly timeoutMs?: number;
  /** Nodes pinged at once. */
  readonly nodeConcurrency?: number;
  /** Nodes checked at most (a huge graph is sampled, and the report says so). */
  readonly maxNodes?: number;
  /**
   * ROS 2: how long to listen to the domain's discovery traffic (default 3500 ms: one Fast DDS
   * re-announce period; Cyclone re-announces every 8 s, so one started earlier can be missed).
   */
  readonly listenMs?: number;
  readonly signal?: AbortSignal;
}

export interface DoctorReport {
  readonly schema: 'rosnet.doctor/1';
  readonly generatedAt: string;
  readonly source: DoctorInput['source'];
  readonly rosVersion: 1 | 2;
  /** The worst verdict of all checks (skipped counts as ok). */
  readonly verdict: 'ok' | 'warning' | 'error';
  readonly summary: Readonly<Record<Verdict, number>>;
  readonly checks: readonly Check[];
  readonly durationMs: number;
}

export function worst(verdicts: Iterable<Verdict>): 'ok' | 'warning' | 'error' {
  let w: 'ok' | 'warning' | 'error' = 'ok';
  for (const v of verdicts) {
    if (v === 'error') return 'error';
    if (v === 'warning') w = 'warning';
  }
  return w;
}

const VERDICT_RANK: Record<Verdict, number> = { error: 0, warning: 1, ok: 2, skipped: 3 };

/**
 * The report as every renderer shows it: groups with an error first, then those with a warning
 * (GROUP_ORDER breaks ties), and inside a group errors, warnings, ok, skipped. A reader meets the
 * problems before the passes. `index` is the check's position in `report.checks` (the panel's fix ids).
 */
export function orderedGroups(report: DoctorReport): Array<{ group: CheckGroup; checks: Array<{ check: Check; index: number }> }> {
  const out = GROUP_ORDER.map((group) => ({
    group,
    checks: report.checks
      .map((check, index) => ({ check, index }))
      .filter(({ check }) => check.group === group)
      .sort((a, b) => VERDICT_RANK[a.check.verdict] - VERDICT_RANK[b.check.verdict] || a.index - b.index),
  })).filter((g) => g.checks.length > 0);
  const rank = (g: (typeof out)[number]) => Math.min(...g.checks.map((c) => Math.min(VERDICT_RANK[c.check.verdict], 2)));
  return out
    .map((g, i) => ({ g, i }))
    .sort((a, b) => rank(a.g) - rank(b.g) || a.i - b.i)
    .map(({ g }) => g);
}
