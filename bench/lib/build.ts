// Builds the bundles with the project's own esbuild.js into a throwaway folder (a symlinked copy of
// the checkout), so a benchmark never overwrites dist/ while others test against it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const ROOT = join(__dirname, '..', '..');

export function buildBundles(production: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'rosnet-bench-build-'));
  for (const p of ['src', 'package.json', 'node_modules', 'tsconfig.json']) symlinkSync(join(ROOT, p), join(dir, p));
  execFileSync(process.execPath, [join(ROOT, 'esbuild.js'), ...(production ? ['--production'] : [])], { cwd: dir, stdio: 'pipe' });
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
