// A fix must never change what a working script does. Each fixture script is sourced in bash
// before and after every quick fix and after Fix All; the environment it leaves (`env -0`) and the
// environment each ROS/docker command it starts receives are compared: only the variables the fix
// edits may change, a literal value only to the value the fixed script assigns, and a value
// computed at run time (`$(…)`, `$VAR`, backticks) not at all.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintText, parseSource, prepareLint } from '../../../src/core/lint/lintEngine';
import { applyFixes } from '../../../src/core/lint/fixes/applyFixes';
import { fixAllEdits } from '../../../src/core/lint/fixes/applyFixes';
import type { Assignment, Fix, LintContext, TextEdit } from '../../../src/core/lint/types';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'lint', 'shell');
const CTX: LintContext = { os: 'linux' };
/** Arguments a user would pass when sourcing (the scripts parse options). */
const ARGS: Record<string, string[]> = { 'start_sim.sh': ['--domain', '12', '--rmw', 'rmw_fastrtps_cpp'], 'multimaster_env.bash': ['tb3'] };

const dir = mkdtempSync(join(tmpdir(), 'rosnet-shellfix-'));
const stubs = join(dir, 'bin');

/** Commands the scripts start: each records its argv and environment instead of running. */
function writeStubs(): void {
  mkdirSync(stubs);
  const record = `#!/bin/bash\n{ printf '%s\\0' "$(basename "$0")" "$@"; printf '\\1'; env -0; printf '\\2'; } >> "$STUB_LOG"\n`;
  for (const name of ['ros2', 'roslaunch', 'roscore', 'rosrun', 'docker', 'podman'])
    writeFileSync(join(stubs, name), record, { mode: 0o755 });
  writeFileSync(join(stubs, 'hostname'), '#!/bin/sh\n[ "$1" = -I ] && echo "192.168.0.105 10.0.0.2 " || echo robot\n', { mode: 0o755 });
  writeFileSync(join(stubs, 'ping'), '#!/bin/sh\nexit 1\n', { mode: 0o755 });
  for (const f of readdirSync(stubs)) chmodSync(join(stubs, f), 0o755);
}

type Env = Map<string, string>;
interface Run {
  readonly env: Env;
  /** One entry per stub call: its argv (joined) and environment, sorted (background jobs race). */
  readonly calls: ReadonlyArray<{ readonly argv: string; readonly env: Env }>;
}

const parseEnv = (s: string): Env =>
  new Map(
    s
      .split('\0')
      .filter(Boolean)
      .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)] as [string, string]),
  );

function source(file: string, args: readonly string[]): Run {
  const out = join(dir, 'env.out');
  const log = join(dir, 'stub.log');
  writeFileSync(log, '');
  rmSync(out, { force: true });
  // set -a: every assignment is visible in env -0, exported or not. The trap also catches `exit`.
  const script = 'set -a; trap \'wait; env -0 > "$OUT"\' EXIT; cd "$WORK"; . "$1" "${@:2}"';
  try {
    execFileSync('bash', ['--norc', '--noprofile', '-c', script, 'bash', file, ...args], {
      env: { PATH: `${stubs}:/usr/bin:/bin`, HOME: dir, TMPDIR: dir, WORK: dir, OUT: out, STUB_LOG: log, LANG: 'C' },
      stdio: ['ignore', 'ignore', 'ignore'],
      timeout: 20_000,
    });
  } catch {
    // A script may end with a failing command; what it left is in env.out.
  }
  const env = parseEnv(readFileSync(out, 'utf8'));
  const calls = readFileSync(log, 'utf8')
    .split('\x02')
    .filter((r) => r.includes('\x01'))
    .map((r) => {
      const [argv, e] = r.split('\x01') as [string, string];
      return { argv: argv.split('\0').join(' ').trim(), env: parseEnv(e) };
    })
    .sort((a, b) => (a.argv < b.argv ? -1 : a.argv > b.argv ? 1 : 0));
  return { env, calls };
}

/**
 * Names assigned on the lines an edit touches, before or after it (the variables a fix may change),
 * read from the text with a regex, not with the parser under test: true when the original line
 * computes the value at run time (`$`, a backtick).
 */
function targets(original: string, fixed: string, edits: readonly TextEdit[]): Map<string, boolean> {
  const names = new Map<string, boolean>();
  const lineOf = (t: string, start: number, end: number) =>
    t.slice(t.lastIndexOf('\n', start - 1) + 1, (t.indexOf('\n', end) + 1 || t.length + 1) - 1);
  let shift = 0;
  for (const e of [...edits].sort((a, b) => a.span.start - b.span.start)) {
    const before = lineOf(original, e.span.start, e.span.end);
    const after = lineOf(fixed, e.span.start + shift, e.span.start + shift + e.newText.length);
    for (const m of before.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\+?=(\S*)/g))
      names.set(m[1]!, (names.get(m[1]!) ?? false) || /[$`]/.test(m[2]!));
    for (const m of after.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\+?=/g)) if (!names.has(m[1]!)) names.set(m[1]!, false);
    shift += e.newText.length - (e.span.end - e.span.start);
  }
  return names;
}

/** The literal values the fixed script assigns to `name`, and whether one is computed. */
function assigned(assignments: readonly Assignment[], name: string): { literals: Set<string>; computed: boolean } {
  const mine = assignments.filter((a) => a.name === name);
  return { literals: new Set(mine.flatMap((a) => (a.value !== undefined ? [a.value] : []))), computed: mine.some((a) => a.computed) };
}

function compareEnv(
  what: string,
  before: Env,
  after: Env,
  allowed: ReadonlyMap<string, boolean>,
  noisy: ReadonlySet<string>,
  fixedAs: readonly Assignment[],
): void {
  const keys = new Set([...before.keys(), ...after.keys()]);
  for (const k of keys) {
    if (noisy.has(k) || before.get(k) === after.get(k)) continue;
    assert.ok(
      allowed.has(k),
      `${what}: ${k} changed (${JSON.stringify(before.get(k))} → ${JSON.stringify(after.get(k))}) but the fix edits only ${[...allowed.keys()].join(', ')}`,
    );
    const v = after.get(k);
    if (v === undefined) continue; // removed or renamed by the fix
    if (allowed.get(k)) {
      // A run-time value may move to another name (a rename), never change.
      const carried = [...allowed.keys()].some((t) => before.get(t) === v);
      assert.ok(
        carried,
        `${what}: ${k} was computed at run time (${JSON.stringify(before.get(k))}) and the fix made it ${JSON.stringify(v)}`,
      );
      continue;
    }
    const now = assigned(fixedAs, k);
    assert.ok(
      now.literals.has(v) || now.computed,
      `${what}: ${k} became ${JSON.stringify(v)}, not a value the fixed script assigns (${[...now.literals].join(', ')})`,
    );
  }
}

/** What `docker run -e …` puts into the container: NAME=value, or NAME from the caller's environment. */
function containerEnv(c: { argv: string; env: Env }): Env {
  const out: Env = new Map();
  for (const m of c.argv.matchAll(/ (?:-e|--env)(?:=| )(\S+)/g)) {
    const eq = m[1]!.indexOf('=');
    if (eq > 0) out.set(m[1]!.slice(0, eq), m[1]!.slice(eq + 1));
    else if (c.env.has(m[1]!)) out.set(m[1]!, c.env.get(m[1]!)!);
  }
  return out;
}

function compareRuns(what: string, a: Run, b: Run, allowed: ReadonlyMap<string, boolean>, noisy: ReadonlySet<string>, fixed: string): void {
  const fixedAs = parseSource('shell', fixed).assignments;
  compareEnv(what, a.env, b.env, allowed, noisy, fixedAs);
  // A container fix edits the docker command line itself: only the options it names may change.
  const options = /--network host|--ipc host|-p options/.exec(what);
  const argv = (c: { argv: string }) =>
    options && /^(docker|podman) /.test(c.argv) ? c.argv.replace(/ (--network|--net|--ipc)(=| )\S+| -p \S+/g, '') : c.argv;
  // `-e NAME=value` / `-e NAME` are the container's environment: compared as one, like the shell's.
  const noEnv = (c: { argv: string }) => argv(c).replace(/ (-e|--env)(=| )\S+/g, '');
  assert.deepEqual(b.calls.map(noEnv), a.calls.map(noEnv), `${what}: the commands the script starts changed`);
  a.calls.forEach((c, i) =>
    compareEnv(`${what} (container of '${c.argv}')`, containerEnv(c), containerEnv(b.calls[i]!), allowed, noisy, fixedAs),
  );
  a.calls.forEach((c, i) => compareEnv(`${what} (environment of '${c.argv}')`, c.env, b.calls[i]!.env, allowed, noisy, fixedAs));
}

before(async () => {
  await prepareLint('shell');
  writeStubs();
});

const scripts = readdirSync(FIXTURES).filter((f) => /\.(sh|bash)$/.test(f));

for (const name of scripts) {
  test(`every fix of ${name} changes only the variable it targets, in bash`, () => {
    const path = join(FIXTURES, name);
    const original = readFileSync(path, 'utf8');
    const args = ARGS[name] ?? [];
    const file = join(dir, name);
    writeFileSync(file, original);
    const base = source(file, args);
    // What differs between two runs of the same script (PIDs of background jobs) is not the fix's doing.
    const again = source(file, args);
    const noisy = new Set(['_', ...[...base.env.keys()].filter((k) => base.env.get(k) !== again.env.get(k))]);
    const lint = (t: string) => lintText(path, t, CTX).findings;
    const fixes: Array<{ title: string; fix: Fix }> = lint(original).flatMap((f) =>
      (f.fixes ?? []).map((fix) => ({ title: `${f.code} '${fix.title}'`, fix })),
    );
    for (const { title, fix } of fixes) {
      const fixed = applyFixes(original, [fix]);
      writeFileSync(file, fixed);
      compareRuns(`${name}: ${title}`, base, source(file, args), targets(original, fixed, fix.edits), noisy, fixed);
    }
    const all = fixAllEdits(original, lint);
    if (all.length) {
      const fixed = applyFixes(original, [{ title: 'all', edits: all }]);
      writeFileSync(file, fixed);
      compareRuns(
        `${name}: Fix All (${fixes
          .filter((f) => f.fix.isPreferred)
          .map((f) => f.title)
          .join(', ')})`,
        base,
        source(file, args),
        targets(original, fixed, all),
        noisy,
        fixed,
      );
    }
  });
}

test('the fixtures exercise quick fixes', () => {
  const count = scripts.reduce(
    (n, f) => n + lintText(join(FIXTURES, f), readFileSync(join(FIXTURES, f), 'utf8'), CTX).findings.filter((x) => x.fixes?.length).length,
    0,
  );
  assert.ok(count >= 8, `only ${count} findings with fixes: the fix-safety test would prove little`);
  rmSync(dir, { recursive: true, force: true });
});
