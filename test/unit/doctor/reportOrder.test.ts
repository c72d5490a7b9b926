// Issue 14 §7: the doctor lists errors before warnings, says each fix once, and reports what
// terminals get (pinned and cleared variables) and what a terminal changed since the profile set it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderMarkdown, renderText } from '../../../src/core/doctor/renderReport';
import { renderDoctorHtml } from '../../../src/core/doctor/doctorHtml';
import { inputFromEnvironment, inputFromProfile } from '../../../src/core/doctor/doctorInput';
import { terminalCheck } from '../../../src/core/doctor/terminalCheck';
import { planProfileEnv, planToEnv } from '../../../src/core/env/envPlan';
import { parseProfiles } from '../../../src/core/profiles/parseProfiles';
import type { Check, DoctorReport } from '../../../src/core/doctor/types';

const check = (id: string, group: Check['group'], verdict: Check['verdict'], fix?: Check['fix']): Check => ({
  id,
  group,
  title: `title of ${id}`,
  verdict,
  evidence: [`evidence of ${id}`],
  ...(fix ? { fix } : {}),
});

const report: DoctorReport = {
  schema: 'rosnet.doctor/1',
  generatedAt: '2025-01-01T00:00:00.000Z',
  source: { kind: 'profile', name: 'lab' },
  rosVersion: 1,
  verdict: 'error',
  summary: { ok: 2, warning: 2, error: 2, skipped: 1 },
  durationMs: 3,
  checks: [
    check('syntax.variables', 'syntax', 'ok'),
    check('syntax.topology', 'syntax', 'warning'),
    check('master.answers', 'master', 'ok'),
    check('local.advertises', 'local', 'ok'),
    check('local.rosIp', 'local', 'error', { title: 'Use 127.0.0.1 as ROS_IP', action: { kind: 'set-ros-ip', address: '127.0.0.1' } }),
    check('nodes.ping:/talker', 'nodes', 'error'),
    check('ros2.domain', 'ros2', 'skipped'),
  ],
};

/** The ids in the order a renderer shows them. */
const order = (text: string) => [...text.matchAll(/title of ([\w.:/]+)/g)].map((m) => m[1]);

const expected = [
  'local.rosIp',
  'local.advertises',
  'nodes.ping:/talker',
  'syntax.topology',
  'syntax.variables',
  'master.answers',
  'ros2.domain',
];

test('doctor text, Markdown and panel: groups with errors first, then warnings; errors before warnings inside a group', () => {
  assert.deepEqual(order(renderText(report)), expected);
  assert.deepEqual(order(renderMarkdown(report)), expected);
  assert.deepEqual(order(renderDoctorHtml(report, { cspSource: 'x', nonce: 'n', canApplyFixes: true })), expected);
});

test('doctor panel: a fix that can be applied is said once, as its button, still bound to its check', () => {
  const html = renderDoctorHtml(report, { cspSource: 'x', nonce: 'n', canApplyFixes: true });
  assert.equal(html.split('Use 127.0.0.1 as ROS_IP').length - 1, 1, html);
  assert.match(html, /<b>Fix:<\/b> <button data-fix="4">Use 127\.0\.0\.1 as ROS_IP<\/button>/);
  const readOnly = renderDoctorHtml(report, { cspSource: 'x', nonce: 'n', canApplyFixes: false });
  assert.equal(readOnly.split('Use 127.0.0.1 as ROS_IP').length - 1, 1);
  assert.match(readOnly, /<b>Fix:<\/b> Use 127\.0\.0\.1 as ROS_IP<\/div>/);
});

const profile = parseProfiles([{ name: 'local', ROS_MASTER_URI: 'http://127.0.0.1:11311', ROS_IP: '127.0.0.1' }], 'user').profiles[0]!;

test('doctor on a profile: reports what terminals get, the pinned ROS_HOSTNAME with its reason', () => {
  const plan = planProfileEnv(profile, { startup: ['~/.bashrc:3'] });
  const c = terminalCheck(inputFromProfile(profile, undefined, plan.entries))!;
  assert.equal(c.title, "What terminals of 'local' get");
  assert.equal(c.verdict, 'ok');
  assert.deepEqual(c.evidence.slice(0, 2), ['ROS_MASTER_URI=http://127.0.0.1:11311', 'ROS_IP=127.0.0.1']);
  assert.match(c.evidence[2]!, /^ROS_HOSTNAME=127\.0\.0\.1 pinned: ~\/\.bashrc:3 sets ROS_HOSTNAME/);
  const hostOnly = parseProfiles([{ name: 'h', ROS_MASTER_URI: 'http://hal:11311', ROS_HOSTNAME: 'marvin' }], 'user').profiles[0]!;
  const cleared = terminalCheck(inputFromProfile(hostOnly, undefined, planProfileEnv(hostOnly).entries))!;
  assert.match(cleared.evidence.join('\n'), /^ROS_IP cleared \(empty\): the profile advertises ROS_HOSTNAME/m);
});

const terminalEnv = (overrides: Record<string, string | undefined>) => {
  const plan = planProfileEnv(profile);
  const env: Record<string, string | undefined> = {
    ...Object.fromEntries(planToEnv(plan)),
    ROSNET_PROFILE: 'local',
    ROSNET_SET: JSON.stringify(Object.fromEntries(planToEnv(plan))),
    ...overrides,
  };
  return inputFromEnvironment(env);
};

test('rosnet doctor in a profile terminal where ROS_IP was exported since: warns with both values', () => {
  const c = terminalCheck(terminalEnv({ ROS_IP: '192.0.2.2' }))!;
  assert.equal(c.verdict, 'warning');
  assert.equal(c.title, "This terminal differs from profile 'local'");
  assert.match(
    c.evidence[0]!,
    /^ROS_IP=192\.0\.2\.2 here; the profile gave 127\.0\.0\.1\. Nodes started in this terminal use 192\.0\.2\.2\./,
  );
  const unset = terminalCheck(terminalEnv({ ROS_MASTER_URI: undefined }))!;
  assert.match(unset.evidence[0]!, /^ROS_MASTER_URI is unset here; the profile gave http:\/\/127\.0\.0\.1:11311\./);
});

test('rosnet doctor in an untouched profile terminal: ok; outside one (or a malformed marker): no such check', () => {
  assert.equal(terminalCheck(terminalEnv({}))!.verdict, 'ok');
  assert.equal(terminalCheck(inputFromEnvironment({ ROS_IP: '127.0.0.1' })), undefined);
  assert.equal(terminalCheck(terminalEnv({ ROSNET_SET: '[1,2]' })), undefined);
  assert.equal(terminalCheck(terminalEnv({ ROSNET_SET: 'not json' })), undefined);
});

test('rosnet doctor (the CLI) run in a profile terminal whose ROS_IP was exported since reports it first among the variables', async () => {
  const { main } = await import('../../../src/cli/main');
  const given = { ROS_MASTER_URI: 'http://127.0.0.1:1', ROS_IP: '127.0.0.1' };
  let out = '';
  const env = { ...given, ROS_IP: '192.0.2.2', ROSNET_PROFILE: 'local', ROSNET_SET: JSON.stringify(given) };
  await main(['doctor', '--timeout', '300'], { out: (t) => (out += t), err: () => undefined, cwd: process.cwd(), env });
  assert.match(out, /⚠ This terminal differs from profile 'local'\n {6}ROS_IP=192\.0\.2\.2 here; the profile gave 127\.0\.0\.1/);
});
