import type { Finding, LintContext } from '../lint/types';
import { parseDotenv } from '../dotenv/dotenvParser';
import { isLoopbackHost } from '../ros/masterUri';
import { DEFAULT_EPHEMERAL, targetOsOf, type TargetOs } from '../ros/domain';
import { envDialect, lintEnvText } from './envLint';
import { type DoctorFacts, variable } from './facts';
import type { Check, Verdict } from './types';

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

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
  const entries = parseDotenv(text).entries;
  const nameAt = (offset: number) => entries.find((e) => offset >= e.lineSpan.start && offset <= e.lineSpan.end)?.key;
  const lineAt = (offset: number) => text.slice(0, offset).split('\n').length;
  const sorted = [...findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.span.start - b.span.start);
  const evidence = sorted.map((x) => {
    const where = file ? `${file.path}:${lineAt(x.span.start)}` : (nameAt(x.span.start) ?? 'variables');
    return `${x.severity}: ${where}: ${x.message} [${x.code}]`;
  });
  const verdict: Verdict = findings.some((x) => x.severity === 'error')
    ? 'error'
    : findings.some((x) => x.severity === 'warning')
      ? 'warning'
      : 'ok';
  const names = [...f.input.variables.keys()];
  if (!evidence.length)
    evidence.push(
      names.length
        ? `${names.length} variable${names.length === 1 ? '' : 's'} checked (${names.join(', ')}): no problems`
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
