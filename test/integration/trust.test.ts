import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runHostTests } from '../harness/hostTests';

test('Restricted Mode suite passes in a real, untrusted VS Code window', { timeout: 400_000 }, async () => {
  const r = await runHostTests({
    name: 'trust',
    suites: ['test/integration/trust.host.ts'],
    userSettings: {
      'security.workspace.trust.enabled': true,
      'security.workspace.trust.startupPrompt': 'never',
      'rosNetwork.profiles': [{ name: 'mine', ROS_MASTER_URI: 'http://user-master:11311', ROS_HOSTNAME: 'laptop' }],
    },
  });
  for (const p of r.passes) console.log(`  ✓ ${p.title}`);
  for (const f of r.failures) console.log(`  ✗ ${f.title}\n${f.error}`);
  assert.deepEqual(
    r.failures.map((f) => f.title),
    [],
  );
  assert.equal(r.passes.length, 3);
});

test('multi-root suite: one profile per folder', { timeout: 400_000 }, async () => {
  const r = await runHostTests({ name: 'multiroot', suites: ['test/integration/multiRoot.host.ts'], multiRoot: true });
  for (const p of r.passes) console.log(`  ✓ ${p.title}`);
  for (const f of r.failures) console.log(`  ✗ ${f.title}\n${f.error}`);
  assert.deepEqual(
    r.failures.map((f) => f.title),
    [],
  );
  assert.equal(r.passes.length, 2);
});
