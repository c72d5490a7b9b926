import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runHostTests } from '../harness/hostTests';

test('doctor Restricted Mode suite passes in a real, untrusted VS Code window', { timeout: 400_000 }, async () => {
  const r = await runHostTests({
    name: 'doctor-restricted',
    suites: ['test/integration/doctor.restricted.host.ts'],
    userSettings: {
      'security.workspace.trust.enabled': true,
      'security.workspace.trust.startupPrompt': 'never',
      // Loopback only: port 9 (discard) has no listener, so the master check fails fast and sends nothing off the machine.
      'rosNetwork.profiles': [{ name: 'mine-local', ROS_MASTER_URI: 'http://127.0.0.1:9', ROS_IP: '127.0.0.1' }],
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
