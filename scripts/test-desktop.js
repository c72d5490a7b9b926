#!/usr/bin/env node
// `npm run test:desktop`: the extension-host suites in a desktop VS Code downloaded by
// @vscode/test-electron (machines with internet access; CI here uses code-server instead).
const path = require('node:path');
const fs = require('node:fs');
const esbuild = require('esbuild');
const { runTests } = require('@vscode/test-electron');

async function main() {
  const root = path.resolve(__dirname, '..');
  const suites = fs
    .readdirSync(path.join(root, 'test/integration'))
    .filter((f) => f.endsWith('.host.ts'))
    .sort();
  const entry = path.join(root, 'out/desktop/entry.ts');
  fs.mkdirSync(path.dirname(entry), { recursive: true });
  fs.writeFileSync(
    entry,
    `export { run } from '../../test/desktop/suiteIndex';\n(globalThis as any).__HOST_SUITES__ = [${suites.map((s) => `() => require('../../test/integration/${s}')`).join(', ')}];\n`,
  );
  await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
    outfile: path.join(root, 'out/desktop/index.js'),
    logLevel: 'error',
  });
  const workspace = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'rosnet-desktop-'));
  fs.cpSync(path.join(root, 'test/fixtures/workspace'), workspace, { recursive: true });
  const code = await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out/desktop/index.js'),
    launchArgs: [workspace, '--disable-workspace-trust', '--disable-extensions'],
  });
  process.exit(code);
}

main().catch((e) => {
  console.error(`test:desktop failed: ${e instanceof Error ? e.message : e}`);
  console.error(
    'This runner downloads VS Code from update.code.visualstudio.com; use `npm run test:integration` (code-server) where that is not reachable.',
  );
  process.exit(1);
});
