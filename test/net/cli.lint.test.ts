// `rosnet lint` and `rosnet ports` as users run them: plain node on the built bundle, on a fixture
// workspace (test/fixtures/lint-cli) with profiles in .vscode/settings.json.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sarifSchemaErrors } from '../helpers/sarifSchema';

const root = join(__dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');
const ws = join(root, 'test', 'fixtures', 'lint-cli');
const rosnet = (args: string[], cwd = ws) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 30_000 });
type Row = {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  message: string;
};
const brief = (rows: Row[]) => rows.map((r) => `${r.file}:${r.line}:${r.column}-${r.endLine}:${r.endColumn} ${r.severity} ${r.code}`);

before(() => execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' }));

test('rosnet lint --format json: the expected findings of the workspace, exit 1 for errors', () => {
  const r = rosnet(['lint', '--format', 'json']);
  assert.equal(r.status, 1, r.stderr);
  assert.deepEqual(brief(JSON.parse(r.stdout)), ['.devcontainer/devcontainer.json:7:22-7:31 error HOST004', '.env:2:16-2:28 error URI001']);
  // node_modules/ and build/ hold broken copies that must not be reported.
  assert.doesNotMatch(r.stdout, /node_modules|build\//);
});

test('rosnet lint: text format, and exit 0 on clean files (a real-world launch file gives nothing)', () => {
  const t = rosnet(['lint']);
  assert.equal(t.status, 1);
  assert.match(t.stdout, /^\.env:2:16: error URI001 ROS_MASTER_URI must be an http:\/\/ URL/m);
  assert.match(t.stdout, /^2 problems \(2 errors, 0 warnings, 0 info\) in 2 files of 7 files checked\.$/m);
  const clean = rosnet(['lint', 'robot_bringup/launch/turtles.launch', 'compose.yaml']);
  assert.equal(clean.status, 0, clean.stdout);
  assert.equal(clean.stdout, 'No problems in 2 files.\n');
  // Paths are relative to the cwd.
  const sub = rosnet(['lint', '--format=json', '../.env'], join(ws, 'robot_bringup'));
  assert.deepEqual(brief(JSON.parse(sub.stdout)), ['../.env:2:16-2:28 error URI001']);
});

test('rosnet lint --profile drives XF001 (ROS 1 master, ROS 2 domain); unknown profile exits 2', () => {
  const lab = JSON.parse(rosnet(['lint', '--format', 'json', '--profile', 'lab']).stdout) as Row[];
  const xf = lab.filter((r) => r.code === 'XF001');
  assert.deepEqual(brief(xf), ['robot_bringup/launch/robot.launch:4:39-4:60 warning XF001']);
  assert.match(
    xf[0]!.message,
    /register with http:\/\/10\.0\.0\.5:11311, not with the master of the active profile 'lab' \(http:\/\/lab-pc:11311\)/,
  );
  const sim = JSON.parse(rosnet(['lint', '--format', 'json', '--profile', 'sim']).stdout) as Row[];
  assert.deepEqual(brief(sim.filter((r) => r.code === 'XF001')), ['sim/launch/sim.launch.xml:2:40-2:42 warning XF001']);
  const none = rosnet(['lint', '--profile', 'robot']);
  assert.equal(none.status, 2);
  assert.match(none.stderr, /no profile 'robot'.*profiles: lab, sim/);
});

test('rosnet lint --ros 2 does not flip the verdicts of a file whose variables say ROS 1 (the file decides, issue 12 §4)', () => {
  const plain = JSON.parse(rosnet(['lint', '--format', 'json', '.env']).stdout) as Row[];
  const ros2 = JSON.parse(rosnet(['lint', '--format', 'json', '--ros', '2', '.env']).stdout) as Row[];
  assert.deepEqual(
    plain.map((r) => r.code),
    ['URI001'],
  );
  // Before: '2:PREC002', '2:URI001', '3:PREC002' ("has no effect in ROS 2" on a ROS 1 file).
  assert.deepEqual(
    ros2.map((r) => `${r.line}:${r.code}`),
    plain.map((r) => `${r.line}:${r.code}`),
  );
});

test('rosnet lint --format sarif validates against the SARIF 2.1.0 schema', () => {
  const r = rosnet(['lint', '--format', 'sarif', '--profile', 'lab']);
  assert.equal(r.status, 1);
  const log = JSON.parse(r.stdout);
  assert.deepEqual(sarifSchemaErrors(log), []);
  const run = log.runs[0];
  assert.equal(run.tool.driver.version, JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
  assert.deepEqual(
    run.results.map(
      (x: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
        `${x.locations[0]!.physicalLocation.artifactLocation.uri} ${x.ruleId}`,
    ),
    ['.devcontainer/devcontainer.json HOST004', '.env URI001', 'robot_bringup/launch/robot.launch XF001'],
  );
  assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, `file://${ws}/`);
});

test('usage errors exit 2', () => {
  for (const args of [
    ['lint', '--format', 'xml'],
    ['lint', 'missing.env'],
    ['lint', '--ros', '3'],
    ['ports', '233'],
    ['ports', 'seven'],
    ['ports'],
  ]) {
    const r = rosnet(args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, /Usage: rosnet (lint|ports)/);
  }
});

test('rosnet ports: the documented numbers', () => {
  const d101 = JSON.parse(rosnet(['ports', '101', '--os', 'linux', '--json']).stdout);
  // The test machine's /proc range is the Linux default; the documented limits assume it.
  assert.deepEqual(d101.ephemeral, { lo: 32768, hi: 60999 });
  assert.equal(d101.discoveryMulticast, 7400 + 250 * 101);
  assert.equal(d101.userMulticast, 7400 + 250 * 101 + 1);
  assert.equal(d101.maxParticipants, 54);
  assert.deepEqual(d101.participants[0], { participant: 0, discoveryUnicast: 32660, userUnicast: 32661 });
  assert.deepEqual(d101.participants[53], { participant: 53, discoveryUnicast: 32766, userUnicast: 32767 });
  assert.equal(JSON.parse(rosnet(['ports', '232', '--json']).stdout).maxParticipants, 63);
  const text = rosnet(['ports', '101']);
  assert.equal(text.status, 0);
  assert.match(text.stdout, /Safe on Linux: at most 54 ROS 2 processes per host \(ports 32650–32767\)/);
  assert.equal(rosnet(['ports', '150']).status, 1);
  assert.equal(JSON.parse(rosnet(['ports', '150', '--os', 'darwin', '--json']).stdout).maxParticipants, 120);
});
