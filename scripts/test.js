#!/usr/bin/env node
// Runs a test tier with node:test under tsx. Tiers: unit, integration, e2e, net, all.
// Files: test/<tier>/**/*.test.ts (integration/e2e tiers start real code-server + Chromium).
// The unit tier runs in one process (scripts/test-one-process.js): `node --test` starts a process,
// and tsx in it, per file, which was most of the tier's time. The other tiers keep a process per file.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const tiers = { unit: 'test/unit', integration: 'test/integration', e2e: 'test/e2e', net: 'test/net' };

function find(dir) {
  const out = [];
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...find(p));
    else if (e.name.endsWith('.test.ts')) out.push(p);
  }
  return out.sort();
}

const args = process.argv.slice(2);
const wanted = args.filter((a) => !a.startsWith('-'));
const names = wanted.length === 0 || wanted.includes('all') ? Object.keys(tiers) : wanted;
let failed = false;
for (const name of names) {
  const dir = tiers[name];
  if (!dir) {
    console.error(`unknown test tier '${name}' (known: ${Object.keys(tiers).join(', ')}, all)`);
    process.exit(2);
  }
  const files = find(path.join(root, dir));
  if (files.length === 0) {
    console.error(`test tier '${name}' has no test files under ${dir}`);
    failed = true;
    continue;
  }
  console.log(`\n=== ${name}: ${files.length} file(s) ===`);
  const runner = name === 'unit' ? [path.join(__dirname, 'test-one-process.js')] : ['--test', '--test-concurrency=1'];
  const r = spawnSync(process.execPath, ['--import', 'tsx', ...runner, ...files], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`=== ${name}: FAILED (exit ${r.status}) ===`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
