import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runHostTests } from '../harness/hostTests';

test('deny-by-default variables suite passes in a real VS Code extension host (code-server)', { timeout: 400_000 }, async () => {
  const r = await runHostTests({
    name: 'variables',
    suites: ['test/integration/variables.host.ts'],
    workspace: join(__dirname, '../fixtures/workspace-denied'),
    userSettings: {
      'rosNetwork.profiles': [{ name: 'mine', ROS_MASTER_URI: 'http://127.0.0.1:11311', env: { PATH: '/opt/mine/bin:/usr/bin:/bin' } }],
    },
  });
  for (const p of r.passes) console.log(`  ✓ ${p.title}`);
  for (const f of r.failures) console.log(`  ✗ ${f.title}\n${f.error}`);
  assert.deepEqual(
    r.failures.map((f) => f.title),
    [],
  );
  assert.equal(r.passes.length, 5);
});
