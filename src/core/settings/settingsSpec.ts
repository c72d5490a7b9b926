import { DEFAULT_LINT_EXCLUDE } from '../lint/settings/lintGlobs';

/** Node's timers take at most 2^31−1 ms; a larger value fires after 1 ms. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Every `rosNetwork.*` setting but the profiles: its default (the same as package.json's — a test
 * compares them) and how a raw value is read, with the clamps defined once here. A value of the
 * wrong type reads as the default, never as a crash or a 1 ms timer.
 */
export interface SettingSpec<T> {
  readonly default: T;
  read(raw: unknown): T;
}

const bool = (d: boolean): SettingSpec<boolean> => ({ default: d, read: (v) => (typeof v === 'boolean' ? v : d) });

const number = (d: number, min: number, max: number): SettingSpec<number> => ({
  default: d,
  read: (v) => (typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : d),
});

const stringList = (d: readonly string[]): SettingSpec<readonly string[]> => ({
  default: d,
  read: (v) => (Array.isArray(v) ? v.filter((g): g is string => typeof g === 'string' && g.trim() !== '') : d),
});

const oneOf = <T extends string>(d: T, values: readonly T[]): SettingSpec<T> => ({
  default: d,
  read: (v) => (values.includes(v as T) ? (v as T) : d),
});

const record = (): SettingSpec<unknown> => ({ default: {}, read: (v) => v });

export const SETTING_SPECS = {
  'terminal.enabled': bool(true),
  'terminal.offerRelaunch': bool(true),
  'status.intervalSeconds': number(3, 0.5, MAX_TIMER_MS / 1000),
  'status.timeoutMs': number(2000, 100, MAX_TIMER_MS),
  'status.notifyOnChange': bool(false),
  'statusBar.enabled': bool(true),
  'lint.enabled': bool(true),
  /** Parsed and validated by core/lint/settings/ruleSettings (problems are reported, not dropped). */
  'lint.rules': record(),
  'lint.exclude': stringList(DEFAULT_LINT_EXCLUDE),
  'ros2.graphDiscovery': oneOf('whenVisible', ['whenVisible', 'never'] as const),
  'lint.include': stringList([]),
  'lint.markdown': bool(false),
} as const;

export type SettingKey = keyof typeof SETTING_SPECS;
