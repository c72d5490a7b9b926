import { dotenvSource } from '../lint/sources/dotenvSource';
import { ROS1_ONLY, ROS2_ONLY, valueRules } from '../lint/rules/valueRules';
import { scopeRules } from '../lint/rules/scopeRules';
import type { Assignment, Finding, LintContext } from '../lint/types';

/** lintEngine's MAX_LINT_BYTES (importing it would load every parser). */
const MAX_LINT_BYTES = 20 * 1024 * 1024;

/**
 * The lint rules over a `.env`/shell text, without the lint engine's entry point: that module
 * imports every source (XML, YAML and Python launch parsers), whose loading alone cost the doctor
 * more than all its checks. This is the single-scope case of `lintModel` (a line-based file has one
 * scope); a unit test compares it with `lintText` on real files so the two cannot drift apart.
 */
export function lintEnvText(text: string, dialect: 'dotenv' | 'shell', ctx: LintContext): Finding[] {
  // The engine's guards, with its messages.
  if (text.length > MAX_LINT_BYTES) return [{ code: 'FMT001', severity: 'info', message: `Not linted: the file is larger than ${MAX_LINT_BYTES / 1024 / 1024} MB`, span: { start: 0, end: 0 } }];
  if (text.slice(0, 8192).includes('\0')) return [{ code: 'FMT001', severity: 'info', message: 'Not linted: this looks like a binary file', span: { start: 0, end: 0 } }];
  try {
    return lintModel(text, dialect, ctx);
  } catch (e) {
    return [{ code: 'FMT001', severity: 'error', message: `ROS Network could not read this file: ${e instanceof Error ? e.message : String(e)}`, span: { start: 0, end: Math.min(text.length, 1) } }];
  }
}

/** Shell scripts by name, as the lint engine detects them; everything else the doctor reads is a `.env`. */
export function envDialect(path: string): 'dotenv' | 'shell' {
  const base = path.replace(/\\/g, '/').split('/').pop() ?? '';
  return /\.(sh|bash|zsh)$/.test(base) || ['.bashrc', '.zshrc', '.profile', '.bash_profile'].includes(base) ? 'shell' : 'dotenv';
}

function lintModel(text: string, dialect: 'dotenv' | 'shell', ctx: LintContext): Finding[] {
  const model = dotenvSource(text, dialect);
  const n = text.length;
  const clamp = (f: Finding): Finding => {
    const start = Math.min(Math.max(f.span.start, 0), n);
    const end = Math.min(Math.max(f.span.end, start), n);
    return start === f.span.start && end === f.span.end ? f : { ...f, span: { start, end } };
  };
  const findings: Finding[] = model.findings.map(clamp);
  const seen = new Set<string>();
  const push = (raw: Finding) => {
    const f = clamp(raw);
    const key = `${f.code}:${f.span.start}:${f.span.end}:${f.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      findings.push(f);
    }
  };
  const vars = model.assignments.filter((a) => !a.name.startsWith('__'));
  for (const scope of new Set(vars.map((a) => a.scope))) {
    const env = new Map<string, Assignment>();
    for (const a of vars) if (a.scope === scope) env.set(a.name, a);
    const names = [...env.keys()];
    const has1 = names.some((x) => ROS1_ONLY.includes(x));
    const has2 = names.some((x) => ROS2_ONLY.includes(x));
    const ros = model.ros ?? ctx.ros ?? (has1 && !has2 ? 1 : has2 && !has1 ? 2 : undefined);
    const distro = model.distro ?? ctx.distro;
    const scopeEnv = new Map([...env].map(([k, a]) => [k, a.value]));
    for (const a of vars) {
      if (a.scope !== scope) continue;
      for (const f of valueRules(a, { ...ctx, ...(ros ? { rosHere: ros } : {}), ...(distro ? { distroHere: distro } : {}), renamable: true }, scopeEnv)) push(f);
    }
    for (const f of scopeRules({ scope, env, ...(ros ? { ros } : {}), kind: model.kind, removable: (a) => (a.scope === scope ? lineSpan(text, a) : undefined) }, ctx)) push(f);
  }
  return findings.sort((a, b) => a.span.start - b.span.start || a.code.localeCompare(b.code));
}

/** The whole line of an assignment, for "remove" fixes. */
function lineSpan(text: string, a: Assignment): { start: number; end: number } {
  const start = text.lastIndexOf('\n', a.keySpan.start - 1) + 1;
  const nl = text.indexOf('\n', a.valueSpan.end);
  return { start, end: nl < 0 ? text.length : nl + 1 };
}
