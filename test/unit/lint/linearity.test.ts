// Linear time on hostile input, without timed assertions: each case is timed at two sizes 8x apart
// and the ratio compared with a generous bound (linear work gives ~8, a per-item scan to the end of
// the file ~64). The doubling benchmark with the real figures is bench/linearity.bench.ts.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { bestTime, LINEARITY_CASES, prepareLinearity } from '../../../bench/lib/linearity';
import { doctorEnvFile } from '../../../bench/lib/hostileInputs';
import { formatText } from '../../../src/core/lint/report/text';
import { inputFromEnvFile } from '../../../src/core/doctor/doctorInput';
import { buildFacts } from '../../../src/core/doctor/facts';
import { MAX_EVIDENCE, syntaxCheck } from '../../../src/core/doctor/syntaxChecks';
import type { DoctorDeps } from '../../../src/core/doctor/deps';
import type { Finding } from '../../../src/core/lint/types';

before(prepareLinearity);

for (const c of LINEARITY_CASES) {
  test(`linear time: ${c.label} (8x the input, well under 64x the time)`, () => {
    const small = c.make(c.testBytes);
    const big = c.make(8 * c.testBytes);
    bestTime(c, small, 2); // warm-up
    // Up to three measurements: a shared machine can stall one of them, while a per-item scan to
    // the end of the input (~64x) fails all three.
    const ratios: number[] = [];
    for (let attempt = 0; attempt < 3 && !(ratios.at(-1)! < 24); attempt++)
      ratios.push(bestTime(c, big, 2) / Math.max(bestTime(c, small, 4), 1));
    process.stderr.write(`RATIO ${c.name} ${ratios.map((r) => r.toFixed(1)).join(' ')}\n`);
    assert.ok(ratios.at(-1)! < 24, `8x the input took ${ratios.map((r) => r.toFixed(1)).join(', ')}x the time`);
  });
}

test('a report of 200k findings is printed, not a stack overflow', () => {
  const text = 'X=1\n'.repeat(200_000);
  const findings: Finding[] = Array.from({ length: 200_000 }, (_, i) => ({
    code: 'URI001',
    severity: 'error',
    message: 'bad',
    span: { start: i * 4 + 2, end: i * 4 + 3 },
  }));
  const out = formatText([{ file: 'big.env', text, findings }]);
  assert.match(out, /200000 problems/);
});

const OFFLINE = { interfaces: () => [], hostname: () => 'h', platform: 'linux', now: () => 0 } as unknown as DoctorDeps;

test('the doctor lists the first findings of a finding-dense env file and counts the rest, verdict error', () => {
  const text = doctorEnvFile(200 * 1024);
  const check = syntaxCheck(buildFacts(inputFromEnvFile('bad.env', text), OFFLINE, {}));
  assert.equal(check.verdict, 'error');
  assert.equal(check.evidence.length, MAX_EVIDENCE + 1);
  assert.match(check.evidence.at(-1)!, /^… and \d+ more findings \(\d+ errors/);
});

test('an env file the lint rules cannot read (binary, too large) is not reported as passing', () => {
  const text = `ROS_MASTER_URI=http://hal:11311\n\0\0\0binary`;
  const check = syntaxCheck(buildFacts(inputFromEnvFile('blob.env', text), OFFLINE, {}));
  assert.notEqual(check.verdict, 'ok');
  assert.ok(check.evidence.some((e) => /Not linted/.test(e)));
});
