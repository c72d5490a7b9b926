import * as vscode from 'vscode';
import { parseRuleSettings, type RuleSetting } from '../../core/lint/settings/ruleSettings';
import { settings } from '../settings';

export interface LintSettingsView {
  readonly enabled: boolean;
  readonly rules: ReadonlyMap<string, RuleSetting>;
  readonly ruleProblems: readonly string[];
  readonly exclude: readonly string[];
  /** Globs of files linted whatever their name (kind by content, else read as KEY=VALUE lines). */
  readonly include: readonly string[];
  /** Lint the fenced shell blocks of Markdown files. */
  readonly markdown: boolean;
}

/** Typed facade over `rosNetwork.lint.*`, read per resource (folder settings can differ). */
export function readLintSettings(uri?: vscode.Uri): LintSettingsView {
  const { rules, problems } = parseRuleSettings(settings.lint.rules.get(uri));
  return {
    enabled: settings.lint.enabled.get(uri),
    rules,
    ruleProblems: problems,
    exclude: settings.lint.exclude.get(uri),
    include: settings.lint.include.get(uri),
    markdown: settings.lint.markdown.get(uri),
  };
}

export function affectsLintSettings(e: vscode.ConfigurationChangeEvent): boolean {
  return Object.values(settings.lint).some((s) => s.isAffectedBy(e));
}
