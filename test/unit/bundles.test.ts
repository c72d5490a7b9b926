// The bundles VS Code loads, built as esbuild.js builds them (in a temp folder), load in plain Node
// with `vscode` answered by a stub. A require esbuild left unresolved fails only when VS Code loads
// the bundle, which no other unit test does (jsonc-parser's UMD build broke activation that way).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { build, type BuildOptions } from 'esbuild';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { common, entries } = require('../../esbuild.js') as { common: BuildOptions; entries: Array<BuildOptions & { outfile: string }> };

// Every property of the stub is the stub again (enums, classes to extend, namespaces).
const STUB = `const stub = new Proxy(function () {}, { get: (t, k) => (k === 'prototype' ? {} : k === Symbol.toPrimitive ? () => '' : stub), getPrototypeOf: () => stub, construct: () => stub, apply: () => stub });
const M = require('module'); const orig = M._load; M._load = function (r, ...a) { return r === 'vscode' ? stub : orig.call(this, r, ...a); };`;

for (const outfile of ['dist/extension.js', 'dist/lint.js', 'dist/doctor.js']) {
  test(`${outfile} (as esbuild.js builds it) loads in Node`, async () => {
    const entry = entries.find((e) => e.outfile === outfile);
    assert.ok(entry, `esbuild.js builds ${outfile}`);
    const dir = mkdtempSync(join(tmpdir(), 'rosnet-bundle-'));
    try {
      const file = join(dir, basename(outfile));
      await build({ ...common, ...entry, outfile: file, sourcemap: false, logLevel: 'silent', plugins: [] });
      const r = spawnSync(process.execPath, ['-e', `${STUB}\nrequire(${JSON.stringify(file)});`], {
        encoding: 'utf8',
        env: { ...process.env, NODE_OPTIONS: '' },
      });
      assert.equal(r.status, 0, r.stderr);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
