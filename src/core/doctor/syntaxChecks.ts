import type { Finding, LintContext } from '../lint/types';
import { parseDotenv, type DotenvEntry } from '../dotenv/dotenvParser';
import { LineIndex } from '../text/positions';
import { isLoopbackHost } from '../ros/masterUri';
import { DEFAULT_EPHEMERAL, targetOsOf, type TargetOs } from '../ros/domain';
import { envDialect, lintEnvText } from './envLint';
import { type DoctorFacts, variable } from './facts';
import type { Check, Verdict } from './types';

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;
/** Findings listed one by one in the report; the rest are counted (a report of 100k lines helps no one). */
export const MAX_EVIDENCE = 100;

/** The entry whose logical line holds `offset`: entries are in file order, so a binary search. */
function nameAt(entries: readonly DotenvEntry[], offset: number): string | undefined {
  let lo = 0;
  let hi = entries.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const e = entries[mid]!;
    if (offset < e.lineSpan.start) hi = mid - 1;
    else if (offset > e.lineSpan.end) lo = mid + 1;
    else return e.key;
  }
  return undefined;
}

/** `KEY=value` lines a dotenv parser reads back verbatim (values with specials are single-quoted). */
export function syntheticDotenv(variables: ReadonlyMap<string, string>): string {
  return [...variables].map(([k, v]) => `${k}=${/^[\w.:/@%+,-]*$/.test(v) ? v : `'${v.replace(/'/g, '')}'`}`).join('\n') + '\n';
}

function lintContext(f: DoctorFacts, os: TargetOs): LintContext {
  const distro = variable(f.input, 'ROS_DISTRO');
  return { ros: f.input.rosVersion, os, ...(distro ? { distro } : {}) };
}

/**
 * The variables through the lint rules (the same rules as the editor's diagnostics): the env file
 * itself when there is one, otherwise a synthetic `.env` of the variables, whose own format
 * findings are dropped because the user never wrote that file.
 */
export function syntaxCheck(f: DoctorFacts): Check {
  const ctx = lintContext(f, targetOsOf(f.deps.platform));
  const file = f.input.file;
  const text = file ? file.text : syntheticDotenv(f.input.variables);
  const path = file ? file.path : 'profile.env';
  const findings: Finding[] = lintEnvText(text, file ? envDialect(path) : 'dotenv', { ...ctx, ephemeral: DEFAULT_EPHEMERAL.linux }).filter(
    (x) => file || !/^FMT00[134]$/.test(x.code),
  );
  const entries = file ? [] : parseDotenv(text).entries;
  const lines = file ? new LineIndex(text) : undefined;
  const sorted = [...findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.span.start - b.span.start);
  const shown = sorted.slice(0, MAX_EVIDENCE);
  const evidence = shown.map((x) => {
    const where = lines ? `${file!.path}:${lines.positionAt(x.span.start).line + 1}` : (nameAt(entries, x.span.start) ?? 'variables');
    return `${x.severity}: ${where}: ${x.message} [${x.code}]`;
  });
  if (sorted.length > shown.length) {
    const rest = sorted.slice(shown.length);
    const count = (s: string) => rest.filter((x) => x.severity === s).length;
    evidence.push(
      `… and ${rest.length} more finding${rest.length === 1 ? '' : 's'} (${count('error')} errors, ${count('warning')} warnings, ${count('info')} info)${file ? `: rosnet lint ${file.path} lists them all` : ''}`,
    );
  }
  // A file the rules could not read (too large, binary) is not a file that passed them.
  const unchecked = findings.some((x) => x.code === 'FMT001' && x.message.startsWith('Not linted'));
  const verdict: Verdict =
    unchecked || findings.some((x) => x.severity === 'error') ? 'error' : findings.some((x) => x.severity === 'warning') ? 'warning' : 'ok';
  const names = [...f.input.variables.keys()];
  if (!evidence.length)
    evidence.push(
      names.length
        ? `${names.length} variable${names.length === 1 ? '' : 's'} checked (${names.slice(0, 20).join(', ')}${names.length > 20 ? ', …' : ''}): no problems`
        : 'No ROS variables are set.',
    );
  const preferredFix = sorted.flatMap((x) => x.fixes ?? []).find((x) => x.isPreferred);
  return {
    id: 'syntax.variables',
    group: 'syntax',
    title: 'Every variable passes the lint rules',
    verdict,
    evidence,
    ...(verdict !== 'ok'
      ? {
          fix: {
            title: preferredFix
              ? `${preferredFix.title} (and see each finding above)`
              : 'Correct the values listed above in the profile or file.',
          },
        }
      : {}),
  };
}

/**
 * The topology as written, before anything is run: where the master is and what this machine
 * advertises. A localhost master next to an address meant for other machines is the classic
 * mistake of copying one machine's setup to another.
 */
export function topologyCheck(f: DoctorFacts): Check {
  const id = 'syntax.topology';
  const title = 'Master and advertised address fit together';
  if (f.input.rosVersion !== 1) return { id, group: 'syntax', title, verdict: 'skipped', evidence: ['ROS 2 has no master.'] };
  if (!f.master)
    return {
      id,
      group: 'syntax',
      title,
      verdict: 'skipped',
      evidence: [`ROS_MASTER_URI '${f.masterUriText}' cannot be parsed (see the lint findings).`],
    };
  const adv = f.advertised;
  const explicitAdv = adv.source !== 'hostname';
  const evidence = [
    f.masterUriExplicit ? `ROS_MASTER_URI=${f.masterUriText}` : `ROS_MASTER_URI is not set: rospy uses ${f.masterUriText}, roscpp aborts`,
    explicitAdv
      ? `Advertised: ${adv.source}=${adv.value}`
      : `Advertised: neither ROS_HOSTNAME nor ROS_IP is set, so nodes advertise this machine's hostname '${adv.value}'`,
  ];
  const masterLoop = isLoopbackHost(f.master.host);
  const advLoop = isLoopbackHost(adv.value);
  if (masterLoop && explicitAdv && !advLoop) {
    return {
      id,
      group: 'syntax',
      title,
      verdict: 'warning',
      evidence: [
        ...evidence,
        `The master is '${f.master.host}' (this machine only), but ${adv.source} advertises ${adv.value} to other machines: that works only when roscore runs on this machine. If the master runs on another machine, nodes here will never find it.`,
      ],
      fix: {
        title: `Set ROS_MASTER_URI to the master machine's address (http://<master host>:${f.master.port}); keep localhost only when roscore runs here and no other machine takes part.`,
      },
    };
  }
  if (!masterLoop && advLoop) {
    return {
      id,
      group: 'syntax',
      title,
      verdict: 'error',
      evidence: [
        ...evidence,
        `The master is on '${f.master.host}', but this machine advertises the loopback address ${adv.value}: the master and other machines would connect to themselves.`,
      ],
      fix: {
        title: 'Advertise an address of this machine that the master can reach (ROS_IP); see the route check below for the right one.',
      },
    };
  }
  if (!f.masterUriExplicit)
    return {
      id,
      group: 'syntax',
      title,
      verdict: 'warning',
      evidence,
      fix: { title: 'Set ROS_MASTER_URI explicitly (roscpp nodes abort without it).' },
    };
  return { id, group: 'syntax', title, verdict: 'ok', evidence };
}
