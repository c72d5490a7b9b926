import type { Span } from '../text/positions';
import type { RosGeneration } from '../ros/variables';
import type { TargetOs } from '../ros/domain';

export type Severity = 'error' | 'warning' | 'info';

export type FileKind =
  | 'dotenv'
  | 'shell'
  | 'compose'
  | 'ros1-launch'
  | 'ros2-launch-xml'
  | 'ros2-launch-yaml'
  | 'ros2-launch-py'
  | 'devcontainer'
  | 'settings'
  /** Fenced shell blocks of a README, only when rosNetwork.lint.markdown is on. */
  | 'markdown';

export interface TextEdit {
  readonly span: Span;
  readonly newText: string;
}

export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** The safe, obvious fix ("Fix all" applies only these). */
  readonly isPreferred?: boolean;
}

export interface Finding {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  readonly fixes?: readonly Fix[];
}

/** One variable assignment somewhere in a file, with exact spans. */
export interface Assignment {
  readonly name: string;
  /** undefined for key-only entries (compose `- ROS_IP`) and unsets. */
  readonly value: string | undefined;
  readonly keySpan: Span;
  /** Span of the value as written (inside quotes when quoted). */
  readonly valueSpan: Span;
  readonly op: 'set' | 'unset' | 'append' | 'arg';
  /** Assignments in the same scope see each other (PREC001 etc.). */
  readonly scope: string;
  /** `.env`/shell quoting, for FMT rules. */
  readonly quote?: 'none' | 'single' | 'double';
  /** Raw value text including quotes (for quoting fixes). */
  readonly rawSpan?: Span;
  readonly exported?: boolean;
  /**
   * Known only at run time (shell `$(…)`, `$VAR`, backticks, arithmetic): `value` is undefined, the
   * rules give no verdict on it, and hovers show these parts (literal ones as written).
   */
  readonly computed?: readonly WordPart[];
}

/** A piece of a shell word: literal text (quotes and escapes removed) or an expansion as written. */
export interface WordPart {
  readonly text: string;
  readonly dynamic: boolean;
}

export interface LintContext {
  /** ROS generation when known (file kind, profile, distro, image tag). */
  readonly ros?: RosGeneration;
  readonly distro?: string;
  readonly os: TargetOs;
  /** The active profile's variables (XF rules). */
  readonly profile?: { readonly name: string; readonly variables: ReadonlyMap<string, string> };
  /** Linux ephemeral range read from /proc, when known. */
  readonly ephemeral?: { lo: number; hi: number };
  /** Checks that are off by default and turned on (dotenv-linter's `UnorderedKey`). */
  readonly optIn?: ReadonlySet<string>;
}

/** What a source knows about one scope (a compose service, a devcontainer). */
export interface ScopeContext {
  readonly ros?: RosGeneration;
  readonly distro?: string;
  /** Rule codes not reported in this scope: the source's own finding covers their cause. */
  readonly quiet?: ReadonlySet<string>;
}

/** What a source parser hands to the rules. */
export interface SourceModel {
  readonly kind: FileKind;
  readonly text: string;
  /**
   * The assignments rules and hovers read: every name with a ruled prefix (isRuledName: ROS_*,
   * RMW_*, FAST*, CYCLONEDDS*, ZENOH*, which covers every variable in the catalogue) and the
   * `__` pseudo-variables of launch files. A source may leave the others out (the .env source does:
   * a large file is mostly unrelated keys).
   */
  readonly assignments: readonly Assignment[];
  /** Parse errors and source-specific structural findings (FMT, DC, launch structure). */
  readonly findings: Finding[];
  /** ROS generation implied by the file itself (launch dialect, image tag, ROS_VERSION). */
  readonly ros?: RosGeneration;
  readonly distro?: string;
  /** Per-scope context (a compose service's image tag, a devcontainer's image). */
  readonly scopes?: ReadonlyMap<string, ScopeContext>;
  /**
   * Where nested scopes begin (launch files run in order): an enclosing scope's assignment written
   * at or after this offset does not reach the scope. Scopes without an entry see all of them.
   */
  readonly scopeStarts?: ReadonlyMap<string, number>;
  /**
   * The span a "remove this assignment" fix deletes, when deleting it changes nothing else (line-based
   * sources). Without it, .env and shell files delete the whole line and other kinds get no such fix.
   */
  readonly removal?: (a: Assignment) => Span | undefined;
  /**
   * Rewrites an edit of a rule's fix so the file still means what the fix says (a shell value that
   * needs quoting gets it), or drops the fix (undefined). Source findings are built safe and skip it.
   */
  readonly fixEdit?: (edit: TextEdit) => TextEdit | undefined;
}
