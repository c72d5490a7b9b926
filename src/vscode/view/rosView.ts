import * as vscode from 'vscode';
import { Commands, ContextKeys, ViewIds } from '../../ids';
import { plural } from '../../core/text/plural';
import { sanitizeForDisplay as plain } from '../../core/text/sanitize';
import { profilesInWorkspaceFile } from '../profiles/profileSettings';
import { getParam, getParamNames, lookupNode, masterDetails, probeMaster, type ProbeResult } from '../../core/probe/masterProbe';
import { mapLimit } from '../../core/util/mapLimit';
import { profileSummary } from '../../core/profiles/resolveActive';
import type { Profile } from '../../core/profiles/profileSchema';
import type { ProfileService } from '../profiles/profileService';
import type { MasterMonitor } from '../status/masterMonitor';
import { masterUriOf } from '../../core/ros/masterUri';
import { createRos2Monitor, type Ros2Monitor, type Ros2Participant } from '../../core/rtps/monitor';
import type { Ros2Node, Ros2Service, Ros2Topic } from '../../core/rtps/graph';
import { summarizeDomain, type Ros2HostGroup } from '../../core/status/ros2Status';
// Names, URIs, values and faults come from the master or DDS peers (any machine on the LAN): filtered for display.
import { sanitizeForDisplay as d } from '../../core/text/sanitize';
import { monitorOptionsFor, type Ros2LiveStatus } from '../ros2/ros2Live';
import type { Ros2GraphSession } from '../ros2/ros2Graph';
import { settings } from '../settings';
import { topicText } from '../../core/text/graphCounts';

type Node =
  | { kind: 'profile'; profile: Profile; active: boolean }
  | { kind: 'group'; group: 'nodes' | 'topics' | 'services' | 'params'; uri: string; count?: number }
  | { kind: 'node'; name: string; uri: string }
  | { kind: 'topic'; name: string; type?: string; publishers: readonly string[]; subscribers: readonly string[] }
  | { kind: 'endpoint'; name: string; role: string }
  | { kind: 'service'; name: string; providers: readonly string[] }
  | { kind: 'param'; name: string; uri: string; value?: string }
  | { kind: 'message'; text: string }
  | { kind: 'ros2group'; group: 'hosts' | 'nodes' | 'topics' | 'services'; count?: number }
  | { kind: 'ros2host'; host: Ros2HostGroup }
  | { kind: 'ros2participant'; participant: Ros2Participant }
  | { kind: 'ros2node'; node: Ros2Node }
  | { kind: 'ros2topic'; topic: Ros2Topic }
  | { kind: 'ros2service'; service: Ros2Service };

const PROBE_CONCURRENCY = 4;
const PROFILE_REFRESH_MS = 10_000;

/** Label and icon of the graph's groups, ROS 1 and ROS 2 alike. */
const GRAPH_GROUPS = {
  hosts: { label: 'Hosts', icon: 'vm' },
  nodes: { label: 'Nodes', icon: 'circuit-board' },
  topics: { label: 'Topics', icon: 'symbol-event' },
  services: { label: 'Services', icon: 'symbol-method' },
  params: { label: 'Parameters', icon: 'symbol-constant' },
} as const;

function groupItem(group: { label: string; icon: string }, count: number | undefined, id: string): vscode.TreeItem {
  const item = new vscode.TreeItem(group.label, vscode.TreeItemCollapsibleState.Collapsed);
  if (count !== undefined) item.description = String(count);
  item.iconPath = new vscode.ThemeIcon(group.icon);
  item.id = id;
  return item;
}

/**
 * The "ROS Network" view: every profile with its live reachability (probed only while the view is
 * visible, a few at a time), and under the active one the master's graph.
 */
export class RosView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly tree: vscode.TreeView<Node>;
  private readonly reach = new Map<string, ProbeResult>();
  private readonly nodeUris = new Map<string, string>();
  private readonly paramValues = new Map<string, string>();
  private graph: ProbeResult | undefined;
  private topicTypes = new Map<string, string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private probing = false;
  /** Passive monitors of the other ROS 2 profiles' domains, while the view is visible (one per domain). */
  private readonly domainMonitors = new Map<number, Ros2Monitor>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly profiles: ProfileService,
    private readonly monitor: MasterMonitor,
    private readonly ros2: Ros2LiveStatus,
    private readonly ros2Graph: Ros2GraphSession,
  ) {
    this.tree = vscode.window.createTreeView(ViewIds.view, { treeDataProvider: this, showCollapseAll: true });
    this.updateRestricted();
    this.subscriptions.push(
      this.tree,
      this.emitter,
      this.tree.onDidChangeVisibility((e) => (e.visible ? this.probeProfiles() : this.stopProbing())),
      profiles.onDidChange(() => this.refresh()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.updateRestricted()),
      monitor.onDidChangeState(() => this.refresh(false)),
      ros2.onDidChange(() => this.emitter.fire(undefined)),
      ros2Graph.onDidChange(() => this.emitter.fire(undefined)),
      vscode.workspace.onDidChangeConfiguration((e) => settings.ros2.graphDiscovery.isAffectedBy(e) && this.refresh()),
      vscode.commands.registerCommand(Commands.refreshView, () => this.refresh()),
      vscode.commands.registerCommand(Commands.showGraph, async () => {
        await vscode.commands.executeCommand(`${ViewIds.view}.focus`);
        const active = this.profiles.snapshot.identity.profile;
        if (!active) {
          const c = await vscode.window.showInformationMessage(
            'ROS Network: no profile is active. The graph shows the master of the active ROS 1 profile.',
            'Switch Profile',
          );
          if (c) await vscode.commands.executeCommand(Commands.switchProfile);
          return;
        }
        if (active.rosVersion === 2)
          void vscode.window.showInformationMessage(
            `ROS Network: '${plain(active.name)}' is a ROS 2 profile: the graph view lists the nodes of a ROS 1 master. The status bar shows the domain's participants.`,
          );
        if (active)
          await this.tree
            .reveal({ kind: 'profile', profile: active, active: true }, { expand: 2, focus: false, select: false })
            .then(undefined, () => undefined);
      }),
      vscode.commands.registerCommand(Commands.copyName, (n: Node) => vscode.env.clipboard.writeText(nameOf(n))),
      vscode.commands.registerCommand(Commands.copyUri, (n: Node) =>
        vscode.env.clipboard.writeText(
          n.kind === 'node' ? (this.nodeUris.get(n.name) ?? '') : n.kind === 'profile' ? (masterUriOf(n.profile) ?? '') : '',
        ),
      ),
      vscode.commands.registerCommand(Commands.showParamValue, async (n: Node) => {
        if (n.kind !== 'param') return undefined;
        await this.fetchParam(n.uri, n.name);
        this.emitter.fire(undefined);
        return this.paramValues.get(n.name);
      }),
    );
  }

  /**
   * Restricted Mode hides workspace settings, so the view would say "no profiles yet" for a folder
   * whose settings define some: count them from the file's text (read only) and say so.
   */
  private updateRestricted(): void {
    const n = vscode.workspace.isTrusted ? 0 : profilesInWorkspaceFile();
    void vscode.commands.executeCommand('setContext', ContextKeys.restrictedProfiles, n);
    // An empty tree shows the welcome content (same words, with the Trust button) only without a message.
    this.tree.message =
      n && this.profiles.snapshot.profiles().profiles.length > 0
        ? `This folder defines ${plural(n, 'profile')} in its workspace settings. Trust the workspace to use ${n === 1 ? 'it' : 'them'}.`
        : undefined;
  }

  private async fetchParam(uri: string, name: string): Promise<void> {
    try {
      this.paramValues.set(name, JSON.stringify(await getParam(uri, name, { timeoutMs: 3000 })));
    } catch (e) {
      this.paramValues.set(name, `(error: ${e instanceof Error ? e.message : String(e)})`);
    }
  }

  private refresh(reprobe = true): void {
    this.updateRestricted();
    this.graph = undefined;
    if (reprobe) this.reach.clear();
    this.emitter.fire(undefined);
    if (reprobe && this.tree.visible) void this.probeProfiles();
    else if (this.tree.visible) this.followRos2();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** The view is hidden: no profile probes, no passive sockets, and our graph participant disposed. */
  private stopProbing(): void {
    this.clearTimer();
    for (const m of this.domainMonitors.values()) m.dispose();
    this.domainMonitors.clear();
    this.ros2Graph.stop();
  }

  /** While visible: the active ROS 2 profile's graph (unless turned off) and the other ROS 2 domains' participants. */
  private followRos2(): void {
    const identity = this.profiles.snapshot.identity;
    if (identity.profile?.rosVersion === 2 && settings.ros2.graphDiscovery.get() === 'whenVisible') this.ros2Graph.run(identity);
    else this.ros2Graph.stop();
    const wanted = new Map<number, Profile>();
    for (const p of this.profiles.snapshot.profiles().profiles) {
      if (p.rosVersion !== 2 || p.name === identity.profile?.name || p.variables.get('RMW_IMPLEMENTATION') === 'rmw_zenoh_cpp') continue;
      const d = Number(p.variables.get('ROS_DOMAIN_ID') || '0');
      if (Number.isInteger(d) && d >= 0 && d <= 232 && d !== identity.domain && !wanted.has(d)) wanted.set(d, p);
    }
    for (const [d, m] of this.domainMonitors)
      if (!wanted.has(d)) {
        m.dispose();
        this.domainMonitors.delete(d);
      }
    for (const [d, p] of wanted) {
      if (this.domainMonitors.has(d)) continue;
      const m = createRos2Monitor(monitorOptionsFor(d, p.variables));
      m.onDidChange(() => this.emitter.fire(undefined));
      this.domainMonitors.set(d, m);
    }
  }

  /** Participants of a ROS 2 profile's domain as the view can say them, or undefined when not listened to. */
  private participantsOf(p: Profile, active: boolean): number | undefined {
    const d = Number(p.variables.get('ROS_DOMAIN_ID') || '0');
    const view = active ? this.ros2.live?.domain : this.domainMonitors.get(d)?.snapshot();
    if (!view) return undefined;
    return summarizeDomain(view, this.ros2.live?.localAddresses ?? []).participants.length;
  }

  /** Probes every ROS 1 profile's master, a few at a time, and again every 10 s while visible. */
  private async probeProfiles(): Promise<void> {
    this.followRos2();
    if (this.probing) return;
    this.probing = true;
    this.clearTimer();
    try {
      const list = this.profiles.snapshot.profiles().profiles.filter((p) => masterUriOf(p));
      await mapLimit(list, PROBE_CONCURRENCY, async (p) => {
        this.reach.set(p.name, await probeMaster(masterUriOf(p)!, { timeoutMs: 1500 }));
      });
      this.emitter.fire(undefined);
    } finally {
      this.probing = false;
      if (this.tree.visible) this.timer = setTimeout(() => void this.probeProfiles(), PROFILE_REFRESH_MS);
    }
  }

  getParent(n: Node): Node | undefined {
    if (n.kind === 'group') {
      const active = this.profiles.snapshot.identity.profile;
      return active ? { kind: 'profile', profile: active, active: true } : undefined;
    }
    return undefined;
  }

  getTreeItem(n: Node): vscode.TreeItem {
    switch (n.kind) {
      case 'profile': {
        const item = new vscode.TreeItem(
          d(n.profile.name),
          n.active ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
        );
        const state = n.active ? this.monitor.state : undefined;
        const r = this.reach.get(n.profile.name);
        let desc = profileSummary(n.profile);
        let icon = n.profile.rosVersion === 2 ? 'broadcast' : 'circle-outline';
        if (state?.kind === 'reachable' || (!state && r?.ok)) {
          const nodes = state?.kind === 'reachable' ? state.probe.counts.nodes : r?.ok ? r.counts.nodes : 0;
          desc = `up · ${plural(nodes, 'node')} · ${desc}`;
          icon = 'pass-filled';
        } else if (state?.kind === 'unreachable' || (!state && r && !r.ok)) {
          desc = `unreachable · ${desc}`;
          icon = 'error';
        } else if (n.profile.rosVersion === 2) {
          const count = this.participantsOf(n.profile, n.active);
          if (count !== undefined) desc = `${count === 0 ? 'no participants' : plural(count, 'participant')} · ${desc}`;
        }
        item.description = d(desc);
        item.iconPath = new vscode.ThemeIcon(
          icon,
          icon === 'error'
            ? new vscode.ThemeColor('errorForeground')
            : icon === 'pass-filled'
              ? new vscode.ThemeColor('testing.iconPassed')
              : undefined,
        );
        item.tooltip = `${d(n.profile.name)}${n.active ? ' (active)' : ''}\n${d(profileSummary(n.profile))}${r && !r.ok ? `\n${d(r.message)}` : ''}`;
        item.contextValue = n.active ? 'profile.active' : 'profile';
        if (!n.active) item.command = { command: Commands.switchProfile, title: 'Switch', arguments: [n.profile.name] };
        item.id = `profile:${n.profile.name}`;
        return item;
      }
      case 'group':
        return groupItem(GRAPH_GROUPS[n.group], n.count, `group:${n.group}`);
      case 'node': {
        const item = new vscode.TreeItem(d(n.name));
        item.description = d(this.nodeUris.get(n.name) ?? '');
        item.iconPath = new vscode.ThemeIcon('circuit-board');
        item.contextValue = 'rosNode';
        item.tooltip = `${d(n.name)}\n${d(this.nodeUris.get(n.name) ?? '')}`;
        return item;
      }
      case 'topic': {
        const item = new vscode.TreeItem(d(n.name), vscode.TreeItemCollapsibleState.Collapsed);
        item.description = d(topicText(n.type, n.publishers.length, n.subscribers.length));
        item.iconPath = new vscode.ThemeIcon('symbol-event');
        item.contextValue = 'rosName';
        return item;
      }
      case 'endpoint': {
        const item = new vscode.TreeItem(d(n.name));
        item.description = n.role;
        item.contextValue = 'rosName';
        return item;
      }
      case 'service': {
        const item = new vscode.TreeItem(
          d(n.name),
          n.providers.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
        );
        item.iconPath = new vscode.ThemeIcon('symbol-method');
        item.contextValue = 'rosName';
        return item;
      }
      case 'param': {
        const item = new vscode.TreeItem(d(n.name));
        const v = this.paramValues.get(n.name);
        item.description = v !== undefined ? d(v) : 'click to fetch the value';
        item.command = { command: Commands.showParamValue, title: 'Show Value', arguments: [n] };
        item.contextValue = 'rosName';
        return item;
      }
      case 'message':
        return new vscode.TreeItem(d(n.text));
      case 'ros2group':
        return groupItem(GRAPH_GROUPS[n.group], n.count, `ros2group:${n.group}`);
      case 'ros2host': {
        const item = new vscode.TreeItem(d(n.host.host), vscode.TreeItemCollapsibleState.Collapsed);
        item.description = `${n.host.local ? 'this machine · ' : ''}${plural(n.host.participants.length, 'participant')}`;
        item.iconPath = new vscode.ThemeIcon('vm');
        return item;
      }
      case 'ros2participant': {
        const p = n.participant;
        const item = new vscode.TreeItem(d(p.process ?? p.guid));
        item.description = d(
          [p.vendor, p.pid !== undefined ? `pid ${p.pid}` : undefined, p.enclave ? `enclave ${p.enclave}` : undefined]
            .filter(Boolean)
            .join(' · '),
        );
        item.tooltip = d(`${p.guid}\n${p.vendor}${p.host ? ` on ${p.host}` : ''}\n${p.locators.join('\n')}\nlease ${p.leaseSeconds} s`);
        item.iconPath = new vscode.ThemeIcon('plug');
        item.contextValue = 'rosName';
        return item;
      }
      case 'ros2node': {
        const item = new vscode.TreeItem(d(n.node.fullName));
        item.iconPath = new vscode.ThemeIcon('circuit-board');
        item.contextValue = 'rosName';
        return item;
      }
      case 'ros2topic': {
        const t = n.topic;
        const item = new vscode.TreeItem(d(t.name));
        item.description = d(`${topicText(t.type, t.publishers, t.subscribers)} · ${[...t.reliability, ...t.durability].join(', ')}`);
        item.iconPath = new vscode.ThemeIcon('symbol-event');
        item.contextValue = 'rosName';
        return item;
      }
      case 'ros2service': {
        const item = new vscode.TreeItem(d(n.service.name));
        item.description = d(`${n.service.type} · ${plural(n.service.servers, 'server')} / ${plural(n.service.clients, 'client')}`);
        item.iconPath = new vscode.ThemeIcon('symbol-method');
        item.contextValue = 'rosName';
        return item;
      }
    }
  }

  async getChildren(n?: Node): Promise<Node[]> {
    if (!n) {
      const active = this.profiles.snapshot.identity.profile?.name;
      const list = this.profiles.snapshot.profiles().profiles;
      if (list.length === 0) return [];
      return list.map((profile) => ({ kind: 'profile' as const, profile, active: profile.name === active }));
    }
    switch (n.kind) {
      case 'profile': {
        if (n.active && n.profile.rosVersion === 2) return this.ros2Children();
        const uri = masterUriOf(n.profile);
        if (!n.active || !uri) return [];
        const state = this.monitor.state;
        if (state.kind !== 'reachable')
          return [
            {
              kind: 'message',
              text: state.kind === 'unreachable' ? `Master unreachable: ${state.failure.message}` : 'Checking the master…',
            },
          ];
        const c = state.probe.counts;
        return [
          { kind: 'group', group: 'nodes', uri, count: c.nodes },
          { kind: 'group', group: 'topics', uri, count: c.topics },
          { kind: 'group', group: 'services', uri, count: c.services },
          { kind: 'group', group: 'params', uri },
        ];
      }
      case 'group':
        return this.groupChildren(n.group, n.uri);
      case 'ros2group':
        return this.ros2GroupChildren(n.group);
      case 'ros2host':
        return n.host.participants.map((participant) => ({ kind: 'ros2participant' as const, participant }));
      case 'topic':
        return [
          ...n.publishers.map((p) => ({ kind: 'endpoint' as const, name: p, role: 'publisher' })),
          ...n.subscribers.map((s) => ({ kind: 'endpoint' as const, name: s, role: 'subscriber' })),
        ];
      case 'service':
        return n.providers.map((p) => ({ kind: 'endpoint' as const, name: p, role: 'provider' }));
      default:
        return [];
    }
  }

  private ros2Children(): Node[] {
    const identity = this.profiles.snapshot.identity;
    if (identity.profile?.variables.get('RMW_IMPLEMENTATION') === 'rmw_zenoh_cpp')
      return [{ kind: 'message', text: 'rmw_zenoh: no DDS discovery to show (see the status bar for the router)' }];
    const hosts = summarizeDomain(this.ros2.live?.domain, this.ros2.live?.localAddresses ?? []).hosts;
    const out: Node[] = [{ kind: 'ros2group', group: 'hosts', count: hosts.length }];
    if (settings.ros2.graphDiscovery.get() === 'never')
      return [...out, { kind: 'message', text: 'Nodes and topics: graph discovery is off (rosNetwork.ros2.graphDiscovery)' }];
    const g = this.ros2Graph.graph(identity);
    if (!g) return [...out, { kind: 'message', text: 'Reading the graph…' }];
    return [
      ...out,
      { kind: 'ros2group', group: 'nodes', count: g.nodes.length },
      { kind: 'ros2group', group: 'topics', count: g.topics.length },
      { kind: 'ros2group', group: 'services', count: g.services.length },
    ];
  }

  private ros2GroupChildren(group: 'hosts' | 'nodes' | 'topics' | 'services'): Node[] {
    if (group === 'hosts')
      return summarizeDomain(this.ros2.live?.domain, this.ros2.live?.localAddresses ?? []).hosts.map((host) => ({
        kind: 'ros2host' as const,
        host,
      }));
    const g = this.ros2Graph.graph(this.profiles.snapshot.identity);
    if (!g) return [];
    if (group === 'nodes') return g.nodes.map((node) => ({ kind: 'ros2node' as const, node }));
    if (group === 'topics') return g.topics.map((topic) => ({ kind: 'ros2topic' as const, topic }));
    return g.services.map((service) => ({ kind: 'ros2service' as const, service }));
  }

  private async groupChildren(group: 'nodes' | 'topics' | 'services' | 'params', uri: string): Promise<Node[]> {
    try {
      if (group === 'params') {
        const names = await getParamNames(uri, { timeoutMs: 3000 });
        // Values already shown are read again with the graph, so a `rosparam set` shows on the next refresh.
        const live = new Set(names);
        for (const k of [...this.paramValues.keys()]) if (!live.has(k)) this.paramValues.delete(k);
        await mapLimit([...this.paramValues.keys()], 8, (name) => this.fetchParam(uri, name));
        return names.map((name) => ({ kind: 'param' as const, name, uri }));
      }
      this.graph ??= await probeMaster(uri, { timeoutMs: 3000 });
      const g = this.graph;
      if (!g.ok) return [{ kind: 'message', text: g.message }];
      if (group === 'nodes') {
        await mapLimit(g.nodes, 8, async (name) => {
          if (!this.nodeUris.has(name))
            this.nodeUris.set(name, await lookupNode(uri, name, { timeoutMs: 2000 }).catch(() => '(unknown URI)'));
        });
        return g.nodes.map((name) => ({ kind: 'node' as const, name, uri }));
      }
      if (group === 'topics') {
        this.topicTypes = new Map((await masterDetails(uri, { timeoutMs: 2000 })).topicTypes);
        return g.topics.map((t) => ({
          kind: 'topic' as const,
          name: t.name,
          type: this.topicTypes.get(t.name),
          publishers: t.publishers,
          subscribers: t.subscribers,
        }));
      }
      return g.services.map((s) => ({ kind: 'service' as const, name: s.name, providers: s.providers }));
    } catch (e) {
      return [{ kind: 'message', text: `Cannot read ${group}: ${e instanceof Error ? e.message : String(e)}` }];
    }
  }

  dispose(): void {
    this.stopProbing();
    for (const d of this.subscriptions) d.dispose();
  }
}

function nameOf(n: Node): string {
  switch (n.kind) {
    case 'profile':
      return n.profile.name;
    case 'node':
    case 'topic':
    case 'endpoint':
    case 'service':
    case 'param':
      return n.name;
    case 'ros2participant':
      return n.participant.guid;
    case 'ros2node':
      return n.node.fullName;
    case 'ros2topic':
      return n.topic.name;
    case 'ros2service':
      return n.service.name;
    default:
      return '';
  }
}
