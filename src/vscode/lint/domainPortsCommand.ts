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

/** Virtual documents: read-only, never "Untitled", never a prompt to save on close. */
export const DOMAIN_PORTS_SCHEME = 'rosnet-ports';

/**
 * "Show Domain Ports…": the ROS 2 docs' port calculator for a domain (the active profile's by
 * default) as a read-only Markdown document. An argument skips the input box (tests, keybindings).
 */
export function registerDomainPortsCommand(deps: { profiles: ProfileService; contexts: LintContextProvider }): vscode.Disposable {
  const provider: vscode.TextDocumentContentProvider = {
    provideTextDocumentContent: async (uri) => {
      const domain = parseDomain(new URLSearchParams(uri.query).get('domain') ?? '');
      if (domain === undefined) return `Not a ROS 2 domain: ${uri.query}\n`;
      await deps.contexts.ready();
      const ctx = deps.contexts.forUri(vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file('/'));
      return `# ROS 2 domain ${domain}: UDP ports\n\n${domainPortsMarkdown(domain, { os: ctx.os, ...(ctx.ephemeral ? { linuxEphemeral: ctx.ephemeral } : {}) })}\n`;
    },
  };
  return vscode.Disposable.from(
    vscode.workspace.registerTextDocumentContentProvider(DOMAIN_PORTS_SCHEME, provider),
    vscode.commands.registerCommand(Commands.showDomainPorts, async (arg?: number | string) => {
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
      // The .md path gives the document the Markdown language; the query carries the domain.
      const uri = vscode.Uri.from({ scheme: DOMAIN_PORTS_SCHEME, path: `/ROS 2 domain ${domain} ports.md`, query: `domain=${domain}` });
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc, { preview: true });
      // Not awaited: the preview command settles only once its webview has loaded. Without the
      // built-in Markdown extension the source document is still readable.
      Promise.resolve(vscode.commands.executeCommand('markdown.showPreview', doc.uri)).catch(() => undefined);
      return doc.uri;
    }),
  );
}
