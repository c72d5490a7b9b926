import type { Check, DoctorInput } from './types';

const ID = 'syntax.terminal';

/**
 * What terminals really get, which is not always what the profile lists: for a profile, the pinned
 * and cleared variables of its terminal env plan; run in a profile's terminal (the ROSNET_SET
 * marker), every variable changed since the terminal started, since that value, not the profile's,
 * is what nodes started there use. Undefined when neither applies.
 */
export function terminalCheck(input: DoctorInput): Check | undefined {
  const plan = input.terminalPlan;
  if (plan) {
    const evidence = plan.map((e) =>
      e.kind === 'blanked'
        ? `${e.name} cleared (empty)${e.reason ? `: ${e.reason}` : ''}`
        : e.kind === 'pinned'
          ? `${e.name}=${e.value} pinned${e.reason ? `: ${e.reason}` : ''}`
          : `${e.name}=${e.value}`,
    );
    return {
      id: ID,
      group: 'syntax',
      title: `What terminals of '${input.source.name}' get`,
      verdict: 'ok',
      evidence: evidence.length ? evidence : ['Nothing: the profile sets no variable.'],
    };
  }
  const t = input.terminal;
  if (!t?.injected) return undefined;
  const title = `This terminal still has what profile '${t.profile}' gave it`;
  const changed: string[] = [];
  for (const [name, given] of t.injected) {
    const now = input.variables.get(name);
    if (now === given || (given === '' && now === undefined)) continue;
    const was = given === '' ? 'cleared it' : `gave ${given}`;
    changed.push(
      now === undefined
        ? `${name} is unset here; the profile ${was}.`
        : `${name}=${now === '' ? '(empty)' : now} here; the profile ${was}. Nodes started in this terminal use ${now === '' ? 'the empty value' : now}.`,
    );
  }
  if (!changed.length)
    return { id: ID, group: 'syntax', title, verdict: 'ok', evidence: [`${t.injected.size} variables as the profile set them.`] };
  return {
    id: ID,
    group: 'syntax',
    title: `This terminal differs from profile '${t.profile}'`,
    verdict: 'warning',
    evidence: [...changed, 'Changed after the terminal started (an export, or a file sourced in this shell).'],
    fix: { title: `Open a new terminal to get profile '${t.profile}' again, or keep the override on purpose` },
  };
}
