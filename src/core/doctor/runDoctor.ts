import { addressChecks } from './addressChecks';
import type { DoctorDeps } from './deps';
import { buildFacts, runDeadlineMs } from './facts';
import { masterChecks } from './masterChecks';
import { nodeChecks } from './nodeChecks';
import { reverseChecks } from './reverseChecks';
import { ros2Checks } from './ros2Checks';
import { syntaxCheck, topologyCheck } from './syntaxChecks';
import { terminalCheck } from './terminalCheck';
import { envDialect } from './envLint';
import { loadShellParser } from '../lint/sources/shellParser';
import { GROUP_ORDER, worst, type Check, type DoctorInput, type DoctorOptions, type DoctorReport, type Verdict } from './types';

/**
 * Runs every check for one set of variables on this machine. Static checks come first in the
 * report (they need nothing running); each network step has its own timeout, so a dead network
 * bounds the run.
 * Never throws for network trouble: a failing step is a check with verdict `error`.
 */
export async function runDoctor(input: DoctorInput, deps: DoctorDeps, opts: DoctorOptions = {}): Promise<DoctorReport> {
  const started = deps.now();
  // The run's deadline: a ref'd timer (AbortSignal.timeout's is not), so the run ends at it even
  // when nothing else holds the event loop, e.g. a lookup that never settles.
  const deadline = new AbortController();
  const deadlineMs = runDeadlineMs(input, opts);
  const timer = setTimeout(() => deadline.abort(new DOMException(`deadline of ${deadlineMs} ms`, 'TimeoutError')), deadlineMs);
  try {
    return await run(
      input,
      deps,
      { ...opts, signal: opts.signal ? AbortSignal.any([opts.signal, deadline.signal]) : deadline.signal },
      started,
    );
  } finally {
    clearTimeout(timer);
  }
}

async function run(input: DoctorInput, deps: DoctorDeps, opts: DoctorOptions, started: number): Promise<DoctorReport> {
  const f = buildFacts(input, deps, opts);
  // Every step also ends at the run's deadline, even one whose I/O ignores the signal.
  const late = (group: Check['group']) =>
    new Promise<Check[]>((resolve) => {
      const report = () =>
        resolve([
          {
            id: `${group}.deadline`,
            group,
            title: 'The check did not finish in time',
            verdict: 'error',
            evidence: [
              `Not finished when the run's deadline (${f.deadlineMs} ms: twice --timeout, plus the ROS 2 listening time) was reached.`,
            ],
          },
        ]);
      if (f.signal.aborted) report();
      else f.signal.addEventListener('abort', report, { once: true });
    });
  const step = async (group: Check['group'], run: () => Promise<Check[]>): Promise<Check[]> => {
    try {
      return await Promise.race([run(), late(group)]);
    } catch (e) {
      return [
        {
          id: `${group}.internal`,
          group,
          title: 'The check could not run',
          verdict: 'error',
          evidence: [e instanceof Error ? e.message : String(e)],
        },
      ];
    }
  };
  // The master's addresses decide what "remote" means for the address and reverse checks; with
  // them known (one cached lookup, made while the static checks run), the groups are independent
  // and run at once, except the node checks, which need the master's node list.
  const masterResolution = f.input.rosVersion === 1 && f.master ? f.resolve(f.master.host) : undefined;
  // A shell script is linted by bash's grammar (WebAssembly, loaded on first use); without it the
  // syntax check says the file was not linted.
  if (input.file && envDialect(input.file.path) === 'shell') await loadShellParser().catch(() => undefined);
  const terminal = terminalCheck(input);
  const staticChecks = [syntaxCheck(f), ...(terminal ? [terminal] : []), topologyCheck(f)];
  const r = await (masterResolution ? Promise.race([masterResolution, late('master').then(() => undefined)]) : undefined);
  if (r?.ok) f.masterAddresses = r.addresses;
  const groups = await Promise.all([
    step('master', () => masterChecks(f)).then(async (master) => [...master, ...(await step('nodes', () => nodeChecks(f)))]),
    step('local', () => addressChecks(f)),
    step('reverse', () => reverseChecks(f)),
    step('ros2', () => ros2Checks(f)),
  ]);
  const checks: Check[] = [...staticChecks, ...groups.flat()];
  checks.sort((a, b) => GROUP_ORDER.indexOf(a.group) - GROUP_ORDER.indexOf(b.group));
  const summary: Record<Verdict, number> = { ok: 0, warning: 0, error: 0, skipped: 0 };
  for (const c of checks) summary[c.verdict]++;
  return {
    schema: 'rosnet.doctor/1',
    generatedAt: new Date().toISOString(),
    source: input.source,
    rosVersion: input.rosVersion,
    verdict: worst(checks.map((c) => c.verdict)),
    summary,
    checks,
    durationMs: Math.round(deps.now() - started),
  };
}
