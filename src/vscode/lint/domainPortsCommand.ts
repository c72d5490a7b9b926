import * as vscode from 'vscode';
import { Commands } from '../../ids';
import { domainPortsMarkdown } from '../../core/lint/hover/domainPortsMarkdown';
import { MAX_DOMAIN_ID } from '../../core/ros/domain';
import type { LintContextProvider } from './lintContext';
import type { ProfileService } from '../profiles/profileService';

function parseDomain(v: string): number | undefined {
  const t = v.trim();
  return /^(0|[1-9]\d{0,2})$/.test(t) && Number(t) <= MAX_DOMAIN_ID ? Number(t) : undefined;
}

/**
 * "Show Domain Ports…": the ROS 2 docs' port calculator for a domain (the active profile's by
 * default) as a Markdown document. An argument skips the input box (tests, keybindings).
 */
export function registerDomainPortsCommand(deps: { profiles: ProfileService; contexts: LintContextProvider }): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.showDomainPorts, async (arg?: number | string) => {
    let domain = arg === undefined ? undefined : parseDomain(String(arg));
    if (domain === undefined) {
      const active = deps.profiles.snapshot.identity.profile;
      const value = active?.variables.get('ROS_DOMAIN_ID') ?? (active?.rosVersion === 2 ? '0' : (process.env.ROS_DOMAIN_ID ?? '0'));
      const input = await vscode.window.showInputBox({
        title: 'ROS Network: Show Domain Ports',
        prompt: `ROS_DOMAIN_ID (0–${MAX_DOMAIN_ID})${active ? `; the active profile '${active.name}' uses ${value}` : ''}`,
        value,
        validateInput: (v) => (parseDomain(v) === undefined ? `A whole number from 0 to ${MAX_DOMAIN_ID}` : undefined),
      });
      if (input === undefined) return undefined;
      domain = parseDomain(input)!;
    }
    await deps.contexts.ready();
    const ctx = deps.contexts.forUri(vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file('/'));
    const content = `# ROS 2 domain ${domain}: UDP ports\n\n${domainPortsMarkdown(domain, { os: ctx.os, ...(ctx.ephemeral ? { linuxEphemeral: ctx.ephemeral } : {}) })}\n`;
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content });
    await vscode.window.showTextDocument(doc, { preview: true });
    // Not awaited: the preview command settles only once its webview has loaded. Without the
    // built-in Markdown extension the source document is still readable.
    Promise.resolve(vscode.commands.executeCommand('markdown.showPreview', doc.uri)).catch(() => undefined);
    return doc.uri;
  });
}
