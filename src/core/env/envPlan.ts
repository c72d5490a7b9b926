import type { Profile } from '../profiles/profileSchema';

/**
 * What a profile does to a terminal's environment. VS Code's environment collection can only
 * replace values, never unset them (microsoft/vscode has no unset mutator), so a variable that would
 * conflict with the profile is either pinned to an equivalent value or blanked to the empty string,
 * which ROS reads as "not set" for these variables.
 */
export type EnvEntryKind = 'profile' | 'pinned' | 'blanked';

export interface EnvEntry {
  readonly name: string;
  readonly value: string;
  readonly kind: EnvEntryKind;
  /** Why a variable the profile does not list is touched. */
  readonly reason?: string;
}

export interface EnvPlan {
  readonly profileName: string;
  readonly entries: readonly EnvEntry[];
}

export function planProfileEnv(profile: Profile): EnvPlan {
  const entries = new Map<string, EnvEntry>();
  for (const [name, value] of profile.variables) entries.set(name, { name, value, kind: 'profile' });
  const has = (k: string) => entries.has(k);
  const add = (e: EnvEntry) => {
    if (!entries.has(e.name)) entries.set(e.name, e);
  };

  const ip = profile.variables.get('ROS_IP');
  if (ip !== undefined && !has('ROS_HOSTNAME')) {
    add({
      name: 'ROS_HOSTNAME',
      value: ip,
      kind: 'pinned',
      reason:
        "ROS_HOSTNAME wins over ROS_IP, so an inherited or ~/.bashrc ROS_HOSTNAME would hide the profile's ROS_IP; it is pinned to the same address",
    });
  }
  if (has('ROS_HOSTNAME') && !has('ROS_IP')) {
    add({
      name: 'ROS_IP',
      value: '',
      kind: 'blanked',
      reason: 'the profile advertises ROS_HOSTNAME; an inherited ROS_IP would only mislead',
    });
  }
  if ((has('ROS_AUTOMATIC_DISCOVERY_RANGE') || has('ROS_STATIC_PEERS')) && !has('ROS_LOCALHOST_ONLY')) {
    add({
      name: 'ROS_LOCALHOST_ONLY',
      value: '',
      kind: 'blanked',
      reason: "an inherited ROS_LOCALHOST_ONLY=1 would override the profile's discovery range and static peers",
    });
  }
  if (profile.rosVersion === 2 && !has('ROS_DOMAIN_ID')) {
    add({
      name: 'ROS_DOMAIN_ID',
      value: '',
      kind: 'blanked',
      reason: 'the profile uses the default domain 0; an inherited ROS_DOMAIN_ID would put terminals in another domain',
    });
  }
  for (const name of profile.unset) add({ name, value: '', kind: 'blanked', reason: 'listed in the profile\'s "unset"' });
  return { profileName: profile.name, entries: [...entries.values()] };
}

/** The plan as the variables a terminal ends up with. */
export function planToEnv(plan: EnvPlan): Map<string, string> {
  return new Map(plan.entries.map((e) => [e.name, e.value]));
}

export interface EnvDiff {
  readonly replace: ReadonlyArray<readonly [string, string]>;
  readonly remove: readonly string[];
}

/** The smallest set of mutator writes that turns `current` into `next`. */
export function diffEnv(current: ReadonlyMap<string, string>, next: ReadonlyMap<string, string>): EnvDiff {
  const replace: Array<readonly [string, string]> = [];
  const remove: string[] = [];
  for (const [k, v] of next) if (current.get(k) !== v) replace.push([k, v]);
  for (const k of current.keys()) if (!next.has(k)) remove.push(k);
  return { replace, remove };
}

export function isEmptyDiff(d: EnvDiff): boolean {
  return d.replace.length === 0 && d.remove.length === 0;
}

/** One line for the terminal's "environment changes" hover. */
export function describePlan(plan: EnvPlan): string {
  const set = plan.entries.filter((e) => e.kind !== 'blanked').map((e) => e.name);
  const blank = plan.entries.filter((e) => e.kind === 'blanked').map((e) => e.name);
  return `ROS Network profile '${plan.profileName}': sets ${set.join(', ') || 'nothing'}${blank.length ? `; clears ${blank.join(', ')}` : ''}`;
}
