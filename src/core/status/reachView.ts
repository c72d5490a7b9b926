import type { MasterState } from './masterStatus';
import type { ReachView } from './statusView';

function clock(t: number): string {
  return new Date(t).toLocaleTimeString();
}

/**
 * The round trip as a coarse bound ("under 5 ms"): the exact figure jitters on every poll, and the
 * tooltip is only re-rendered when what it says changes.
 */
export function roundTripBucket(ms: number): string {
  for (const b of [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]) if (ms < b) return `under ${b} ms`;
  return `over ${Math.floor(ms / 1000)} s`;
}

function esc(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
}

/** The status bar's reachability part for a ROS 1 master; undefined when there is nothing to probe. */
export function reachView(state: MasterState, advertised?: string): ReachView | undefined {
  const adv = advertised ? `Advertised as: \`${advertised}\`` : "Advertised as: this machine's hostname (no ROS_IP/ROS_HOSTNAME)";
  switch (state.kind) {
    case 'reachable': {
      const c = state.probe.counts;
      return {
        icon: '$(check)',
        suffix: ` · ${c.nodes} node${c.nodes === 1 ? '' : 's'}`,
        tone: 'normal',
        tooltipLines: [
          `$(check) Master **${esc(state.uri)}** is up`,
          '',
          adv,
          '',
          `Round trip ${roundTripBucket(state.probe.roundTripMs)} · ${c.nodes} nodes · ${c.topics} topics · ${c.services} services · ${c.publishers} publishers · ${c.subscribers} subscribers`,
          '',
          `Up since ${clock(state.since)}`,
        ],
      };
    }
    case 'unreachable':
      return {
        icon: '$(error)',
        suffix: ' unreachable',
        tone: 'error',
        tooltipLines: [
          `$(error) Master **${esc(state.uri)}** is unreachable: ${esc(state.failure.message)}`,
          '',
          `**What to try:** ${esc(state.failure.hint)}`,
          '',
          adv,
          '',
          `Down since ${clock(state.since)}`,
        ],
      };
    case 'checking':
      return { icon: '$(sync~spin)', suffix: '', tone: 'normal', tooltipLines: [`Checking master ${esc(state.uri)}…`, '', adv] };
    case 'ros2':
    case 'no-profile':
      return undefined;
  }
}
