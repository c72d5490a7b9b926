import { lintText, MAX_LINT_BYTES, prepareLint } from './lintEngine';
import { NODE_LINT_FS, walkFiles, type LintFs, type WalkedFile } from './walkFiles';
import type { FileLintReport } from './report/locate';
import type { LintContext } from './types';

const decoder = new TextDecoder('utf-8');

/** Reads and lints one walked file; an unreadable file becomes an error finding, never a throw. */
export async function lintWalkedFile(f: WalkedFile, ctx: LintContext, fs: LintFs = NODE_LINT_FS): Promise<FileLintReport> {
  let buf: Buffer;
  try {
    buf = await fs.readFile(f.path, MAX_LINT_BYTES + 1);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return {
      file: f.file,
      text: '',
      findings: [{ code: 'FMT001', severity: 'error', message: `Not linted: cannot read the file (${why})`, span: { start: 0, end: 0 } }],
    };
  }
  if (buf.length > MAX_LINT_BYTES) {
    // One char per byte: the engine sees a text over its cap and answers with its own message
    // without the CLI decoding (or holding) the whole file.
    return { file: f.file, text: '', findings: lintText(f.path, buf.toString('latin1'), ctx, f.kind).findings };
  }
  await prepareLint(f.kind).catch(() => undefined);
  // VS Code drops a UTF-8 BOM from the document; columns are counted without it there too.
  const text = decoder.decode(buf).replace(/^\uFEFF/, '');
  return { file: f.file, text, findings: lintText(f.path, text, ctx, f.kind).findings };
}

export interface LintPathsResult {
  readonly reports: readonly FileLintReport[];
  readonly missing: readonly string[];
  readonly skipped: readonly string[];
}

/** `rosnet lint`'s core: walk the paths, lint every file; one report per file, sorted by path. */
export async function lintPaths(
  args: readonly string[],
  cwd: string,
  ctx: LintContext,
  fs: LintFs = NODE_LINT_FS,
): Promise<LintPathsResult> {
  const walk = await walkFiles(args, cwd, fs);
  const reports: FileLintReport[] = [];
  for (const f of walk.files) reports.push(await lintWalkedFile(f, ctx, fs));
  for (const p of walk.problems)
    reports.push({
      file: p.file,
      text: '',
      findings: [{ code: 'FMT001', severity: 'error', message: `Not linted: ${p.message}`, span: { start: 0, end: 0 } }],
    });
  reports.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { reports, missing: walk.missing, skipped: walk.skipped };
}
