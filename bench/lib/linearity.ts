// The cases of the linearity benchmark and its unit test: each takes a size and does the whole job a
// user would wait for (parse + rules + report), so a per-item scan anywhere in the path shows.
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { buildFacts } from '../../src/core/doctor/facts';
import { nodeDeps, type DoctorDeps } from '../../src/core/doctor/deps';
import { inputFromEnvFile } from '../../src/core/doctor/doctorInput';
import { renderText } from '../../src/core/doctor/renderReport';
import { syntaxCheck } from '../../src/core/doctor/syntaxChecks';
import { parseSource } from '../../src/core/lint/lintEngine';
import { lintModel } from '../../src/core/lint/lintModel';
import { formatText } from '../../src/core/lint/report/text';
import type { LintContext } from '../../src/core/lint/types';
import { doctorEnvFile, hostileInput, HOSTILE_KINDS, type HostileKind } from './hostileInputs';

const CTX: LintContext = { os: 'linux' };

export interface LinearityCase {
  readonly name: string;
  readonly label: string;
  /** The input of about `bytes` bytes. */
  make(bytes: number): string;
  /** Smallest input of the unit test (8x it is the big one): where fixed costs no longer hide a quadratic term. */
  readonly testBytes: number;
  /** The work, returning something derived from the result so it cannot be optimised away. */
  run(text: string): number;
}

/** A machine with no network: the doctor's syntax check needs only the facts. */
const OFFLINE: DoctorDeps = {
  ...nodeDeps(),
  lookup: () => Promise.reject(Object.assign(new Error('offline'), { code: 'ENOTFOUND' })),
  interfaces: () => [],
  hostname: () => 'bench',
  routeSource: () => Promise.resolve({ detail: [] }),
  rpc: () => Promise.reject(new Error('offline')),
  listen: () => Promise.reject(new Error('offline')),
  readText: () => Promise.resolve(undefined),
  exists: () => Promise.resolve(false),
  now: () => 0,
  platform: 'linux',
};

export const LINEARITY_CASES: readonly LinearityCase[] = [
  ...(Object.keys(HOSTILE_KINDS) as HostileKind[]).map((k): LinearityCase => ({
    name: k,
    label: `lint + report: ${HOSTILE_KINDS[k].label}`,
    make: (bytes) => hostileInput(k, bytes),
    // Cases without findings are fast: a quadratic term shows only from ~1 MB on.
    testBytes: k === 'dotenv-quoted' || k === 'dotenv-unterminated' ? 512 * 1024 : 96 * 1024,
    // lintModel(parseSource(…)) rather than lintText: the engine refuses files over 20 MB, the code
    // under it must still be linear.
    run: (text) => {
      const findings = lintModel(parseSource(HOSTILE_KINDS[k].kind, text), CTX);
      return formatText([{ file: HOSTILE_KINDS[k].path, text, findings }]).length;
    },
  })),
  {
    name: 'doctor-env-file',
    label: 'doctor syntax check + text report: env file, a finding on every line',
    make: doctorEnvFile,
    testBytes: 96 * 1024,
    run: (text) => {
      const f = buildFacts(inputFromEnvFile('bad.env', text), OFFLINE, {});
      const check = syntaxCheck(f);
      return renderText({
        schema: 'rosnet.doctor/1',
        generatedAt: '',
        source: f.input.source,
        rosVersion: 1,
        verdict: check.verdict === 'skipped' ? 'ok' : check.verdict,
        summary: { ok: 0, warning: 0, error: 1, skipped: 0 },
        checks: [check],
        durationMs: 0,
      }).length;
    },
  },
];

let gc: (() => void) | undefined;
/** A full collection before each timed run, so garbage of the previous run is not billed to this one. */
function collect(): void {
  if (!gc) {
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('gc') as () => void;
  }
  gc();
}

/** Best of `runs` wall times of one case at one size, in ms (the best run is the one least disturbed by other load). */
export function bestTime(c: LinearityCase, text: string, runs: number): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    collect();
    const t0 = performance.now();
    c.run(text);
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}
