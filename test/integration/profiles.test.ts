import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runHostTests } from '../harness/hostTests';

test('profiles suite passes in a real VS Code extension host (code-server)', { timeout: 400_000 }, async () => {
  const r = await runHostTests({
    name: 'profiles',
    suites: ['test/integration/profiles.host.ts'],
    env: { ROS_MASTER_URI: 'http://inherited:11311', ROS_IP: '10.9.9.9' },
  });
  for (const p of r.passes) console.log(`  ✓ ${p.title}`);
  for (const f of r.failures) console.log(`  ✗ ${f.title}\n${f.error}`);
  assert.deepEqual(
    r.failures.map((f) => f.title),
    [],
  );
  assert.ok(r.passes.length >= 8, `${r.passes.length} host tests passed`);
});
