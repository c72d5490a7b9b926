// Compose files are read through the yaml library's document: anchors, aliases and merge keys.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText } from '../../../src/core/lint/lintEngine';

const dir = join(__dirname, '../../fixtures/lint-idioms');
const lint = (rel: string) => {
  const path = join(dir, rel);
  const text = readFileSync(path, 'utf8');
  return { text, findings: lintText(path, text, { os: 'linux' }).findings };
};

test('a value under an anchor is linted once, where it is written, for the services that merge or alias it', () => {
  const { text, findings } = lint('compose-anchors/docker-compose.yml');
  const dom = findings.filter((f) => f.code === 'DOM002');
  assert.equal(dom.length, 1, findings.map((f) => `${f.code} ${f.message}`).join('\n'));
  assert.equal(text.slice(dom[0]!.span.start, dom[0]!.span.end), '300');
  // The merge key itself is not an environment entry without a value.
  assert.deepEqual(
    findings.filter((f) => f.code === 'DC004').map((f) => text.slice(f.span.start, f.span.end)),
    [],
  );
  // The services inherit network_mode and ipc through the merge: no DC003 (shared memory) finding.
  assert.deepEqual(
    findings.filter((f) => f.code === 'DC003'),
    [],
  );
});
