import * as vscode from 'vscode';
import { LintSettingKeys, SECTION } from '../../ids';
import { parseRuleSettings, type RuleSetting } from '../../core/lint/settings/ruleSettings';
import { DEFAULT_LINT_EXCLUDE } from '../../core/lint/settings/lintGlobs';

export interface LintSettingsView {
  readonly enabled: boolean;
  readonly rules: ReadonlyMap<string, RuleSetting>;
  readonly ruleProblems: readonly string[];
  readonly exclude: readonly string[];
}

/** Typed facade over `rosNetwork.lint.*`, read per resource (folder settings can differ). */
export function readLintSettings(uri?: vscode.Uri): LintSettingsView {
  const c = vscode.workspace.getConfiguration(SECTION, uri);
  const exclude = c.get<unknown>('lint.exclude');
  const { rules, problems } = parseRuleSettings(c.get<unknown>('lint.rules'));
  return {
    enabled: c.get<boolean>('lint.enabled') !== false,
    rules,
    ruleProblems: problems,
    exclude: Array.isArray(exclude) ? exclude.filter((g): g is string => typeof g === 'string' && g.trim() !== '') : DEFAULT_LINT_EXCLUDE,
  };
}

export function affectsLintSettings(e: vscode.ConfigurationChangeEvent): boolean {
  return (
    e.affectsConfiguration(LintSettingKeys.enabled) ||
    e.affectsConfiguration(LintSettingKeys.rules) ||
    e.affectsConfiguration(LintSettingKeys.exclude)
  );
}
