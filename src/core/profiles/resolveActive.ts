import type { Profile } from './profileSchema';

export type ActiveResolution =
  | { readonly kind: 'none' }
  | { readonly kind: 'active'; readonly profile: Profile }
  /** The chosen profile is defined in workspace settings and the workspace is not trusted. */
  | { readonly kind: 'untrusted'; readonly profile: Profile }
  /**
   * The chosen profile no longer exists (renamed, deleted, or now invalid). `restricted`: the window
   * is untrusted, and VS Code hides workspace profiles there, so it may just be a workspace profile.
   */
  | { readonly kind: 'missing'; readonly name: string; readonly restricted: boolean };

export function isUsableProfile(profile: Profile, workspaceTrusted: boolean): boolean {
  return profile.origin === 'user' || workspaceTrusted;
}

export function resolveActiveProfile(
  profiles: readonly Profile[],
  activeName: string | undefined,
  workspaceTrusted: boolean,
): ActiveResolution {
  if (activeName === undefined) return { kind: 'none' };
  const profile = profiles.find((p) => p.name === activeName);
  if (!profile) return { kind: 'missing', name: activeName, restricted: !workspaceTrusted };
  return isUsableProfile(profile, workspaceTrusted) ? { kind: 'active', profile } : { kind: 'untrusted', profile };
}

/** One line with the profile's network identity: master, advertised address, domain. */
export function profileSummary(p: Profile): string {
  const v = p.variables;
  const parts: string[] = [];
  if (v.has('ROS_MASTER_URI')) parts.push(v.get('ROS_MASTER_URI')!);
  if (v.get('ROS_HOSTNAME')) parts.push(`hostname ${v.get('ROS_HOSTNAME')}`);
  else if (v.get('ROS_IP')) parts.push(`IP ${v.get('ROS_IP')}`);
  if (v.has('ROS_DOMAIN_ID') || p.rosVersion === 2) parts.push(`domain ${v.get('ROS_DOMAIN_ID') || '0'}`);
  if (v.has('ROS_AUTOMATIC_DISCOVERY_RANGE')) parts.push(v.get('ROS_AUTOMATIC_DISCOVERY_RANGE')!.toLowerCase());
  if (v.has('RMW_IMPLEMENTATION')) parts.push(v.get('RMW_IMPLEMENTATION')!);
  return parts.join(' · ') || 'no variables';
}
