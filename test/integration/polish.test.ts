import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runHostTests } from '../harness/hostTests';
import { startMaster } from '../helpers/rosProcesses';

test(
  'polish suite (issue 14 §7) passes in a real VS Code extension host (code-server) against a real rosmaster',
  { timeout: 400_000 },
  async (t) => {
    const master = await startMaster();
    t.after(() => master.kill());
    const r = await runHostTests({
      name: 'polish',
      suites: ['test/integration/polish.host.ts'],
      env: { ROSNET_POLISH_MASTER: master.uri },
    });
    for (const p of r.passes) console.log(`  ✓ ${p.title}`);
    for (const f of r.failures) console.log(`  ✗ ${f.title}\n${f.error}`);
    assert.deepEqual(
      r.failures.map((f) => f.title),
      [],
    );
    assert.equal(r.passes.length, 5);
  },
);
