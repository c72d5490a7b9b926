/** Escapes Markdown syntax so that untrusted text (profile names, faults from a master) renders as text. */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`);
}
