import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderDoctorHtml } from '../../../src/core/doctor/doctorHtml';
import { renderMarkdown, renderText } from '../../../src/core/doctor/renderReport';
import type { DoctorReport } from '../../../src/core/doctor/types';

const report: DoctorReport = {
  schema: 'rosnet.doctor/1',
  generatedAt: '2026-12-01T00:00:00.000Z',
  source: { kind: 'env-file', name: 'evil\x1b]0;t\x07.env' },
  rosVersion: 1,
  verdict: 'error',
  summary: { ok: 0, warning: 0, error: 1, skipped: 0 },
  checks: [
    {
      id: 'master.getUri',
      group: 'master',
      title: 'The master \u202eknows itself',
      verdict: 'error',
      evidence: ["getUri answered 'http://x\x1b[2J|y\n| forged | row |'"],
      fix: { title: 'Restart \u009b31m roscore' },
    },
  ],
  durationMs: 1,
};

test('doctor text report: values from the network and files reach the terminal as escapes', () => {
  const out = renderText(report);
  assert.doesNotMatch(out, /[\x07\x1b\u009b\u202e]/);
  assert.match(out, /\\x1b\[2J/);
  assert.equal(out.split('\n').filter((l) => l.includes('forged')).length, 1, 'an evidence newline does not start a line');
});

test('doctor Markdown: no control bytes, and newlines/pipes in evidence cannot forge lines or table cells', () => {
  const md = renderMarkdown(report);
  assert.doesNotMatch(md, /[\x07\x1b\u009b\u202e]/);
  const line = md.split('\n').find((l) => l.includes('getUri'))!;
  assert.ok(line.includes('forged'), 'the evidence stays on its line');
  assert.doesNotMatch(line, /[^\\]\|/);
});

test('doctor HTML panel: control and bidi characters are shown as escapes', () => {
  const html = renderDoctorHtml(report, { cspSource: 'x', nonce: 'n', canApplyFixes: false });
  assert.doesNotMatch(html, /[\x07\x1b\u009b\u202e]/);
  assert.match(html, /\\u202e/);
});
