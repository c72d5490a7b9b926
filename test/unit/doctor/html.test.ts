import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderDoctorHtml } from '../../../src/core/doctor/doctorHtml';
import type { DoctorReport } from '../../../src/core/doctor/types';

const report: DoctorReport = {
  schema: 'rosnet.doctor/1',
  generatedAt: '2025-01-01T00:00:00.000Z',
  source: { kind: 'profile', name: '<img src=x onerror=alert(1)>' },
  rosVersion: 1,
  verdict: 'error',
  summary: { ok: 0, warning: 0, error: 1, skipped: 0 },
  durationMs: 5,
  checks: [
    {
      id: 'local.rosIp',
      group: 'local',
      title: 'ROS_IP',
      verdict: 'error',
      evidence: ['node advertises http://<script>alert(1)</script>:1/'],
      fix: { title: 'Use 10.0.0.2 as ROS_IP', action: { kind: 'set-ros-ip', address: '10.0.0.2' } },
    },
  ],
};

test('doctor panel HTML: strict CSP with a nonce, every report string escaped, fix buttons only for editable profiles', () => {
  const html = renderDoctorHtml(report, { cspSource: 'vscode-resource:', nonce: 'N0NCE', canApplyFixes: true });
  assert.match(html, /content="default-src 'none'; style-src vscode-resource: 'nonce-N0NCE'; script-src 'nonce-N0NCE';"/);
  assert.equal((html.match(/<script/g) ?? []).length, 1, 'only our own script');
  assert.match(html, /<script nonce="N0NCE">/);
  assert.doesNotMatch(html, /<img src=x/);
  assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.match(html, /<button data-fix="0">Use 10\.0\.0\.2 as ROS_IP<\/button>/);
  assert.doesNotMatch(renderDoctorHtml(report, { cspSource: 'x', nonce: 'n', canApplyFixes: false }), /data-fix=/);
  assert.match(
    renderDoctorHtml(undefined, { cspSource: 'x', nonce: 'n', canApplyFixes: false }, 'Running the checks…'),
    /Running the checks…/,
  );
});
