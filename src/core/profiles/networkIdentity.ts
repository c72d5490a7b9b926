import { masterUriOf } from '../ros/masterUri';
import { parseDomainIdLikeRcl } from '../ros/domain';
import type { Profile } from './profileSchema';
import type { ActiveResolution } from './resolveActive';

/**
 * The network identity one scope (the window, or a folder of a multi-root window) has: the chosen
 * profile as resolved against settings and trust, and the facts every consumer derives from it.
 * Computed once per change, so the status bar, the poller, the view, the doctor, the lint context
 * and the terminal environment cannot disagree.
 */
export interface NetworkIdentity {
  readonly resolution: ActiveResolution;
  /** The profile in effect (only when `resolution.kind === 'active'`). */
  readonly profile?: Profile;
  /** ROS 1: the master its nodes use (ROS_MASTER_URI or ROS's default). */
  readonly masterUri?: string;
  /** ROS 1: what nodes advertise (ROS_HOSTNAME wins over ROS_IP); undefined = the hostname. */
  readonly advertised?: string;
  /** ROS 2: the DDS domain as rcl reads ROS_DOMAIN_ID (unset = 0); undefined when rcl rejects it. */
  readonly domain?: number;
  /** Equal keys mean equal identities (what consumers compare to skip work). */
  readonly key: string;
}

export function identityOf(resolution: ActiveResolution): NetworkIdentity {
  const profile = resolution.kind === 'active' ? resolution.profile : undefined;
  const key = JSON.stringify(resolutionKey(resolution));
  if (!profile) return { resolution, key };
  const v = profile.variables;
  if (profile.rosVersion === 1) {
    const advertised = v.get('ROS_HOSTNAME') || v.get('ROS_IP') || undefined;
    return { resolution, profile, masterUri: masterUriOf(profile), ...(advertised ? { advertised } : {}), key };
  }
  const d = parseDomainIdLikeRcl(v.get('ROS_DOMAIN_ID') ?? '');
  const domain = d.kind === 'unset' ? 0 : d.kind === 'error' ? undefined : d.value;
  return { resolution, profile, ...(domain !== undefined ? { domain } : {}), key };
}

function profileKey(p: Profile): unknown[] {
  return [p.name, p.origin, p.rosVersion, p.description ?? null, [...p.variables], p.unset];
}

function resolutionKey(r: ActiveResolution): unknown[] {
  switch (r.kind) {
    case 'none':
      return ['none'];
    case 'missing':
      return ['missing', r.name, r.restricted];
    case 'active':
    case 'untrusted':
      return [r.kind, ...profileKey(r.profile)];
  }
}
