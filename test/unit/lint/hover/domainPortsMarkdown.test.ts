import { test } from 'node:test';
import assert from 'node:assert/strict';
import { domainPortsMarkdown } from '../../../../src/core/lint/hover/domainPortsMarkdown';
import { buildPortTable } from '../../../../src/core/ros/portTable';

test('domain 0: multicast 7400/7401, participant 0 at 7410/7411, 120 participants on every OS', () => {
  const md = domainPortsMarkdown(0, { os: 'linux' });
  assert.match(md, /Discovery multicast \| 7400 \|/);
  assert.match(md, /User multicast \| 7401 \|/);
  assert.match(md, /\| 0 \| 7410 \| 7411 \|/);
  assert.match(md, /\| 119 \| 7648 \| 7649 \|/);
  assert.match(md, /Linux \(this machine\) \| 32768–60999 \| 120 \|/);
  assert.match(md, /macOS \| 49152–65535 \| 120 \|/);
  assert.match(md, /Windows \| 49152–65535 \| 120 \|/);
  assert.doesNotMatch(md, /ephemeral port range on/);
});

test('domain 101: Linux fits 54 participants (the docs calculator), the last row is participant 53 at 32766/32767', () => {
  const md = domainPortsMarkdown(101, { os: 'linux' });
  assert.match(md, /Discovery multicast \| 32650 \|/);
  assert.match(md, /\| 53 \| 32766 \| 32767 \|/);
  assert.match(md, /Linux \(this machine\) \| 32768–60999 \| \*\*54\*\* \|/);
});

test('domain 150 clashes on Linux and the table names the nearest safe domain; macOS still fits 120', () => {
  const md = domainPortsMarkdown(150, { os: 'darwin' });
  assert.match(md, /Linux \| 32768–60999 \| \*\*0\*\*: ports clash \|/);
  assert.match(md, /macOS \(this machine\) \| 49152–65535 \| 120 \|/);
  assert.match(md, /Inside the ephemeral port range on Linux \(Linux: nearest safe domain 101\)/);
});

test('domain 232: Linux fits 63, macOS/Windows none', () => {
  const md = domainPortsMarkdown(232, {});
  assert.match(md, /Linux \| 32768–60999 \| \*\*63\*\* \|/);
  assert.match(md, /macOS \| 49152–65535 \| \*\*0\*\*: ports clash \|/);
});

test('a configured Linux range from /proc changes the Linux row and is marked', () => {
  const md = domainPortsMarkdown(10, { os: 'linux', linuxEphemeral: { lo: 9000, hi: 65000 } });
  assert.match(md, /Linux \(this machine\) \| 9000–65000 \(configured\) \| \*\*0\*\*: ports clash \|/);
});

test('an invalid domain is explained, not tabulated', () => {
  assert.match(domainPortsMarkdown(233), /not a valid domain/);
  assert.match(domainPortsMarkdown(-1), /not a valid domain/);
  assert.match(domainPortsMarkdown(1.5), /not a valid domain/);
});

test('the Markdown lists the same rows and per-OS counts as `rosnet ports` (portTable)', () => {
  for (const domain of [0, 42, 101, 150, 232]) {
    for (const os of ['linux', 'darwin', 'win32'] as const) {
      const table = buildPortTable(domain, os);
      const md = domainPortsMarkdown(domain, { os, rows: 300 });
      const fit = Math.max(table.maxParticipants, 1);
      for (const r of table.participants.slice(0, fit))
        assert.match(md, new RegExp(`\\| ${r.participant} \\| ${r.discoveryUnicast} \\| ${r.userUnicast} \\|`));
      assert.doesNotMatch(md, new RegExp(`\\n\\| ${fit} \\| \\d+ \\| \\d+ \\|`));
      assert.match(md, new RegExp(`\\(this machine\\) \\| [^|]+ \\| (\\*\\*)?${table.maxParticipants}(\\*\\*)?`));
    }
  }
});
