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
import { loadShellParser } from '../../src/core/lint/sources/shellParser';
import { lintModel } from '../../src/core/lint/lintModel';
import { formatText } from '../../src/core/lint/report/text';
import type { LintContext } from '../../src/core/lint/types';
import { parse as parseJsonc } from 'jsonc-parser';
import { parseProfiles, PROFILES_SETTING } from '../../src/core/profiles/parseProfiles';
import { profileFromDotenv } from '../../src/core/profiles/importProfile';
import { parseMethodResponse } from '../../src/core/probe/xmlrpcCodec';
import {
  doctorEnvFile,
  hostileInput,
  HOSTILE_KINDS,
  importEnvFile,
  profileSettings,
  xmlRpcStringReply,
  type HostileKind,
} from './hostileInputs';

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
      // A source that did not read the text (the shell parser not loaded yet) would time nothing.
      const skipped = findings.find((f) => f.message.startsWith('Not linted'));
      if (skipped) throw new Error(`${k}: ${skipped.message}`);
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
  {
    name: 'profile-import',
    label: 'profile import from a .env file, a ROS_* variable on every line',
    make: importEnvFile,
    testBytes: 256 * 1024,
    run: (text) => profileFromDotenv('imported', text).imported.length,
  },
  {
    name: 'profile-settings',
    label: 'profiles read from settings.json (rosnet --profile), an invalid profile per line',
    make: profileSettings,
    testBytes: 96 * 1024,
    run: (text) => {
      const settings = parseJsonc(text, [], { allowTrailingComma: true }) as Record<string, unknown>;
      const parsed = parseProfiles(settings[PROFILES_SETTING], 'workspace');
      return parsed.profiles.length + parsed.problems.length;
    },
  },
  {
    name: 'xmlrpc-reply',
    label: 'XML-RPC reply decode, one string with a reference every 2 KB',
    make: xmlRpcStringReply,
    testBytes: 512 * 1024,
    run: (text) => (parseMethodResponse(text) as string).length,
  },
];

/** What the cases need loaded first (the shell source reads with tree-sitter, which loads asynchronously). */
export function prepareLinearity(): Promise<void> {
  return loadShellParser();
}

let gc: (() => void) | undefined;
/** A full collection before each timed run, so garbage of the previous run is not billed to this one. */
function collect(): void {
  if (!gc) {
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('gc') as () => void;
  }
  gc();
}

/**
 * Best of `runs` CPU times (user + system of the process) of one case at one size, in ms. CPU time, not
 * wall time: on a machine shared by several jobs the wall clock also counts the time spent waiting for
 * a core, which moved 2x between the sizes of one run; the best run is the one least disturbed.
 */
export function bestTime(c: LinearityCase, text: string, runs: number): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    collect();
    const t0 = process.cpuUsage();
    c.run(text);
    const t = process.cpuUsage(t0);
    best = Math.min(best, (t.user + t.system) / 1000);
  }
  return best;
}
