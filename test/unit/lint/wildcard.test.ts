import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintText } from '../../../src/core/lint/lintEngine';
import { isUnspecifiedAddress } from '../../../src/core/net/addresses';
import { runDoctor } from '../../../src/core/doctor/runDoctor';
import { fakeMaster, LO, testDeps } from '../doctor/fakeRos';

const WILDCARDS = ['0.0.0.0', '::', '[::]', '::0', '0:0:0:0:0:0:0:0', '0', '0.0', '0x0', '000.000.000.000', '::ffff:0.0.0.0', '0::', '00'];
const NOT = ['10.0.0.1', '::1', '127.0.0.1', '0.0.0.1', 'hal', '0.1', '::ffff:10.0.0.1', 'fe80::1', ''];

test('every spelling of the unspecified address is recognised, and nothing else', () => {
  for (const w of WILDCARDS) assert.equal(isUnspecifiedAddress(w), true, w);
  for (const n of NOT) assert.equal(isUnspecifiedAddress(n), false, n);
});

test('HOST007: ROS_IP or ROS_HOSTNAME set to a wildcard address is an error with the reason', () => {
  for (const name of ['ROS_IP', 'ROS_HOSTNAME'])
    for (const w of ['0.0.0.0', '::', '0']) {
      const r = lintText('/ws/.env', `ROS_MASTER_URI=http://hal:11311\n${name}=${w}\n`, { os: 'linux' });
      const f = r.findings.find((x) => x.code === 'HOST007');
      assert.ok(f, `${name}=${w}: ${r.findings.map((x) => x.code).join(',')}`);
      assert.equal(f.severity, 'error');
      assert.match(f.message, /no other machine can connect/);
    }
  const ok = lintText('/ws/.env', 'ROS_MASTER_URI=http://hal:11311\nROS_IP=10.0.0.2\n', { os: 'linux' });
  assert.ok(!ok.findings.some((x) => x.code === 'HOST007'));
});

test("the doctor's reverse check never binds the wildcard address (no ✓ next to a ✗)", async () => {
  const master = await fakeMaster({});
  try {
    for (const w of ['0.0.0.0', '::']) {
      const deps = testDeps({ interfaces: [LO] });
      let bound = false;
      const r = await runDoctor(
        {
          source: { kind: 'profile', name: 't' },
          rosVersion: 1,
          variables: new Map([
            ['ROS_MASTER_URI', master.uri],
            ['ROS_IP', w],
          ]),
        },
        { ...deps, listen: (a) => ((bound = true), deps.listen(a)) },
        { timeoutMs: 1000 },
      );
      const c = r.checks.find((x) => x.id === 'reverse.advertised')!;
      assert.equal(c.verdict, 'error', `${w}: ${c.evidence.join(' ')}`);
      assert.equal(bound, false, `${w} was bound`);
    }
  } finally {
    await master.close();
  }
});
