import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runHostTests, type HostTestResult } from '../harness/hostTests';

const workspace = join(__dirname, '..', 'fixtures', 'lint-host');
// The host's ROS environment feeds the lint context; keep it out of these runs.
const env = { ROS_VERSION: undefined, ROS_DISTRO: undefined, ROS_DOMAIN_ID: undefined, ROS_MASTER_URI: undefined };

function report(r: HostTestResult): void {
  for (const p of r.passes) console.log(`  ✓ ${p.title}`);
  for (const f of r.failures) console.log(`  ✗ ${f.title}\n${f.error}`);
}

test('lint suite passes in a real VS Code extension host (code-server)', { timeout: 400_000 }, async () => {
  const r = await runHostTests({ name: 'lint', suites: ['test/integration/lint.host.ts'], workspace, env });
  report(r);
  assert.deepEqual(
    r.failures.map((f) => f.title),
    [],
  );
  assert.equal(r.passes.length, 15);
});

test('lint keeps working in Restricted Mode (untrusted window)', { timeout: 400_000 }, async () => {
  const r = await runHostTests({
    name: 'lint-restricted',
    suites: ['test/integration/lint.restricted.host.ts'],
    workspace,
    env,
    userSettings: { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' },
  });
  report(r);
  assert.deepEqual(
    r.failures.map((f) => f.title),
    [],
  );
  assert.equal(r.passes.length, 2);
});
