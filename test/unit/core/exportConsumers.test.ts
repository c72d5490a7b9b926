// Every export format read back, byte-exact, by the real consumers it names, over 100+ hostile
// values. A format may refuse a value (ExportRefused, with a message); what it writes must come back
// unchanged, and every representable value must fit at least one .env format and every shell format.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test, type TestContext } from 'node:test';
import { EXPORT_FORMATS, ExportRefused, renderExport, type ExportFormat } from '../../../src/core/env/exportFormats';
import type { EnvPlan } from '../../../src/core/env/envPlan';
import {
  composeEnvFile,
  dockerWords,
  dotenvPackage,
  SYSTEM_PYTHON,
  nodeParseEnv,
  pythonDotenv,
  pyYamlEnvironment,
  shellDotenvReaders,
  shellReaders,
  yamlLibEnvironment,
  type Reader,
} from '../../helpers/envConsumers';
import { HOSTILE_VALUES } from '../../helpers/hostileValues';

const NAMES = HOSTILE_VALUES.map((_, i) => `V${i}`);

function plan(values: readonly string[], names = NAMES): EnvPlan {
  return {
    profileName: 'evil $(touch PWNED)\n; rm\u2028FOO: bar',
    entries: values.map((v, i) => ({ name: names[i]!, value: v, kind: 'profile' as const })),
  };
}

/** The values a format accepts (one render per value), and the refusals with their messages. */
function split(format: ExportFormat): { names: string[]; values: string[]; refused: string[] } {
  const names: string[] = [];
  const values: string[] = [];
  const refused: string[] = [];
  HOSTILE_VALUES.forEach((v, i) => {
    try {
      renderExport(plan([v], [NAMES[i]!]), format);
      names.push(NAMES[i]!);
      values.push(v);
    } catch (e) {
      assert.ok(e instanceof ExportRefused, String(e));
      assert.match(e.message, /cannot be written as .*It fits: /);
      refused.push(v);
    }
  });
  return { names, values, refused };
}

/** Renders every accepted value in one file, reads it back with each reader, and says the counts. */
function roundTrip(t: TestContext, format: ExportFormat, readers: Record<string, Reader>): void {
  const { names, values, refused } = split(format);
  const text = renderExport(plan(values, names), format);
  for (const [who, read] of Object.entries(readers)) {
    const got = read(text, names);
    const wrong = names
      .filter((n, i) => got[n] !== values[i])
      .map((n) => `${JSON.stringify(values[names.indexOf(n)])} → ${JSON.stringify(got[n])}`);
    assert.deepEqual(wrong, [], `${format} through ${who}: ${wrong.length} of ${names.length} values differ`);
    t.diagnostic(`${format} · ${who}: ${names.length} round-tripped, ${refused.length} refused, of ${HOSTILE_VALUES.length}`);
  }
}

test(`at least 90 hostile values`, () => assert.ok(HOSTILE_VALUES.length >= 90, String(HOSTILE_VALUES.length)));

// A consumer that is not installed fails here by name; it never turns the round trips into skips.
test('every real consumer is installed (scripts/ci/install-deps.sh: zsh dash python3-dotenv python3-yaml)', () => {
  for (const shell of ['bash', 'dash', 'zsh']) execFileSync(shell, ['-c', 'true']);
  execFileSync(SYSTEM_PYTHON, ['-c', 'import dotenv, yaml; assert yaml.__with_libyaml__']);
});

test('shell export lines: bash, dash and zsh, source and eval, read every value back and run nothing', (t) => {
  assert.deepEqual(split('shell').refused, []);
  roundTrip(t, 'shell', shellReaders);
});

test('docker run -e flags: each flag is one word (bash word splitting) carrying the exact value', (t) => {
  assert.deepEqual(split('docker').refused, []);
  roundTrip(t, 'docker', { 'bash words': dockerWords });
});

test('compose environment block: the yaml library and PyYAML/libyaml read every value back (no key injection)', (t) => {
  assert.deepEqual(split('compose').refused, []);
  roundTrip(t, 'compose', { yaml: yamlLibEnvironment, 'PyYAML (libyaml)': pyYamlEnvironment });
});

const ALL_DOTENV: Record<string, Reader> = {
  ...shellDotenvReaders,
  'python-dotenv (Debian)': pythonDotenv,
  'node util.parseEnv': nodeParseEnv,
  'dotenv package': dotenvPackage,
  'docker compose env_file rules': composeEnvFile,
};

test('.env (portable): what it writes is read alike by shells, python-dotenv, Node, the dotenv package and compose', (t) => {
  const { values, refused } = split('dotenv');
  assert.ok(values.length >= 60, `only ${values.length} values are portable`);
  assert.ok(refused.includes('C:\\ros\\') && refused.includes("it's"), 'the values readers disagree on are refused');
  roundTrip(t, 'dotenv', ALL_DOTENV);
});

test('.env for python-dotenv: python-dotenv (Debian) reads back what it writes', (t) => {
  const { values } = split('dotenv-python');
  assert.ok(values.includes('C:\\ros\\') && values.includes("it's \\${HOME}") === false && values.includes("it's"));
  roundTrip(t, 'dotenv-python', { 'python-dotenv (Debian)': pythonDotenv });
});

test('.env for Node: util.parseEnv and the dotenv package read back what it writes', (t) => {
  const { values } = split('dotenv-node');
  assert.ok(values.includes("'") && values.includes('C:\\ros\\') && values.includes("it's"));
  roundTrip(t, 'dotenv-node', { 'node util.parseEnv': nodeParseEnv, 'dotenv package': dotenvPackage });
});

test('every value fits at least one .env format, and the refusal names the formats that fit', () => {
  for (const v of HOSTILE_VALUES) {
    const fits = EXPORT_FORMATS.filter((f) => f.id.startsWith('dotenv')).filter((f) => {
      try {
        renderExport(plan([v], ['X']), f.id);
        return true;
      } catch {
        return false;
      }
    });
    assert.ok(fits.length > 0 || /\$\{[^}]*\}/.test(v), `no .env format carries ${JSON.stringify(v)}`);
  }
  assert.throws(() => renderExport(plan(["it's"], ['X']), 'dotenv'), /It fits: .*\.env for python-dotenv.*\.env for Node/);
});

test('every .env variant, sourced by bash by mistake, runs nothing', () => {
  for (const f of ['dotenv', 'dotenv-python', 'dotenv-node'] as const) {
    const { names, values } = split(f);
    const text = renderExport(plan(values, names), f);
    // shellRead throws when the shell created a file (every hostile command here is `touch PWNED`).
    for (const read of Object.values(shellDotenvReaders)) read(text, names);
  }
});

test('values no environment can hold are refused by every format', () => {
  for (const f of EXPORT_FORMATS) {
    assert.throws(() => renderExport(plan(['a\0b'], ['X']), f.id), /NUL/);
    assert.throws(() => renderExport(plan(['a\ud800b'], ['X']), f.id), /surrogate/);
  }
});
