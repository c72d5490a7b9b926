// Builds the bundles with the project's own esbuild.js into a throwaway folder (a symlinked copy of
// the checkout), so a benchmark never overwrites dist/ while others test against it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const ROOT = join(__dirname, '..', '..');

/**
 * `root` may be another checkout (a `git worktree` of an older commit, for before/after rows); without
 * node_modules of its own it builds with this checkout's.
 */
export function buildBundles(production: boolean, root: string = ROOT): string {
  const dir = mkdtempSync(join(tmpdir(), 'rosnet-bench-build-'));
  for (const p of ['src', 'package.json', 'tsconfig.json']) symlinkSync(join(root, p), join(dir, p));
  symlinkSync(join(existsSync(join(root, 'node_modules')) ? root : ROOT, 'node_modules'), join(dir, 'node_modules'));
  execFileSync(process.execPath, [join(root, 'esbuild.js'), ...(production ? ['--production'] : [])], { cwd: dir, stdio: 'pipe' });
  return join(dir, 'dist');
}

export interface BundleSize {
  readonly file: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

export function bundleSizes(dist: string): BundleSize[] {
  return readdirSync(dist)
    .filter((f) => f.endsWith('.js'))
    .sort()
    .map((f) => ({ file: f, bytes: statSync(join(dist, f)).size, gzipBytes: gzipSync(readFileSync(join(dist, f))).length }));
}
