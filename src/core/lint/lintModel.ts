import { valueRules, isRuledName, ROS2_ONLY, type ValueContext } from './rules/valueRules';
import { ROS1_KEYS } from '../ros/variables';
import { scopeRules, machineRules } from './rules/scopeRules';
import type { Assignment, Finding, Fix, LintContext, SourceModel, TextEdit } from './types';

// The rules over a parsed source, apart from the parsers (lintEngine.ts imports all of them): the
// doctor lints a profile's variables through this module without loading XML/YAML/Python parsers.

export const MAX_LINT_BYTES = 20 * 1024 * 1024;

/** The finding for a text the engine does not lint (too large, binary), or undefined. */
export function notLintable(text: string): Finding[] | undefined {
  if (text.length > MAX_LINT_BYTES)
    return [
      {
        code: 'FMT001',
        severity: 'info',
        message: `Not linted: the file is larger than ${MAX_LINT_BYTES / 1024 / 1024} MB`,
        span: { start: 0, end: 0 },
      },
    ];
  if (text.slice(0, 8192).includes('\0'))
    return [{ code: 'FMT001', severity: 'info', message: 'Not linted: this looks like a binary file', span: { start: 0, end: 0 } }];
  return undefined;
}

/** A parser or rule failure is itself one finding: linting never throws. */
export function unreadable(text: string, e: unknown): Finding[] {
  return [
    {
      code: 'FMT001',
      severity: 'error',
      message: `ROS Network could not read this file: ${e instanceof Error ? e.message : String(e)}`,
      span: { start: 0, end: Math.min(text.length, 1) },
    },
  ];
}

/** The whole line of an assignment, for "remove" fixes in line-based files. */
function lineSpan(text: string, a: Assignment): { start: number; end: number } {
  const start = text.lastIndexOf('\n', a.keySpan.start - 1) + 1;
  const nl = text.indexOf('\n', a.valueSpan.end);
  return { start, end: nl < 0 ? text.length : nl + 1 };
}

const notRemovable = (): undefined => undefined;

/** A finding with each fix's edits passed through the source's fixEdit; a fix with a dropped edit goes. */
function safeFixes(f: Finding, fixEdit: (e: TextEdit) => TextEdit | undefined): Finding {
  const fixes: Fix[] = [];
  for (const fix of f.fixes!) {
    const edits = fix.edits.map(fixEdit);
    if (edits.every((e): e is TextEdit => e !== undefined)) fixes.push({ ...fix, edits });
  }
  const { fixes: _, ...rest } = f;
  return fixes.length ? { ...rest, fixes } : rest;
}

const ROS1_NAMES: ReadonlySet<string> = new Set(ROS1_KEYS);
const ROS2_NAMES: ReadonlySet<string> = new Set(ROS2_ONLY);

export function lintModel(model: SourceModel, ctx: LintContext): Finding[] {
  // Parsers report errors at end of input as a 1-character span past the end: every span is kept
  // inside the text, so editors and SARIF never get a range they reject.
  const n = model.text.length;
  const clamp = (f: Finding): Finding => {
    const start = Math.min(Math.max(f.span.start, 0), n);
    const end = Math.min(Math.max(f.span.end, start), n);
    return start === f.span.start && end === f.span.end ? f : { ...f, span: { start, end } };
  };
  const findings: Finding[] = model.findings.map(clamp);
  const vars: Assignment[] = [];
  const machines: Assignment[] = [];
  // Each scope's own assignments, by their index in `vars` (document order).
  const own = new Map<string, number[]>();
  // Whether any scope encloses another ('a' encloses 'a/b'); flat files skip the ancestor walk below.
  let nested = false;
  for (const a of model.assignments) {
    if (a.name === '__machine_address') machines.push(a);
    if (!isRuledName(a.name)) continue;
    let list = own.get(a.scope);
    if (!list) {
      own.set(a.scope, (list = []));
      if (a.scope.includes('/')) nested = true;
    }
    list.push(vars.length);
    vars.push(a);
  }
  const lineBased = model.kind === 'dotenv' || model.kind === 'shell';
  // Rules of nested scopes see the same assignment again: one finding per code, span and message.
  const seen = new Set<string>();
  const fixEdit = model.fixEdit;
  const push = (raw: Finding) => {
    const f = clamp(fixEdit && raw.fixes ? safeFixes(raw, fixEdit) : raw);
    const key = `${f.code} ${f.span.start} ${f.span.end} ${f.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    findings.push(f);
  };
  // A scope sees the assignments of itself and of every enclosing scope ('a' encloses 'a/b'); the
  // last one in document order wins, an unset removes. Each scope's "last assignment per name"
  // (unsets kept) is its parent's plus its own: launch files have a scope per node, and a pass over
  // the whole file per scope would be quadratic.
  const full = new Map<string, ReadonlyMap<string, number>>();
  const inherited = new Map<string, ReadonlyMap<string, number>>();
  const prefixes = new Map<string, ReadonlyMap<string, number>>();
  const EMPTY: ReadonlyMap<string, number> = new Map();
  const starts = model.scopeStarts;
  const withOwn = (base: ReadonlyMap<string, number>, list: readonly number[], count: number): ReadonlyMap<string, number> => {
    if (count === 0) return base;
    const next = new Map(base);
    for (const j of list.slice(0, count)) if ((next.get(vars[j]!.name) ?? -1) < j) next.set(vars[j]!.name, j);
    return next;
  };
  // What `parent` passes to a child that starts at `pos`: what it inherited plus its own
  // assignments written before `pos` (one map per distinct cut, shared by the children after it).
  const before = (parent: string, pos: number): ReadonlyMap<string, number> => {
    const list = own.get(parent) ?? [];
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (vars[list[mid]!]!.keySpan.start < pos) lo = mid + 1;
      else hi = mid;
    }
    const key = `${parent}\0${lo}`;
    let m = prefixes.get(key);
    if (!m) prefixes.set(key, (m = withOwn(inherited.get(parent) ?? EMPTY, list, lo)));
    return m;
  };
  const lastIn = (scope: string): ReadonlyMap<string, number> => {
    const known = full.get(scope);
    if (known) return known;
    // Walk up to the nearest computed ancestor, then down again (no recursion: scopes nest deeply).
    const chain = [scope];
    for (let cut = scope.lastIndexOf('/'); cut >= 0 && !full.has(scope.slice(0, cut)); cut = scope.lastIndexOf('/', cut - 1))
      chain.push(scope.slice(0, cut));
    for (let i = chain.length - 1; i >= 0; i--) {
      const s = chain[i]!;
      const cut = s.lastIndexOf('/');
      const parent = cut < 0 ? undefined : s.slice(0, cut);
      const start = starts?.get(s);
      const inh = parent === undefined ? EMPTY : start !== undefined ? before(parent, start) : full.get(parent)!;
      inherited.set(s, inh);
      const mine = own.get(s) ?? [];
      full.set(s, withOwn(inh, mine, mine.length));
    }
    return full.get(scope)!;
  };
  for (const [scope, mine] of own) {
    // The effective assignments: in document order, the last per name wins, an unset removes.
    const env = new Map<string, Assignment>();
    let ros1Only = false;
    let ros2Only = false;
    if (!nested) {
      // Flat files (.env, compose services, settings): a scope sees only its own assignments.
      for (const j of mine) {
        const a = vars[j]!;
        if (a.op === 'unset') env.delete(a.name);
        else env.set(a.name, a);
      }
    } else {
      for (const j of lastIn(scope).values()) {
        const a = vars[j]!;
        if (a.op !== 'unset') env.set(a.name, a);
      }
    }
    for (const name of env.keys()) {
      if (ROS1_NAMES.has(name)) ros1Only = true;
      else if (ROS2_NAMES.has(name)) ros2Only = true;
    }
    const inferred = ros1Only && !ros2Only ? 1 : ros2Only && !ros1Only ? 2 : undefined;
    const cut = scope.indexOf('/');
    const scopeCtx =
      model.scopes && (cut < 0 ? model.scopes.get(scope) : (model.scopes.get(scope.slice(0, cut)) ?? model.scopes.get(scope)));
    // The file says first (its dialect, image, ROS_VERSION, the variables of this scope); the
    // active profile only when the file says nothing. Both generations' variables: a bridge.
    const ros = scopeCtx?.ros ?? model.ros ?? (ros1Only && ros2Only ? undefined : (inferred ?? ctx.ros));
    const distro = scopeCtx?.distro ?? model.distro ?? ctx.distro;
    const container = model.kind === 'compose' || model.kind === 'devcontainer' || scope.startsWith('container@');
    const here = {
      ...ctx,
      ...(ros ? { rosHere: ros } : {}),
      ...(distro ? { distroHere: distro } : {}),
      ...(container ? { container } : {}),
    };
    const renamable: ValueContext = { ...here, renamable: true };
    const notRenamable: ValueContext = { ...here, renamable: false };
    const quiet = scopeCtx?.quiet;
    const report = (f: Finding) => (quiet?.has(f.code) ? undefined : push(f));
    for (const j of mine) {
      const a = vars[j]!;
      for (const f of valueRules(a, a.op !== 'arg' ? renamable : notRenamable, env)) report(f);
    }
    for (const f of scopeRules(
      {
        scope,
        env,
        ros,
        kind: model.kind,
        removable: model.removal
          ? (a) => (a.scope === scope ? model.removal!(a) : undefined)
          : lineBased
            ? (a) => (a.scope === scope ? lineSpan(model.text, a) : undefined)
            : notRemovable,
      },
      ctx,
    ))
      report(f);
  }
  for (const f of machineRules(machines, ctx)) push(f);
  return findings.sort((a, b) => a.span.start - b.span.start || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
