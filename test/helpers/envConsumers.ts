// The real programs that read our exports back: shells, python-dotenv and PyYAML from Debian, Node's
// util.parseEnv, the dotenv package and the yaml library, plus docker compose's env_file rules as its
// documentation states them (no compose binary on CI). Each reader takes the whole text and returns
// the variables it got; values are passed back NUL-separated or as JSON, so nothing is re-quoted.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { parse as dotenvParse } from 'dotenv';
import { parse as parseYaml } from 'yaml';

/** Debian's python3 (python3-dotenv, python3-yaml), not a pyenv shim on PATH. */
export const SYSTEM_PYTHON = '/usr/bin/python3';

export type Reader = (text: string, names: readonly string[]) => Record<string, string | undefined>;

function inDir<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'rosnet-consumer-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs a shell on `file` and prints each name's value NUL-terminated; asserts nothing else ran (no new files). */
function shellRead(
  shell: string,
  setup: (file: string) => string,
  text: string,
  names: readonly string[],
): Record<string, string | undefined> {
  return inDir((dir) => {
    const file = join(dir, 'vars');
    writeFileSync(file, text);
    const dump = names.map((n) => `printf '%s\\0' "\${${n}-__UNSET__}"`).join('; ');
    const out = execFileSync(shell, ['-c', `cd '${dir}' && ${setup(file)} && ${dump}`], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir },
    });
    if (readdirSync(dir).length !== 1) throw new Error(`${shell} created files: ${readdirSync(dir).join(', ')}`);
    const values = out.split('\0');
    return Object.fromEntries(names.map((n, i) => [n, values[i] === '__UNSET__' ? undefined : values[i]]));
  });
}

export const shellReaders: Record<string, Reader> = {
  'bash source': (t, n) => shellRead('bash', (f) => `. '${f}'`, t, n),
  'bash eval': (t, n) => shellRead('bash', (f) => `eval "$(cat '${f}')"`, t, n),
  'dash source': (t, n) => shellRead('dash', (f) => `. '${f}'`, t, n),
  'dash eval': (t, n) => shellRead('dash', (f) => `eval "$(cat '${f}')"`, t, n),
  'zsh source': (t, n) => shellRead('zsh', (f) => `source '${f}'`, t, n),
  'zsh eval': (t, n) => shellRead('zsh', (f) => `eval "$(cat '${f}')"`, t, n),
};

/** `.env` through `set -a; . file` (what the README and many launch scripts do). */
export const shellDotenvReaders: Record<string, Reader> = {
  'bash set -a; source': (t, n) => shellRead('bash', (f) => `set -a && . '${f}'`, t, n),
  'dash set -a; .': (t, n) => shellRead('dash', (f) => `set -a && . '${f}'`, t, n),
  'zsh set -a; source': (t, n) => shellRead('zsh', (f) => `set -a && source '${f}'`, t, n),
};

/** `docker run` flags: the words bash makes of the line (what docker receives as argv). */
export const dockerWords: Reader = (text, names) =>
  inDir((dir) => {
    const out = execFileSync('bash', ['-c', `cd '${dir}' && printf '%s\\0' ${text}`], { encoding: 'utf8' });
    if (readdirSync(dir).length !== 0) throw new Error('the flags ran something');
    const words = out.split('\0').slice(0, -1);
    const got: Record<string, string | undefined> = {};
    for (let i = 0; i < words.length; i++) {
      if (words[i] !== '-e') throw new Error(`unexpected word ${JSON.stringify(words[i])}`);
      const kv = words[++i]!;
      const eq = kv.indexOf('=');
      got[kv.slice(0, eq)] = kv.slice(eq + 1);
    }
    return Object.fromEntries(names.map((n) => [n, got[n]]));
  });

function python(script: string, text: string): Record<string, string | null> {
  return inDir((dir) => {
    const file = join(dir, 'in');
    writeFileSync(file, text);
    const out = execFileSync(SYSTEM_PYTHON, ['-c', script, file], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin', HOME: dir } });
    return JSON.parse(out) as Record<string, string | null>;
  });
}

export const pythonDotenv: Reader = (text) =>
  python('import sys, json\nfrom dotenv import dotenv_values\nprint(json.dumps(dotenv_values(sys.argv[1])))', text) as Record<
    string,
    string
  >;

/** PyYAML with libyaml's parser (CSafeLoader), as docker-compose v1 and most Python tools load YAML. */
export const pyYamlEnvironment: Reader = (text) =>
  python(
    'import sys, json, yaml\nassert yaml.__with_libyaml__\nd = yaml.load(open(sys.argv[1], encoding="utf-8"), Loader=yaml.CSafeLoader)\nprint(json.dumps({k: str(v).replace("$$", "$") for k, v in d["environment"].items()}))',
    text,
  ) as Record<string, string>;

export const yamlLibEnvironment: Reader = (text) => {
  const d = parseYaml(text) as { environment: Record<string, string> };
  return Object.fromEntries(Object.entries(d.environment).map(([k, v]) => [k, String(v).replace(/\$\$/g, '$')]));
};

export const nodeParseEnv: Reader = (text) => parseEnv(text) as Record<string, string>;
export const dotenvPackage: Reader = (text) => dotenvParse(text);

/**
 * docker compose's env_file syntax as documented (https://docs.docker.com/compose/env-file/, "Syntax"): `#` comment lines; unquoted values end at ` #`; single-quoted values are
 * literal (may span lines, `\'` is a quote); double-quoted values decode \n \r \t \\ \" and may span
 * lines; unquoted and double-quoted values are interpolated (`$VAR`, `${VAR}`, `$$` is `$`).
 */
export const composeEnvFile: Reader = (text) => {
  const out: Record<string, string> = {};
  const interpolate = (v: string) =>
    v.replace(/\$(\$|\{[^}]*\}|[A-Za-z_][A-Za-z0-9_]*)/g, (_m, x: string) => (x === '$' ? '$' : '<interpolated>'));
  let i = 0;
  while (i < text.length) {
    const nl = text.indexOf('\n', i);
    const lineEnd = nl < 0 ? text.length : nl;
    const line = text.slice(i, lineEnd);
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*/.exec(line);
    if (!m || line.trimStart().startsWith('#')) {
      i = lineEnd + 1;
      continue;
    }
    let p = i + m[0].length;
    const q = text[p];
    if (q === "'" || q === '"') {
      let v = '';
      p++;
      for (; p < text.length && text[p] !== q; p++) {
        if (text[p] === '\\' && (text[p + 1] === q || (q === '"' && 'nrt\\'.includes(text[p + 1]!)))) {
          const c = text[++p]!;
          v += q === "'" ? c : (({ n: '\n', r: '\r', t: '\t' } as Record<string, string>)[c] ?? c);
        } else v += text[p];
      }
      out[m[1]!] = q === '"' ? interpolate(v) : v;
      const after = text.indexOf('\n', p);
      i = after < 0 ? text.length : after + 1;
    } else {
      out[m[1]!] = interpolate(
        line
          .slice(m[0].length)
          .replace(/\s+#.*$/, '')
          .trim(),
      );
      i = lineEnd + 1;
    }
  }
  return out;
};
