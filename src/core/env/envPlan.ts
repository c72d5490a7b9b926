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
  /** Set when the profile has ROS_IP and ROS_HOSTNAME is left alone: an `export ROS_IP` in a terminal takes effect. */
  readonly rosIpOverridable?: boolean;
}

/**
 * Where terminals would get a ROS_HOSTNAME that is not the profile's: the environment VS Code was
 * started with, and shell start-up files (`~/.bashrc:3`), which VS Code terminals run too.
 */
export interface HostnameEvidence {
  readonly inherited?: string;
  readonly startup: readonly string[];
}

/**
 * The variables a profile gives terminals. ROS_HOSTNAME wins over ROS_IP, and VS Code cannot unset
 * a variable (an empty ROS_HOSTNAME still hides ROS_IP in rosgraph and roscpp). So for a profile
 * with only ROS_IP, ROS_HOSTNAME is pinned to the same address only when there is evidence that
 * terminals would otherwise get one (`evidence`). Without evidence it is left unset, so that an
 * `export ROS_IP=…` in a terminal works as ROS documents; with a pin, the plan says how to override.
 * No evidence given (Copy Profile As…, outside VS Code): no pin.
 */
export function planProfileEnv(profile: Profile, evidence?: HostnameEvidence): EnvPlan {
  const entries = new Map<string, EnvEntry>();
  for (const [name, value] of profile.variables) entries.set(name, { name, value, kind: 'profile' });
  const has = (k: string) => entries.has(k);
  const add = (e: EnvEntry) => {
    if (!entries.has(e.name)) entries.set(e.name, e);
  };

  const ip = profile.variables.get('ROS_IP');
  const sources = [
    ...(evidence?.inherited !== undefined ? [`VS Code was started with ROS_HOSTNAME=${evidence.inherited}`] : []),
    ...(evidence?.startup.map((w) => `${w} sets ROS_HOSTNAME`) ?? []),
  ];
  let rosIpOverridable = false;
  if (ip !== undefined && !has('ROS_HOSTNAME') && !profile.unset.includes('ROS_HOSTNAME')) {
    if (sources.length)
      add({
        name: 'ROS_HOSTNAME',
        value: ip,
        kind: 'pinned',
        reason: `${sources.join('; ')}, and ROS_HOSTNAME wins over ROS_IP: it is pinned to the profile's ROS_IP. To advertise another address in one terminal, export ROS_HOSTNAME there (export ROS_IP alone is ignored while ROS_HOSTNAME is set)`,
      });
    else rosIpOverridable = true;
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
  return { profileName: profile.name, entries: [...entries.values()], ...(rosIpOverridable ? { rosIpOverridable } : {}) };
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

/** The terminal's "environment changes" hover: what is set, and what wins when the user sets ROS_IP there. */
export function describePlan(plan: EnvPlan): string {
  const set = plan.entries.filter((e) => e.kind === 'profile').map((e) => e.name);
  const pinned = plan.entries.filter((e) => e.kind === 'pinned');
  const blank = plan.entries.filter((e) => e.kind === 'blanked').map((e) => e.name);
  const parts = [`sets ${set.join(', ') || 'nothing'}`];
  for (const p of pinned) parts.push(`pins ${p.name}=${p.value} (${p.reason})`);
  if (blank.length) parts.push(`clears ${blank.join(', ')}`);
  if (plan.rosIpOverridable) parts.push('leaves ROS_HOSTNAME unset, so an export ROS_IP=… in this terminal takes effect');
  return `ROS Network profile '${plan.profileName}': ${parts.join('; ')}`;
}

/** The variables of the plan that are pinned (what `ROSNET_PINNED` lists in terminals). */
export function pinnedNames(plan: EnvPlan): string[] {
  return plan.entries.filter((e) => e.kind === 'pinned').map((e) => e.name);
}
