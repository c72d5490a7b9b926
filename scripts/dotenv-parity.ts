// dotenv-linter parity (issue 12 §7): lints dotenv-linter's own test cases, extracted to a folder
// (fixtures/unit/<Check>.json: per test, input lines with the expected message of that check or
// null; fixtures/cli/<Check>/<test>.env + .expected: a whole file and the lines dotenv-linter
// prints), and prints per check how many cases agree. It fetches nothing. Usage:
//   node --import tsx scripts/dotenv-parity.ts <fixtures dir> [--engine <checkout>] [--verbose]
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import type { Finding, LintContext } from '../src/core/lint/types';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { engine: { type: 'string', default: resolve(__dirname, '..') }, verbose: { type: 'boolean', default: false } },
});
if (!positionals[0]) {
  process.stderr.write('usage: dotenv-parity.ts <fixtures dir> [--engine <checkout>] [--verbose]\n');
  process.exit(2);
}
const dir: string = positionals[0];

const CHECKS = [
  'DuplicatedKey',
  'EndingBlankLine',
  'ExtraBlankLine',
  'IncorrectDelimiter',
  'KeyWithoutValue',
  'LeadingCharacter',
  'LowercaseKey',
  'QuoteCharacter',
  'SpaceCharacter',
  'SubstitutionKey',
  'TrailingWhitespace',
  'UnorderedKey',
  'ValueWithoutQuotes',
];

interface UnitFile {
  readonly check: string;
  readonly cases: ReadonlyArray<{ readonly test: string; readonly lines: ReadonlyArray<readonly [string, string | null]> }>;
}

async function main(): Promise<void> {
  const engine = resolve(values.engine);
  const { lintText } = (await import(pathToFileURL(`${engine}/src/core/lint/lintEngine.ts`).href)) as {
    lintText(path: string, text: string, ctx: LintContext, kind?: 'dotenv'): { findings: readonly Finding[] };
  };
  // UnorderedKey is off by default (as the catalogue says); the parity run turns it on.
  const ctx = { os: 'linux', optIn: new Set(['UnorderedKey']) } as LintContext;
  /** Our dotenv-linter findings as `line Check: message`, the message cut to dotenv-linter's text. */
  const ours = (text: string, only?: string, expected: ReadonlyMap<number, readonly string[]> = new Map()): string[] => {
    const starts = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    const lineOf = (o: number) => {
      let n = 0;
      while (n + 1 < starts.length && starts[n + 1]! <= o) n++;
      return n + 1;
    };
    return lintText('/parity/.env', text, ctx, 'dotenv')
      .findings.filter((f) => f.code === 'FMT001')
      .flatMap((f) => {
        const m = /^(\w+): (.*)$/s.exec(f.message);
        if (!m || !CHECKS.includes(m[1]!) || (only && m[1] !== only)) return [];
        // Our messages may add why (e.g. "(line 3); the later value wins"): dotenv-linter's text must be their start.
        const line = f.code === 'FMT001' && m[1] === 'EndingBlankLine' ? lineOf(Math.max(0, f.span.start - 1)) : lineOf(f.span.start);
        const msg = (expected.get(line) ?? []).find((w) => m[2]!.startsWith(w)) ?? m[2]!;
        return [`${line} ${m[1]}: ${msg}`];
      });
  };
  const score = new Map<string, { ok: number; all: number }>(CHECKS.map((c) => [c, { ok: 0, all: 0 }]));
  const misses: string[] = [];
  const tally = (check: string, ok: boolean, what: string, want: string[], got: string[]) => {
    const s = score.get(check)!;
    s.all++;
    if (ok) s.ok++;
    else misses.push(`${what}\n    want ${JSON.stringify(want)}\n    got  ${JSON.stringify(got)}`);
  };
  for (const f of readdirSync(join(dir, 'unit')).sort()) {
    const u = JSON.parse(readFileSync(join(dir, 'unit', f), 'utf8')) as UnitFile;
    for (const c of u.cases) {
      // Each input is one line; a last input of exactly "\n" is the line break that ends the file.
      const raw = c.lines.map((l) => l[0]);
      const text = raw.length && /^\r?\n$/.test(raw[raw.length - 1]!) ? raw.slice(0, -1).join('\n') + raw[raw.length - 1] : raw.join('\n');
      const expected = new Map<number, string[]>();
      c.lines.forEach(([, m], i) => m && expected.set(i + 1, [m]));
      const want = [...expected].map(([l, m]) => `${l} ${u.check}: ${m}`);
      const got = ours(text, u.check, expected);
      tally(u.check, JSON.stringify(got.sort()) === JSON.stringify(want.sort()), `unit ${u.check}/${c.test}`, want, got);
    }
  }
  for (const check of readdirSync(join(dir, 'cli')).sort()) {
    for (const f of readdirSync(join(dir, 'cli', check))
      .filter((x) => x.endsWith('.env'))
      .sort()) {
      const text = readFileSync(join(dir, 'cli', check, f), 'utf8');
      const want = readFileSync(join(dir, 'cli', check, f.replace(/\.env$/, '.expected')), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => l.replace(/^[^:]*:(\d+) /, '$1 '));
      const expected = new Map<number, string[]>();
      for (const w of want) {
        const line = Number(w.split(' ')[0]);
        expected.set(line, [...(expected.get(line) ?? []), w.slice(w.indexOf(': ') + 2)]);
      }
      const got = ours(text, undefined, expected);
      tally(check, JSON.stringify(got.sort()) === JSON.stringify([...want].sort()), `cli ${check}/${f}`, want, got);
    }
  }
  let ok = 0;
  let all = 0;
  const out = [`engine ${engine}`, '', `${'check'.padEnd(20)} agree / cases`];
  for (const [c, s] of score) {
    out.push(`${c.padEnd(20)} ${String(s.ok).padStart(5)} / ${s.all}`);
    ok += s.ok;
    all += s.all;
  }
  out.push(`${'total'.padEnd(20)} ${String(ok).padStart(5)} / ${all}`);
  if (values.verbose && misses.length) out.push('', 'disagreements:', ...misses.map((m) => `  ${m}`));
  process.stdout.write(out.join('\n') + '\n');
}

void main();
