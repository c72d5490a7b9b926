import type { ActiveResolution } from '../profiles/resolveActive';
import { profileSummary } from '../profiles/resolveActive';
import { domainPorts } from '../ros/domain';

/** What the status bar item shows, computed without VS Code so every state is unit-tested. */
export interface StatusView {
  readonly text: string;
  /** Markdown; `command:` links are allowed (the adapter marks the string trusted for our commands). */
  readonly tooltip: string;
  readonly tone: 'normal' | 'warning' | 'error';
}

/** Reachability of the active profile's master, filled in by the status poller. */
export interface ReachView {
  readonly icon: string;
  readonly suffix: string;
  readonly tone: StatusView['tone'];
  readonly tooltipLines: readonly string[];
}

export interface StatusLinks {
  readonly switchProfile: string;
  readonly showLog: string;
  readonly extra?: readonly string[];
}

function cmd(label: string, id: string): string {
  return `[${label}](command:${id})`;
}

function escapeMd(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
}

export function renderStatus(resolution: ActiveResolution, links: StatusLinks, reach?: ReachView): StatusView {
  const actions = [cmd('Switch Profile', links.switchProfile), ...(links.extra ?? []), cmd('Show Log', links.showLog)].join(' · ');
  switch (resolution.kind) {
    case 'none':
      return {
        text: '$(circle-slash) ROS: no profile',
        tooltip: `**ROS Network**: no profile active; terminals get the inherited environment.\n\n${actions}`,
        tone: 'normal',
      };
    case 'missing':
      if (resolution.restricted) {
        return {
          text: `$(shield) ROS: ${resolution.name} (restricted)`,
          tooltip: `**ROS Network**: profile **${escapeMd(resolution.name)}** is not available: this workspace is in Restricted Mode, where VS Code ignores workspace settings (and the profiles in them). [Trust the workspace](command:workbench.trust.manage) to apply it.\n\n${actions}`,
          tone: 'warning',
        };
      }
      return {
        text: `$(warning) ROS: ${resolution.name}?`,
        tooltip: `**ROS Network**: the active profile **${escapeMd(resolution.name)}** is no longer defined (or is invalid), so nothing is injected.\n\n${actions}`,
        tone: 'warning',
      };
    case 'untrusted':
      return {
        text: `$(shield) ROS: ${resolution.profile.name} (restricted)`,
        tooltip: `**ROS Network**: profile **${escapeMd(resolution.profile.name)}** comes from this workspace's settings and is not applied in Restricted Mode. [Trust the workspace](command:workbench.trust.manage) to apply it.\n\n${actions}`,
        tone: 'warning',
      };
    case 'active': {
      const p = resolution.profile;
      const v = p.variables;
      const rows: string[] = [];
      for (const [k, val] of v) rows.push(`| \`${k}\` | ${val === '' ? '_(empty)_' : escapeMd(val)} |`);
      const lines = [`**ROS Network** · profile **${escapeMd(p.name)}** (ROS ${p.rosVersion})`];
      if (p.description) lines.push('', escapeMd(p.description));
      if (reach) lines.push('', ...reach.tooltipLines);
      if (rows.length) lines.push('', '| Variable | Value |', '|---|---|', ...rows);
      if (p.rosVersion === 2) {
        const d = Number(v.get('ROS_DOMAIN_ID') || '0');
        const ports = domainPorts(d);
        const p0 = ports.participant(0);
        lines.push(
          '',
          `Domain ${d}: multicast ${ports.discoveryMulticast}/${ports.userMulticast}, first participant unicast ${p0.discoveryUnicast}/${p0.userUnicast}`,
        );
      }
      lines.push('', actions);
      let text: string;
      if (reach) text = `${reach.icon} ${p.name}${reach.suffix}`;
      else if (p.rosVersion === 2) text = `$(broadcast) ${p.name} · domain ${v.get('ROS_DOMAIN_ID') || '0'}`;
      else text = `$(broadcast) ROS: ${p.name}`;
      return { text, tooltip: lines.join('\n'), tone: reach?.tone ?? 'normal' };
    }
  }
}

export { profileSummary };
