import type { Finding, Severity } from '../types';

export type RuleSetting = 'off' | Severity;

const VALID: readonly string[] = ['off', 'error', 'warning', 'info'];

/** `rosNetwork.lint.rules` as written by the user, keeping only entries we understand (codes are case-insensitive). */
export function parseRuleSettings(raw: unknown): { rules: ReadonlyMap<string, RuleSetting>; problems: string[] } {
  const rules = new Map<string, RuleSetting>();
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { rules, problems };
  if (typeof raw !== 'object' || Array.isArray(raw))
    return { rules, problems: ['must be an object of RULE: "off" | "error" | "warning" | "info"'] };
  for (const [code, v] of Object.entries(raw as Record<string, unknown>)) {
    const s = typeof v === 'string' ? v.toLowerCase() : v;
    if (typeof s === 'string' && VALID.includes(s)) rules.set(code.toUpperCase(), s as RuleSetting);
    else problems.push(`${code}: ${JSON.stringify(v)} is not one of off, error, warning, info`);
  }
  return { rules, problems };
}

/** Checks off by default that a rule setting turns on (`"FMT001/UnorderedKey": "info"`), by their names. */
const OPT_IN: Readonly<Record<string, string>> = { 'FMT001/UNORDEREDKEY': 'UnorderedKey' };

/** The opt-in checks the settings turn on (LintContext.optIn). */
export function optInChecks(rules: ReadonlyMap<string, RuleSetting>): ReadonlySet<string> {
  return new Set(Object.entries(OPT_IN).flatMap(([key, name]) => (rules.has(key) && rules.get(key) !== 'off' ? [name] : [])));
}

/**
 * Findings with the user's severities; rules set to "off" are dropped. A dotenv-linter check can be
 * set on its own (`FMT001/QuoteCharacter`) and wins over its code's setting.
 */
export function applyRuleSettings(findings: readonly Finding[], rules: ReadonlyMap<string, RuleSetting>): Finding[] {
  if (rules.size === 0) return [...findings];
  return findings.flatMap((f) => {
    const check = f.code === 'FMT001' ? /^(\w+):/.exec(f.message)?.[1] : undefined;
    const s = (check && rules.get(`FMT001/${check.toUpperCase()}`)) || rules.get(f.code);
    if (s === undefined) return [f];
    return s === 'off' ? [] : [{ ...f, severity: s }];
  });
}
