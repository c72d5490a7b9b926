// A deadline per operation: the doctor's whole run and each DNS lookup end near --timeout even when
// getaddrinfo never answers; timer values beyond Node's 2^31-1 ms are clamped, not turned into 1 ms.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { runDoctor } from '../../../src/core/doctor/runDoctor';
import { main } from '../../../src/cli/main';
import { fakeMaster, LO, testDeps } from './fakeRos';

const ROOT = resolve(__dirname, '../../..');

test('a lookup that never answers: the doctor run ends by its deadline (twice --timeout) with the lookups reported', async () => {
  const deps = { ...testDeps({ interfaces: [LO] }), lookup: () => new Promise<string[]>(() => undefined) };
  const t0 = performance.now();
  const r = await runDoctor(
    {
      source: { kind: 'profile', name: 't' },
      rosVersion: 1,
      variables: new Map([
        ['ROS_MASTER_URI', 'http://master.example:11311'],
        ['ROS_HOSTNAME', 'me.example'],
      ]),
    },
    deps,
    { timeoutMs: 300 },
  );
  const ms = performance.now() - t0;
  assert.ok(ms < 300 * 2 + 1500, `took ${ms.toFixed(0)} ms`);
  assert.equal(r.verdict, 'error');
  assert.match(JSON.stringify(r.checks), /timed out|deadline/);
});

test('rosnet doctor exits near its deadline when getaddrinfo hangs (a real process, the resolver never answers)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rosnet-deadline-'));
  try {
    writeFileSync(join(dir, 'a.env'), 'ROS_MASTER_URI=http://master.example:11311\nROS_HOSTNAME=me.example\n');
    const t0 = performance.now();
    const p = spawnSync(
      process.execPath,
      [
        '--require',
        join(ROOT, 'test/fixtures/hostile/hangingResolver.cjs'),
        '--import',
        'tsx',
        join(ROOT, 'src/cli/main.ts'),
        'doctor',
        '--env-file',
        join(dir, 'a.env'),
        '--timeout',
        '500',
      ],
      { cwd: ROOT, encoding: 'utf8', timeout: 30_000 },
    );
    const ms = performance.now() - t0;
    assert.equal(p.signal, null, `killed after ${ms.toFixed(0)} ms: the process did not exit on its own`);
    assert.equal(p.status, 1, p.stderr);
    assert.match(p.stdout, /timed out|deadline/);
    // tsx start-up takes a few seconds on a loaded machine; without the deadline it never exits.
    assert.ok(ms < 20_000, `took ${ms.toFixed(0)} ms`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--timeout 3000000000 is clamped to 2^31-1 ms with a note, and a healthy master is reachable (not a 1 ms timeout)', async () => {
  const master = await fakeMaster({});
  try {
    let out = '';
    let err = '';
    const code = await main(['probe', master.uri, '--timeout', '3000000000'], {
      out: (t) => (out += t),
      err: (t) => (err += t),
      cwd: process.cwd(),
      env: {},
    });
    assert.equal(code, 0, out + err);
    assert.match(out, /reachable/);
    assert.match(err, /2147483647/);
  } finally {
    await master.close();
  }
});

test('the doctor with --timeout above 2^31-1 ms reports no false timeouts', async () => {
  const master = await fakeMaster({});
  try {
    const r = await runDoctor(
      {
        source: { kind: 'profile', name: 't' },
        rosVersion: 1,
        variables: new Map([
          ['ROS_MASTER_URI', master.uri],
          ['ROS_IP', '127.0.0.1'],
        ]),
      },
      testDeps({ interfaces: [LO] }),
      { timeoutMs: 3_000_000_000 },
    );
    assert.doesNotMatch(JSON.stringify(r.checks), /timed out|deadline/);
    assert.notEqual(r.verdict, 'error', JSON.stringify(r.checks.filter((c) => c.verdict === 'error')));
  } finally {
    await master.close();
  }
});
