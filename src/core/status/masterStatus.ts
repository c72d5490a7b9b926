import type { ProbeFailure, ProbeReachable, ProbeResult } from '../probe/masterProbe';

/** What is known about the active profile's master. */
export type MasterState =
  | { readonly kind: 'no-profile' }
  /** ROS 2 profile: nothing to probe; the domain is the identity. */
  | { readonly kind: 'ros2'; readonly domain: number }
  /** ROS 1 profile without ROS_MASTER_URI: rospy's default is used. */
  | { readonly kind: 'checking'; readonly uri: string }
  | { readonly kind: 'reachable'; readonly uri: string; readonly probe: ProbeReachable; readonly checkedAt: number; readonly since: number }
  | {
      readonly kind: 'unreachable';
      readonly uri: string;
      readonly failure: ProbeFailure;
      readonly checkedAt: number;
      readonly since: number;
    };

export type Transition = 'went-down' | 'came-up' | undefined;

/** Folds a probe result into the state; `since` only moves when reachability flips. */
export function nextMasterState(prev: MasterState, result: ProbeResult, now: number): { state: MasterState; transition: Transition } {
  const prevUp = prev.kind === 'reachable' && prev.uri === result.uri;
  const prevDown = prev.kind === 'unreachable' && prev.uri === result.uri;
  if (result.ok) {
    return {
      state: { kind: 'reachable', uri: result.uri, probe: result, checkedAt: now, since: prevUp ? prev.since : now },
      transition: prevDown ? 'came-up' : undefined,
    };
  }
  return {
    state: { kind: 'unreachable', uri: result.uri, failure: result, checkedAt: now, since: prevDown ? prev.since : now },
    transition: prevUp ? 'went-down' : undefined,
  };
}

/** Whether two states render the same (checkedAt and round-trip jitter excluded). */
export function sameView(a: MasterState, b: MasterState): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'reachable': {
      const bb = b as typeof a;
      return (
        a.uri === bb.uri &&
        a.probe.counts.nodes === bb.probe.counts.nodes &&
        a.probe.counts.topics === bb.probe.counts.topics &&
        a.probe.counts.services === bb.probe.counts.services
      );
    }
    case 'unreachable': {
      const bb = b as typeof a;
      return a.uri === bb.uri && a.failure.kind === bb.failure.kind && a.failure.message === bb.failure.message;
    }
    case 'ros2':
      return a.domain === (b as typeof a).domain;
    case 'checking':
      return a.uri === (b as typeof a).uri;
    case 'no-profile':
      return true;
  }
}
