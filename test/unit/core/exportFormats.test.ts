import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { renderExport, shellQuote } from '../../../src/core/env/exportFormats';
import type { EnvPlan } from '../../../src/core/env/envPlan';
import { parseDotenv } from '../../../src/core/dotenv/dotenvParser';

const nasty = [
  'plain',
  'with spaces  inside',
  "it's quoted",
  'double "quotes"',
  '$HOME and ${HOME} and $(touch PWNED)',
  'a;touch PWNED',
  'a && touch PWNED &',
  '`touch PWNED`',
  'back\\slash\\',
  'multi\nline',
  'tab\there',
  '10.0.0.1;robot.local',
  '!history ~tilde *glob? [x]',
  "'; touch PWNED; echo '",
  '',
];

function plan(values: string[]): EnvPlan {
  return {
    profileName: 'evil $(touch PWNED)\n; rm',
    entries: values.map((v, i) => ({ name: `V${i}`, value: v, kind: 'profile' as const })),
  };
}

test('shell export lines round-trip through bash unchanged and run nothing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rosnet-quote-'));
  const script = renderExport(plan(nasty), 'shell');
  writeFileSync(join(dir, 'profile.sh'), script);
  const dump = nasty.map((_, i) => `printf '%s\\0' "$V${i}"`).join('; ');
  const out = execFileSync('bash', ['--norc', '--noprofile', '-c', `cd "${dir}" && source ./profile.sh && ${dump}`], { encoding: 'utf8' });
  assert.deepEqual(out.split('\0').slice(0, -1), nasty);
  assert.deepEqual(readdirSync(dir), ['profile.sh'], 'nothing was executed');
});

test('.env content round-trips through bash `set -a; source` and through our dotenv parser', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rosnet-dotenv-'));
  // The portable .env refuses quotes, backslashes and `${…}` (readers disagree on them; exportConsumers.test.ts).
  const portable = nasty.filter((v) => !/['\\]|\$\{[^}]*\}/.test(v));
  const text = renderExport(plan(portable), 'dotenv');
  writeFileSync(join(dir, 'x.env'), text);
  const dump = portable.map((_, i) => `printf '%s\\0' "$V${i}"`).join('; ');
  const out = execFileSync('bash', ['--norc', '--noprofile', '-c', `cd "${dir}" && set -a && source ./x.env && ${dump}`], {
    encoding: 'utf8',
  });
  assert.deepEqual(out.split('\0').slice(0, -1), portable);
  assert.equal(existsSync(join(dir, 'PWNED')), false);
  const parsed = parseDotenv(text);
  assert.deepEqual(parsed.errors, []);
  assert.deepEqual(
    parsed.entries.map((e) => e.value),
    portable,
  );
});

test('docker run -e flags are one shell word each and carry the exact value', () => {
  const flags = renderExport(plan(nasty), 'docker');
  const dir = mkdtempSync(join(tmpdir(), 'rosnet-docker-'));
  const out = execFileSync('bash', ['--norc', '-c', `cd "${dir}" && printf '%s\\0' ${flags}`], { encoding: 'utf8' });
  const words = out.split('\0').slice(0, -1);
  assert.deepEqual(
    words.filter((w) => w !== '-e'),
    nasty.map((v, i) => `V${i}=${v}`),
  );
  assert.deepEqual(readdirSync(dir), []);
});

test('compose environment block is valid YAML and escapes interpolation', () => {
  const text = renderExport(plan(nasty), 'compose');
  const doc = parseYaml(text) as { environment: Record<string, string> };
  // Compose turns $$ back into $.
  assert.deepEqual(
    Object.values(doc.environment).map((v) => v.replace(/\$\$/g, '$')),
    nasty,
  );
  assert.ok(!/[^$]\$\{HOME\}/.test(Object.values(doc.environment).join('')));
});

test('shellQuote leaves simple words bare', () => {
  assert.equal(shellQuote('http://hal:11311'), 'http://hal:11311');
  assert.equal(shellQuote(''), "''");
});

test('blanked variables are unset in shell output', () => {
  const text = renderExport({ profileName: 'p', entries: [{ name: 'ROS_IP', value: '', kind: 'blanked' }] }, 'shell');
  assert.match(text, /^unset ROS_IP$/m);
});
