// Issue 11 §9 and §12: files that are not files, JSON too deep to parse recursively, and settings keys
// that JavaScript treats specially. Special files are real ones (mkfifo, a listening Unix socket,
// /dev/zero). The CLI runs in a child process with a timeout: a regression (a blocking open of a
// FIFO, reading /dev/zero forever) blocks the event loop, so an in-process test would hang, not fail.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { readRegularFile } from '../../src/core/util/readRegularFile';
import { JsonTooDeep, jsonNestsDeeper, MAX_JSON_DEPTH, parseJsoncData } from '../../src/core/util/jsoncData';
import { lintText } from '../../src/core/lint/lintEngine';
import { profilesInText } from '../../src/core/profiles/settingsTextEdits';
import { parseProfiles } from '../../src/core/profiles/parseProfiles';
import { planProfileEnv } from '../../src/core/env/envPlan';
import { renderExport } from '../../src/core/env/exportFormats';
import { readWorkspaceProfiles } from '../../src/cli/workspaceProfiles';

const ROOT = resolve(__dirname, '../..');
const DEEP = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
const PROFILE = { name: 'lab', ROS_MASTER_URI: 'http://127.0.0.1:1', ROS_IP: '127.0.0.1' };

let dir: string;
let socketServer: net.Server;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rosnet-special-'));
  execFileSync('mkfifo', [join(dir, 'fifo.env')]);
  socketServer = net.createServer();
  await new Promise<void>((r) => socketServer.listen(join(dir, 'socket.env'), r));
  // A folder whose settings.json is a FIFO, one whose settings.json nests 100k arrays deep.
  mkdirSync(join(dir, 'fifo-ws', '.vscode'), { recursive: true });
  execFileSync('mkfifo', [join(dir, 'fifo-ws', '.vscode', 'settings.json')]);
  mkdirSync(join(dir, 'deep-ws', '.vscode'), { recursive: true });
  writeFileSync(
    join(dir, 'deep-ws', '.vscode', 'settings.json'),
    JSON.stringify({ 'rosNetwork.profiles': [PROFILE] }).replace(/}$/, `, "x": ${DEEP}}`),
  );
});

after(() => {
  socketServer.close();
  rmSync(dir, { recursive: true, force: true });
});

type Run = { code: number; out: string; err: string };

/** Runs `rosnet <args>` cases in one child process (one tsx start-up); killed after 60 s. */
function cli(cases: Array<{ args: string[]; cwd: string }>): Run[] {
  const script = `
    const { main } = require(${JSON.stringify(join(ROOT, 'src/cli/main.ts'))});
    (async () => {
      const results = [];
      for (const c of JSON.parse(process.env.ROSNET_CASES)) {
        let out = '', err = '';
        const code = await main(c.args, { out: (t) => (out += t), err: (t) => (err += t), cwd: c.cwd, env: {} });
        results.push({ code, out, err });
      }
      process.stdout.write(JSON.stringify(results));
      process.exit(0);
    })();`;
  // The cases go through the environment: Node 20 itself opens any `--env-file X` found in argv.
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, ROSNET_CASES: JSON.stringify(cases) },
  });
  assert.equal(r.signal, null, `rosnet hung (killed by ${r.signal}): ${r.stderr}`);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Run[];
}

test('readRegularFile refuses a FIFO, a socket, a device and a folder by kind, without blocking', () => {
  assert.deepEqual(readRegularFile(join(dir, 'fifo.env')), { ok: false, reason: 'not a regular file (a FIFO)' });
  assert.deepEqual(readRegularFile(join(dir, 'socket.env')), { ok: false, reason: 'not a regular file (a socket)' });
  assert.deepEqual(readRegularFile('/dev/zero'), { ok: false, reason: 'not a regular file (a device)' });
  assert.deepEqual(readRegularFile(dir), { ok: false, reason: 'not a regular file (a directory)' });
  assert.deepEqual(readRegularFile(join(dir, 'missing')), { ok: false });
  writeFileSync(join(dir, 'plain.env'), 'ROS_IP=127.0.0.1\n');
  assert.deepEqual(readRegularFile(join(dir, 'plain.env')), { ok: true, text: 'ROS_IP=127.0.0.1\n' });
});

test('rosnet lint: a FIFO, a socket and /dev/zero are findings (exit 1, not 2), a folder holding them is linted', () => {
  const [fifo, socket, zero, folder] = cli([
    { args: ['lint', 'fifo.env'], cwd: dir },
    { args: ['lint', 'socket.env'], cwd: dir },
    { args: ['lint', '/dev/zero'], cwd: dir },
    { args: ['lint', '.'], cwd: dir },
  ]);
  assert.equal(fifo!.code, 1);
  assert.match(fifo!.out, /fifo\.env:1:1: error FMT001 Not linted: skipped: not a regular file \(a FIFO\)/);
  assert.equal(socket!.code, 1);
  assert.match(socket!.out, /socket\.env:1:1: error FMT001 .*not a regular file \(a socket\)/);
  assert.equal(zero!.code, 1);
  assert.match(zero!.out, /dev\/zero:1:1: error FMT001 .*not a regular file \(a device\)/);
  assert.equal(folder!.code, 1);
  assert.match(folder!.out, /fifo\.env:1:1: error FMT001 .*\(a FIFO\)/);
  assert.match(folder!.out, /socket\.env:1:1: error FMT001 .*\(a socket\)/);
});

test('rosnet doctor --env-file: a FIFO, a socket or /dev/zero is skipped with the reason (exit 1, not a usage error)', () => {
  const runs = cli(
    ['fifo.env', 'socket.env', '/dev/zero'].map((f) => ({ args: ['doctor', '--env-file', f, '--timeout', '300'], cwd: dir })),
  );
  const [fifo, socket, zero] = runs;
  for (const r of runs) assert.equal(r.code, 1, r.err);
  assert.match(fifo!.err, /--env-file .*fifo\.env is skipped: not a regular file \(a FIFO\)/);
  assert.match(socket!.err, /--env-file .*socket\.env is skipped: not a regular file \(a socket\)/);
  assert.match(zero!.err, /--env-file \/dev\/zero is skipped: not a regular file \(a device\)/);
});

test('rosnet --profile with .vscode/settings.json a FIFO or nesting 100k arrays: exit 1 with the reason, no hang, no crash', () => {
  const [fifoDoctor, fifoLint, deepDoctor, deepLint, deepOnline] = cli([
    { args: ['doctor', '--profile', 'lab', '--timeout', '300'], cwd: join(dir, 'fifo-ws') },
    { args: ['lint', '--online', '--profile', 'lab', '.'], cwd: join(dir, 'fifo-ws') },
    { args: ['doctor', '--profile', 'lab', '--timeout', '300'], cwd: join(dir, 'deep-ws') },
    { args: ['lint', '.'], cwd: join(dir, 'deep-ws') },
    { args: ['lint', '--online', '--profile', 'lab', '.'], cwd: join(dir, 'deep-ws') },
  ]);
  assert.equal(fifoDoctor!.code, 1);
  assert.match(fifoDoctor!.err, /settings\.json, which cannot be read: not a regular file \(a FIFO\)/);
  assert.equal(fifoLint!.code, 1);
  assert.match(fifoLint!.err, /not a regular file \(a FIFO\)/);
  assert.equal(deepDoctor!.code, 1);
  assert.match(deepDoctor!.err, new RegExp(`cannot be read: it nests more than ${MAX_JSON_DEPTH} levels deep`));
  assert.equal(deepLint!.code, 1, deepLint!.err);
  assert.match(deepLint!.out, /settings\.json:1:1: error FMT001 JSON: not read, it nests more than 256 levels deep/);
  assert.equal(deepOnline!.code, 1, deepOnline!.err);
  assert.match(deepOnline!.err, /--profile reads .*settings\.json, which cannot be read: it nests more than 256 levels deep/);
  assert.doesNotMatch(deepLint!.out + deepLint!.err + deepOnline!.out + deepOnline!.err, /call stack/);
});

test('deep JSON: every JSON reader says it is too deep instead of overflowing the stack', () => {
  const settings = `{"rosNetwork.profiles": [{"name": "lab"}], "x": ${DEEP}}`;
  assert.equal(jsonNestsDeeper(settings), true);
  assert.throws(() => parseJsoncData(settings), JsonTooDeep);
  assert.equal(profilesInText(settings, ['rosNetwork.profiles']), undefined);
  for (const file of ['/w/.vscode/settings.json', '/w/.devcontainer/devcontainer.json']) {
    const found = lintText(file, settings, { os: 'linux' }).findings;
    assert.deepEqual(
      found.map((f) => `${f.code} ${f.message}`),
      ['FMT001 JSON: not read, it nests more than 256 levels deep'],
    );
  }
  // Brackets in strings and comments do not count; real nesting up to the cap is read.
  const inStrings = `{"a": "${'['.repeat(1000)}", /* ${'{'.repeat(1000)} */ "b": ${'['.repeat(MAX_JSON_DEPTH - 1)}${']'.repeat(MAX_JSON_DEPTH - 1)}}`;
  assert.equal(jsonNestsDeeper(inStrings), false);
  assert.equal((parseJsoncData(inStrings) as { a: string }).a.length, 1000);
});

test('settings: a profile list under a top-level "__proto__" key is not honoured; the real list is', () => {
  const wsHidden = join(dir, 'proto-ws');
  mkdirSync(join(wsHidden, '.vscode'), { recursive: true });
  writeFileSync(join(wsHidden, '.vscode', 'settings.json'), `{"__proto__": {"rosNetwork.profiles": [${JSON.stringify(PROFILE)}]}}`);
  assert.deepEqual(readWorkspaceProfiles(wsHidden).parsed?.profiles, []);
  const [doctor] = cli([{ args: ['doctor', '--profile', 'lab', '--timeout', '300'], cwd: wsHidden }]);
  assert.equal(doctor!.code, 2, 'no profile named lab: the hidden one is not there');
  assert.match(doctor!.err, /lab/);
  writeFileSync(join(wsHidden, '.vscode', 'settings.json'), `{"__proto__": {"x": 1}, "rosNetwork.profiles": [${JSON.stringify(PROFILE)}]}`);
  assert.deepEqual(
    readWorkspaceProfiles(wsHidden).parsed?.profiles.map((p) => p.name),
    ['lab'],
  );
});

test('profile env: a variable named __proto__ is kept as data through the plan and every export; names must be POSIX', () => {
  const raw = JSON.parse('[{"name": "p", "ROS_MASTER_URI": "http://hal:11311", "env": {"__proto__": "kept", "constructor": "too"}}]');
  const { profiles, problems } = parseProfiles(raw, 'workspace');
  assert.deepEqual(problems, []);
  assert.equal(profiles[0]!.variables.get('__proto__'), 'kept');
  const plan = planProfileEnv(profiles[0]!);
  assert.deepEqual(
    plan.entries.map((e) => e.name),
    ['ROS_MASTER_URI', 'constructor', '__proto__'],
  );
  assert.match(renderExport(plan, 'shell'), /^export __proto__=kept$/m);
  assert.match(renderExport(plan, 'compose'), /^ {2}__proto__: "kept"$/m);
  // A non-string value under __proto__ is reported like any other bad env value, not dropped.
  const bad = parseProfiles(
    JSON.parse('[{"name": "q", "ROS_MASTER_URI": "http://hal:11311", "env": {"__proto__": {"A": "1"}}}]'),
    'workspace',
  );
  assert.deepEqual(
    bad.problems.map((p) => p.path),
    ['rosNetwork.profiles[0].env.__proto__'],
  );
  for (const name of ['A-B', '1X', 'A B', 'A=B', '']) {
    const r = parseProfiles([{ name: 'r', ROS_MASTER_URI: 'http://hal:11311', env: { [name]: 'x' } }], 'workspace');
    assert.equal(r.profiles.length, 0, `env name ${JSON.stringify(name)} accepted`);
  }
});
