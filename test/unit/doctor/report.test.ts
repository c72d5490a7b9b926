import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderMarkdown, renderText } from '../../../src/core/doctor/renderReport';
import { inputFromEnvFile, inputFromEnvironment } from '../../../src/core/doctor/doctorInput';
import { main } from '../../../src/cli/main';
import type { DoctorReport } from '../../../src/core/doctor/types';

const report: DoctorReport = {
  schema: 'rosnet.doctor/1',
  generatedAt: '2025-01-01T00:00:00.000Z',
  source: { kind: 'profile', name: 'lab' },
  rosVersion: 1,
  verdict: 'error',
  summary: { ok: 1, warning: 1, error: 1, skipped: 1 },
  durationMs: 12,
  checks: [
    {
      id: 'syntax.variables',
      group: 'syntax',
      title: 'Every variable passes the lint rules',
      verdict: 'ok',
      evidence: ['2 variables checked'],
    },
    {
      id: 'master.answers',
      group: 'master',
      title: 'The master answers',
      verdict: 'error',
      evidence: ['getSystemState failed: refused'],
      fix: { title: 'Is roscore running on hal?' },
    },
    {
      id: 'local.rosIp',
      group: 'local',
      title: 'ROS_IP is an address of this machine',
      verdict: 'warning',
      evidence: ['ROS_IP [10.0.0.9] is *odd*'],
      fix: { title: 'Use 10.0.0.2 as ROS_IP', action: { kind: 'set-ros-ip', address: '10.0.0.2' } },
    },
    { id: 'ros2.domain', group: 'ros2', title: 'ROS 2', verdict: 'skipped', evidence: ['ROS 1 profile.'] },
  ],
};

test('Markdown: grouped headings, a mark per verdict, evidence and fixes, Markdown specials escaped', () => {
  const md = renderMarkdown(report);
  assert.match(md, /^## ROS Network doctor: problems found/);
  assert.match(md, /ROS 1, profile 'lab' · 1 error, 1 warning, 1 ok, 1 skipped/);
  // Problems first: the group with an error, then the one with a warning, then the rest in their order.
  const at = (h: string) => md.indexOf(`### ${h}`);
  assert.ok(at('ROS master') < at('This machine’s advertised address'), md);
  assert.ok(at('This machine’s advertised address') < at('Variables') && at('Variables') < at('ROS 2 discovery'), md);
  assert.match(
    md,
    /- ❌ \*\*The master answers\*\* \(error\)\n {2}- getSystemState failed: refused\n {2}- \*\*Fix:\*\* Is roscore running on hal\?/,
  );
  assert.match(md, /\\\*odd\\\*/);
  assert.doesNotMatch(md, /### Registered nodes/, 'empty groups are left out');
});

test('text: ✓ ⚠ ✗ – marks, fixes, ok evidence shortened unless verbose', () => {
  const t = renderText(report);
  for (const mark of ['✓ Every variable', '✗ The master answers', '⚠ ROS_IP is', '– ROS 2']) assert.ok(t.includes(mark), mark);
  assert.match(t, /→ fix: Use 10\.0\.0\.2 as ROS_IP/);
});

test('JSON: the documented top-level shape', () => {
  const j = JSON.parse(JSON.stringify(report));
  assert.deepEqual(Object.keys(j).sort(), ['checks', 'durationMs', 'generatedAt', 'rosVersion', 'schema', 'source', 'summary', 'verdict']);
  assert.deepEqual(Object.keys(j.checks[2]).sort(), ['evidence', 'fix', 'group', 'id', 'title', 'verdict']);
});

test('inputs: the environment keeps the ROS networking variables only; env files keep their text for the lint', () => {
  const e = inputFromEnvironment({
    ROS_MASTER_URI: 'http://hal:11311',
    ROS_PACKAGE_PATH: '/opt',
    HOME: '/root',
    RMW_IMPLEMENTATION: 'rmw_fastrtps_cpp',
  });
  assert.deepEqual([...e.variables.keys()], ['RMW_IMPLEMENTATION', 'ROS_MASTER_URI']);
  assert.equal(e.rosVersion, 1);
  assert.equal(inputFromEnvironment({ ROS_DOMAIN_ID: '3' }).rosVersion, 2);
  assert.equal(inputFromEnvironment({ ROS_VERSION: '2', ROS_MASTER_URI: 'x' }).rosVersion, 2);
  const f = inputFromEnvFile('robot.env', 'ROS_MASTER_URI=http://hal:11311\nROS_IP = 10.0.0.2\n');
  assert.equal(f.variables.get('ROS_IP'), '10.0.0.2');
  assert.equal(f.file?.text.includes('ROS_IP = '), true);
});

test('rosnet doctor: usage errors exit 2; --env-file lints the real file (line numbers); --profile reads .vscode/settings.json; exit 1 on errors', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rosnet-doctor-'));
  mkdirSync(join(dir, '.vscode'));
  writeFileSync(
    join(dir, '.vscode', 'settings.json'),
    '{\n  // comment\n  "rosNetwork.profiles": [{ "name": "dead", "ROS_MASTER_URI": "http://127.0.0.1:1", "ROS_IP": "127.0.0.1" }]\n}\n',
  );
  writeFileSync(join(dir, 'bad.env'), '# robot\nROS_MASTER_URI=localhost:11311\n');
  const run = async (args: string[]) => {
    let out = '';
    let err = '';
    const code = await main(['doctor', ...args], { out: (t) => (out += t), err: (t) => (err += t), cwd: dir, env: {} });
    return { code, out, err };
  };
  assert.equal((await run(['--bogus'])).code, 2);
  assert.equal((await run(['--profile'])).code, 2);
  assert.equal((await run(['--profile', 'a', '--env-file', 'b'])).code, 2);
  assert.match((await run(['--profile', 'nope'])).err, /no profile 'nope'.*profiles: dead/);
  const env = await run(['--env-file', 'bad.env', '--json', '--timeout', '300']);
  assert.equal(env.code, 1);
  const j = JSON.parse(env.out) as DoctorReport;
  assert.deepEqual(j.source, { kind: 'env-file', name: 'bad.env' });
  assert.match(j.checks.find((c) => c.id === 'syntax.variables')!.evidence.join('\n'), /bad\.env:2: .*URI00\d/);
  const prof = await run(['--profile', 'dead', '--timeout', '300']);
  assert.equal(prof.code, 1);
  assert.match(prof.out, /ROS Network doctor \(ROS 1, profile 'dead'\)/);
  assert.match(prof.out, /✗ The master answers/);
  const md = await run(['--profile', 'dead', '--markdown', '--timeout', '300']);
  assert.match(md.out, /^## ROS Network doctor/);
});
