// Lints a folder of real repositories the way `rosnet lint` does and prints, per file kind, the
// files, the findings by code and severity, and the time: the precision measurement of issue 12.
// It fetches nothing. Usage:
//   node --import tsx scripts/corpus-lint.ts <path> [--engine <checkout>] [--cli <dist/cli.js>]
//        [--kinds <FILES.tsv>] [--dump <findings.tsv>]
// --engine lints with another checkout's src (e.g. a worktree of an older commit), --cli also runs
// that built CLI over the path (exit code, stderr, wall time), --kinds compares the detected kinds
// with a corpus index (repo, kind, path rows), --dump writes every finding with its line for review.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import type { FileLintReport } from '../src/core/lint/report/locate';
import type { WalkResult } from '../src/core/lint/walkFiles';
import type { LintContext } from '../src/core/lint/types';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    engine: { type: 'string', default: resolve(__dirname, '..') },
    cli: { type: 'string' },
    kinds: { type: 'string' },
    dump: { type: 'string' },
  },
});
const target = positionals[0];
if (!target) {
  process.stderr.write('usage: corpus-lint.ts <path> [--engine <checkout>] [--cli <cli.js>] [--kinds FILES.tsv] [--dump out.tsv]\n');
  process.exit(2);
}
const root = resolve(target);
const engine = resolve(values.engine);

interface Engine {
  walkFiles(args: readonly string[], cwd: string): Promise<WalkResult>;
  lintWalkedFile(f: WalkResult['files'][number], ctx: LintContext): Promise<FileLintReport>;
}

async function load(): Promise<Engine> {
  const walk = (await import(pathToFileURL(`${engine}/src/core/lint/walkFiles.ts`).href)) as Pick<Engine, 'walkFiles'>;
  const lint = (await import(pathToFileURL(`${engine}/src/core/lint/walkLint.ts`).href)) as Pick<Engine, 'lintWalkedFile'>;
  return { walkFiles: walk.walkFiles, lintWalkedFile: lint.lintWalkedFile };
}

/** 1-based line of an offset. */
function lineOf(text: string, offset: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

const pad = (s: string | number, n: number) => String(s).padStart(n);

async function main(): Promise<void> {
  const { walkFiles, lintWalkedFile } = await load();
  // The CLI's context without a profile: the file alone decides.
  const ctx: LintContext = { os: 'linux' };
  const walk = await walkFiles([root], root);
  type Row = { files: number; ms: number; bySeverity: Record<string, number>; byCode: Map<string, number> };
  const rows = new Map<string, Row>();
  const dump: string[] = ['file\tkind\tline\tcode\tseverity\tmessage\texcerpt'];
  const kindOf = new Map<string, string>();
  for (const f of walk.files) {
    const t0 = performance.now();
    const r = await lintWalkedFile(f, ctx);
    const ms = performance.now() - t0;
    kindOf.set(f.path, f.kind);
    const row = rows.get(f.kind) ?? { files: 0, ms: 0, bySeverity: { error: 0, warning: 0, info: 0 }, byCode: new Map() };
    rows.set(f.kind, row);
    row.files++;
    row.ms += ms;
    for (const x of r.findings) {
      row.bySeverity[x.severity] = (row.bySeverity[x.severity] ?? 0) + 1;
      const key = `${x.code} ${x.severity}`;
      row.byCode.set(key, (row.byCode.get(key) ?? 0) + 1);
      const excerpt = r.text.slice(x.span.start, Math.min(x.span.end, x.span.start + 80)).replace(/\s+/g, ' ');
      dump.push([f.file, f.kind, lineOf(r.text, x.span.start), x.code, x.severity, x.message.replace(/\s+/g, ' '), excerpt].join('\t'));
    }
  }
  const out: string[] = [];
  out.push(`engine ${engine}`, `path ${root}: ${walk.files.length} files linted, ${walk.problems.length} unreadable`, '');
  out.push(`${'kind'.padEnd(18)} ${pad('files', 6)} ${pad('error', 6)} ${pad('warn', 6)} ${pad('info', 6)} ${pad('ms', 8)}`);
  const total: Row = { files: 0, ms: 0, bySeverity: { error: 0, warning: 0, info: 0 }, byCode: new Map() };
  for (const [kind, r] of [...rows].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    out.push(
      `${kind.padEnd(18)} ${pad(r.files, 6)} ${pad(r.bySeverity.error!, 6)} ${pad(r.bySeverity.warning!, 6)} ${pad(r.bySeverity.info!, 6)} ${pad(r.ms.toFixed(0), 8)}`,
    );
    total.files += r.files;
    total.ms += r.ms;
    for (const s of ['error', 'warning', 'info']) total.bySeverity[s]! += r.bySeverity[s]!;
  }
  out.push(
    `${'total'.padEnd(18)} ${pad(total.files, 6)} ${pad(total.bySeverity.error!, 6)} ${pad(total.bySeverity.warning!, 6)} ${pad(total.bySeverity.info!, 6)} ${pad(total.ms.toFixed(0), 8)}`,
    '',
  );
  for (const [kind, r] of [...rows].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (!r.byCode.size) continue;
    const codes = [...r.byCode].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([c, n]) => `${c} ×${n}`);
    out.push(`${kind}: ${codes.join(', ')}`);
  }
  if (values.kinds) {
    // The corpus index's kind of each file against what the walker found (detection coverage).
    out.push('', 'detection against the index (index kind: files under the path, linted, linted as)');
    const base = resolve(values.kinds, '..');
    const byIndexKind = new Map<string, { files: number; linted: number; as: Map<string, number> }>();
    for (const line of readFileSync(values.kinds, 'utf8').split('\n').slice(1)) {
      const [, kind, rel] = line.split('\t');
      if (!kind || !rel) continue;
      const abs = resolve(base, rel);
      if (!abs.startsWith(root)) continue;
      const e = byIndexKind.get(kind) ?? { files: 0, linted: 0, as: new Map() };
      byIndexKind.set(kind, e);
      e.files++;
      const got = kindOf.get(abs);
      if (got) {
        e.linted++;
        e.as.set(got, (e.as.get(got) ?? 0) + 1);
      }
    }
    for (const [kind, e] of [...byIndexKind].sort((a, b) => (a[0] < b[0] ? -1 : 1)))
      out.push(`  ${kind.padEnd(16)} ${pad(e.files, 6)} ${pad(e.linted, 6)}  ${[...e.as].map(([k, n]) => `${k} ${n}`).join(', ')}`);
  }
  if (values.cli) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [resolve(values.cli), 'lint', root, '--format', 'json', '--os', 'linux'], {
      cwd: root,
      maxBuffer: 1 << 30,
      encoding: 'utf8',
    });
    const ms = performance.now() - t0;
    out.push(
      '',
      `cli ${values.cli}: exit ${r.status}${r.signal ? ` (${r.signal})` : ''}, ${ms.toFixed(0)} ms, stderr ${r.stderr.length} bytes`,
    );
    if (r.stderr)
      out.push(
        ...r.stderr
          .split('\n')
          .slice(0, 5)
          .map((l) => `  stderr: ${l}`),
      );
  }
  if (values.dump) writeFileSync(values.dump, dump.join('\n') + '\n');
  process.stdout.write(out.join('\n') + '\n');
}

void main();
