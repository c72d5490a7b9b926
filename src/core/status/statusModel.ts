import type { NetworkIdentity } from '../profiles/networkIdentity';
import { domainPorts } from '../ros/domain';
import { markdownCode, sanitizeForDisplay as plain, sanitizeForMarkdown as md } from '../text/sanitize';
import { plural } from '../text/plural';
import type { MasterState } from './masterStatus';
import { ros2StatusPart, type Ros2Live } from './ros2Status';
import { roundTripBucket } from './roundTrip';
import { classifyProfile, type ClassifiedVariable } from '../env/variableClass';

export { roundTripBucket };

/** A command the tooltip offers: rendered as a `command:` link, and the only commands the tooltip may run. */
export interface StatusLink {
  readonly label: string;
  readonly command: string;
  readonly args?: readonly unknown[];
}

/** A link that opens a file at a line (a `file:` URI with `#L<line>`, which VS Code opens at that line). */
export interface FileLink {
  readonly label: string;
  readonly path: string;
  readonly line: number;
}

/** One paragraph of the tooltip: Markdown text (untrusted parts already escaped) and links after it. */
export interface TooltipSection {
  readonly text?: string;
  readonly links?: readonly StatusLink[];
  readonly fileLinks?: readonly FileLink[];
}

/**
 * A cheap fact about this machine for the active ROS 1 profile: the cached HOST003/URI004 answers
 * (interfaces, resolver). `short` goes into the status bar text, `detail` (roswtf's words) into the tooltip.
 */
export interface LocalFact {
  readonly code: 'HOST003' | 'URI004';
  readonly short: string;
  readonly detail: string;
}

/** A shell start-up file line that sets another value than the profile (mentioned in the tooltip). */
export interface StartupConflict {
  readonly name: string;
  readonly value: string;
  readonly where: FileLink;
  /** How many more lines conflict. */
  readonly more: number;
}

/** What the status bar item shows, computed without VS Code so that every state is unit-tested. */
export interface StatusModel {
  /** With `$(icon)` syntax. */
  readonly text: string;
  readonly tone: 'normal' | 'warning' | 'error';
  readonly tooltip: readonly TooltipSection[];
}

/** The command ids the model links to (from the extension's one Commands table). */
export interface StatusCommandIds {
  readonly switchProfile: string;
  readonly showLog: string;
  readonly refreshStatus: string;
  readonly showGraph: string;
  readonly runDoctor: string;
  readonly manageTrust: string;
  readonly copyMasterUri: string;
  readonly reviewVariables: string;
}

/**
 * Whether terminals get the active profile's deny-by-default variables: `withheld` (a workspace
 * profile not confirmed yet), `allowed` (confirmed for this workspace), `user` (the user's own settings).
 */
export type DeniedState = 'withheld' | 'allowed' | 'user';

export interface StatusInput {
  readonly identity: NetworkIdentity;
  /** The master poller's state for a ROS 1 identity (undefined before the first result). */
  readonly master?: MasterState;
  /** For a ROS 2 identity: what the passive monitor, the discovery server pings or the Zenoh check found. */
  readonly ros2?: Ros2Live;
  /** Wall clock for "up since" (injected for tests). */
  readonly clock?: (t: number) => string;
  /** ROS 1: HOST003/URI004 answers for the active profile on this machine (empty: all fine or not known yet). */
  readonly local?: readonly LocalFact[];
  readonly startupConflict?: StartupConflict;
  /** Only for a profile with deny-by-default variables. */
  readonly denied?: DeniedState;
}

const defaultClock = (t: number) => new Date(t).toLocaleTimeString();

export function statusModel(input: StatusInput, ids: StatusCommandIds): StatusModel {
  const { identity } = input;
  const r = identity.resolution;
  const actions = (...extra: StatusLink[]): TooltipSection => ({
    links: [{ label: 'Switch Profile', command: ids.switchProfile }, ...extra, { label: 'Show Log', command: ids.showLog }],
  });
  const trust: StatusLink = { label: 'Trust the workspace', command: ids.manageTrust };
  switch (r.kind) {
    case 'none':
      return {
        text: '$(circle-slash) ROS: no profile',
        tone: 'normal',
        tooltip: [{ text: '**ROS Network**: no profile active; terminals get the inherited environment.' }, actions()],
      };
    case 'missing':
      if (r.restricted) {
        return {
          text: `$(shield) ROS: ${plain(r.name)} (restricted)`,
          tone: 'warning',
          tooltip: [
            {
              text: `**ROS Network**: profile **${md(r.name)}** is not available: this workspace is in Restricted Mode, where VS Code ignores workspace settings (and the profiles in them).`,
              links: [trust],
            },
            actions(),
          ],
        };
      }
      return {
        text: `$(warning) ROS: ${plain(r.name)}?`,
        tone: 'warning',
        tooltip: [
          { text: `**ROS Network**: the active profile **${md(r.name)}** is no longer defined (or is invalid), so nothing is injected.` },
          actions(),
        ],
      };
    case 'untrusted':
      return {
        text: `$(shield) ROS: ${plain(r.profile.name)} (restricted)`,
        tone: 'warning',
        tooltip: [
          {
            text: `**ROS Network**: profile **${md(r.profile.name)}** comes from this workspace's settings and is not applied in Restricted Mode.`,
            links: [trust],
          },
          actions(),
        ],
      };
    case 'active':
      return activeModel(input, ids, actions);
  }
}

function activeModel(input: StatusInput, ids: StatusCommandIds, actions: (...extra: StatusLink[]) => TooltipSection): StatusModel {
  const { identity } = input;
  const p = identity.profile!;
  const name = plain(p.name);
  const head: TooltipSection[] = [{ text: `**ROS Network** · profile **${md(p.name)}** (ROS ${p.rosVersion})` }];
  if (p.description) head.push({ text: md(p.description) });
  // Values as code spans: Markdown would turn ROS_MASTER_URI into a link to a page the master cannot serve.
  const classified = classifyProfile(p);
  const state = input.denied ?? (p.origin === 'user' ? 'user' : 'withheld');
  const note = (v: ClassifiedVariable) =>
    v.kind === 'other'
      ? ' _(extra)_'
      : v.kind !== 'denied'
        ? ''
        : state === 'withheld'
          ? ' $(shield) _not applied_'
          : ' $(warning) _can run code_';
  const rows = classified
    .filter((v) => v.value !== undefined || v.kind === 'denied')
    .map(
      (v) =>
        `| ${markdownCode(v.name)} | ${v.value === undefined ? '_(cleared)_' : v.value === '' ? '_(empty)_' : markdownCode(v.value)}${note(v)} |`,
    );
  const table: TooltipSection[] = rows.length ? [{ text: ['| Variable | Value |', '|---|---|', ...rows].join('\n') }] : [];
  const denied = classified.filter((v) => v.kind === 'denied');
  if (denied.length) head.push(deniedSection(denied, state, ids));

  if (p.rosVersion === 2) {
    const d = identity.domain;
    if (d === undefined)
      return {
        text: `$(warning) ${name} · domain ?`,
        tone: 'warning',
        tooltip: [
          ...head,
          { text: `ROS_DOMAIN_ID '${md(p.variables.get('ROS_DOMAIN_ID') ?? '')}' is not a domain rcl accepts` },
          ...table,
          actions({ label: 'Run Network Doctor', command: ids.runDoctor }),
        ],
      };
    const ports = domainPorts(d);
    const p0 = ports.participant(0);
    const part = ros2StatusPart(p.variables, d, input.ros2);
    const icon = part.tone === 'error' ? '$(error)' : part.tone === 'warning' ? '$(warning)' : '$(broadcast)';
    return {
      text: `${icon} ${name} · domain ${d}${part.suffix}`,
      tone: part.tone,
      tooltip: [
        ...head,
        ...part.lines.map((text) => ({ text })),
        ...table,
        {
          text: `Domain ${d}: multicast ${ports.discoveryMulticast}/${ports.userMulticast}, first participant unicast ${p0.discoveryUnicast}/${p0.userUnicast}`,
        },
        actions(
          { label: 'Refresh', command: ids.refreshStatus },
          { label: 'Show Graph', command: ids.showGraph },
          { label: 'Run Network Doctor', command: ids.runDoctor },
        ),
      ],
    };
  }

  const clock = input.clock ?? defaultClock;
  const adv = identity.advertised
    ? `Advertised as: ${markdownCode(identity.advertised)}`
    : "Advertised as: this machine's hostname (no ROS_IP/ROS_HOSTNAME)";
  const probeLinks: StatusLink[] = [
    { label: 'Refresh', command: ids.refreshStatus },
    { label: 'Show Graph', command: ids.showGraph },
  ];
  // The master URI is not a web page (a browser gets "501 Unsupported method ('GET')"): shown as code, with a copy link.
  const master = (uri: string, text: (u: string) => string): TooltipSection => ({
    text: text(markdownCode(uri)),
    links: [{ label: 'Copy master URI', command: ids.copyMasterUri, args: [uri] }],
  });
  const local = input.local ?? [];
  // Wrong for this machine: the master may answer, yet other machines cannot reach the nodes.
  const localSections: TooltipSection[] = local.map((f, i) => ({
    text: `$(warning) ${md(f.detail)} (${f.code})`,
    ...(i === local.length - 1 ? { links: [{ label: 'Fix with the Network Doctor', command: ids.runDoctor }] } : {}),
  }));
  const sc = input.startupConflict;
  const startupSections: TooltipSection[] = sc
    ? [
        {
          text: `$(info) ${md(sc.where.label)} sets ${markdownCode(`${sc.name}=${sc.value}`)}: VS Code terminals get the profile's value, but \`bash -i\`, ssh sessions and \`source\` of that file get this one${sc.more ? ` (and ${plural(sc.more, 'more line')})` : ''}.`,
          fileLinks: [sc.where],
        },
      ]
    : [];
  const warnText = (base: string) => (local.length ? `$(warning) ${name} · ${plain(local[0]!.short)}` : base);
  const warnTone = (base: StatusModel['tone']): StatusModel['tone'] => (local.length && base === 'normal' ? 'warning' : base);
  const m = input.master;
  switch (m?.kind) {
    case 'reachable': {
      const c = m.probe.counts;
      return {
        text: warnText(`$(check) ${name} · ${plural(c.nodes, 'node')}`),
        tone: warnTone('normal'),
        tooltip: [
          ...head,
          ...localSections,
          master(m.uri, (u) => `$(check) Master ${u} is up`),
          { text: adv },
          {
            text: `Round trip ${roundTripBucket(m.probe.roundTripMs)} · ${plural(c.nodes, 'node')} · ${plural(c.topics, 'topic')} · ${plural(c.services, 'service')} · ${plural(c.publishers, 'publisher')} · ${plural(c.subscribers, 'subscriber')}`,
          },
          { text: `Up since ${clock(m.since)}` },
          ...startupSections,
          ...table,
          actions(...probeLinks),
        ],
      };
    }
    case 'unreachable':
      return {
        text: `$(error) ${name} unreachable`,
        tone: 'error',
        tooltip: [
          ...head,
          master(m.uri, (u) => `$(error) Master ${u} is unreachable: ${md(m.failure.message)}`),
          { text: `**What to try:** ${md(m.failure.hint)}` },
          ...localSections,
          { text: adv },
          { text: `Down since ${clock(m.since)}` },
          ...startupSections,
          ...table,
          actions(...probeLinks, { label: 'Run Network Doctor', command: ids.runDoctor }),
        ],
      };
    case 'checking':
      return {
        text: `$(sync~spin) ${name}`,
        tone: warnTone('normal'),
        tooltip: [
          ...head,
          ...localSections,
          master(m.uri, (u) => `Checking master ${u}…`),
          { text: adv },
          ...startupSections,
          ...table,
          actions(...probeLinks),
        ],
      };
    default:
      return {
        text: warnText(`$(broadcast) ROS: ${name}`),
        tone: warnTone('normal'),
        tooltip: [...head, ...localSections, { text: adv }, ...startupSections, ...table, actions(...probeLinks)],
      };
  }
}

/** What the tooltip says about deny-by-default variables: withheld ones with the link to review them. */
function deniedSection(denied: readonly ClassifiedVariable[], state: DeniedState, ids: StatusCommandIds): TooltipSection {
  const names = denied.map((v) => markdownCode(v.name)).join(', ');
  switch (state) {
    case 'withheld':
      return {
        text: `$(shield) Terminals get this profile **without** ${names}: set by workspace settings, ${denied.length === 1 ? 'it' : 'they'} can make terminals run other programs or code, and ${denied.length === 1 ? 'it is' : 'they are'} applied only once you allow ${denied.length === 1 ? 'it' : 'them'}.`,
        links: [{ label: 'Review and Allow…', command: ids.reviewVariables }],
      };
    case 'allowed':
      return {
        text: `$(warning) Terminals also get ${names} from this workspace's profile (you allowed ${denied.length === 1 ? 'it' : 'them'} in this workspace).`,
        links: [{ label: 'Review…', command: ids.reviewVariables }],
      };
    case 'user':
      return { text: `$(info) Terminals also get ${names} (can run code) from your user settings.` };
  }
}

/** The commands a rendered tooltip may run: exactly the ones it links to. */
export function linkedCommands(model: StatusModel): string[] {
  return [...new Set(model.tooltip.flatMap((s) => (s.links ?? []).map((l) => l.command)))];
}

/** Markdown of the tooltip; `command:` links carry their arguments as URI-encoded JSON, as VS Code expects. */
export function tooltipMarkdown(model: StatusModel): string {
  const link = (l: StatusLink) =>
    `[${md(l.label)}](command:${l.command}${l.args?.length ? `?${encodeURIComponent(JSON.stringify(l.args))}` : ''})`;
  const fileLink = (f: FileLink) => `[${md(f.label)}](${encodeURI(`file://${f.path}`).replace(/[()]/g, encodeURIComponent)}#L${f.line})`;
  return model.tooltip
    .map((s) =>
      [s.text, s.fileLinks?.map(fileLink).join(' · '), s.links?.map(link).join(' · ')].filter((x) => x !== undefined && x !== '').join(' '),
    )
    .join('\n\n');
}

/** Equal models render the same: the adapter skips the UI update. */
export function sameModel(a: StatusModel | undefined, b: StatusModel): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}
