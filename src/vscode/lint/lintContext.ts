import * as vscode from 'vscode';
import { targetOsOf, type PortRange } from '../../core/ros/domain';
import { readHostEphemeralRange } from '../../core/ros/ephemeralRange';
import { rosGenerationOfDistro, type RosGeneration } from '../../core/ros/variables';
import type { LintContext } from '../../core/lint/types';
import type { HoverContext } from '../../core/lint/hover/hoverAt';
import { scopeFor, type ProfileService } from '../profiles/profileService';
import type { Profile } from '../../core/profiles/profileSchema';
import { planToEnv, type EnvPlan } from '../../core/env/envPlan';
import { optInChecks } from '../../core/lint/settings/ruleSettings';
import { readLintSettings } from './lintSettings';

/**
 * What the linter knows about this machine and the active profile: the ROS generation and distro
 * (an explicit profile rosVersion first, then the ROS environment VS Code was started in), the
 * profile's variables for the cross-file rules, and Linux's ephemeral port range.
 */
export class LintContextProvider {
  private ephemeral: PortRange | undefined;
  private ephemeralRead: Promise<void> | undefined;

  constructor(
    private readonly profiles: ProfileService,
    /** What terminals of a profile get (the terminal env plan), for the "what wins" hovers. */
    private readonly terminalPlan?: (profile: Profile) => EnvPlan,
  ) {}

  /** Reads /proc/sys/net/ipv4/ip_local_port_range once; missing or unreadable means the default range. */
  ready(): Promise<void> {
    this.ephemeralRead ??= readHostEphemeralRange(targetOsOf(process.platform)).then((r) => void (this.ephemeral = r));
    return this.ephemeralRead;
  }

  private profileContext(profile: Profile): NonNullable<HoverContext['profile']> {
    const base = { name: profile.name, variables: profile.variables };
    if (!this.terminalPlan) return base;
    const plan = this.terminalPlan(profile);
    const pinned = new Map(plan.entries.filter((e) => e.kind === 'pinned').map((e) => [e.name, e.reason ?? '']));
    return { ...base, terminal: planToEnv(plan), pinned };
  }

  forUri(uri: vscode.Uri): LintContext & HoverContext {
    const profile = scopeFor(this.profiles.snapshot, uri).profile;
    const envVersion = process.env.ROS_VERSION === '1' ? 1 : process.env.ROS_VERSION === '2' ? 2 : undefined;
    const ros: RosGeneration | undefined = profile && !profile.rosVersionInferred ? profile.rosVersion : envVersion;
    const distroRaw = profile?.variables.get('ROS_DISTRO') ?? process.env.ROS_DISTRO;
    const distroGen = distroRaw ? rosGenerationOfDistro(distroRaw) : undefined;
    // A machine distro of the other generation than the profile says nothing about the profile's target.
    const distro = distroRaw && distroGen && (!ros || ros === distroGen) ? distroRaw.toLowerCase() : undefined;
    const optIn = optInChecks(readLintSettings(uri).rules);
    return {
      os: targetOsOf(process.platform),
      ...(optIn.size ? { optIn } : {}),
      ...(ros ? { ros } : {}),
      ...(distro ? { distro } : {}),
      ...(profile ? { profile: this.profileContext(profile) } : {}),
      ...(this.ephemeral ? { ephemeral: this.ephemeral } : {}),
    };
  }
}
