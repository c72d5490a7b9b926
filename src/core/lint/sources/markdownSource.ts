import { shellSource } from './shellSource';
import type { SourceModel } from '../types';

/** Fences whose contents are commands: ```bash, ```sh, ```shell, ```zsh, ```console (prompts only). */
const FENCE = /^( {0,3})(`{3,}|~{3,})[ \t]*([\w+-]*)[^\n]*$/;
const SHELL_INFO = new Set(['bash', 'sh', 'shell', 'zsh', 'console', 'shell-session', 'shellsession']);
/** A console prompt: `$ cmd`, `# cmd`, `user@host:~$ cmd`. */
const PROMPT = /^(\s*(?:[\w.-]+@[\w.-]+(?::[^$#\s]*)?)?[$#] )/;

/**
 * The text bash would read from a README's shell blocks, at the same offsets: everything outside
 * the fences (prose, other languages, console output) becomes blanks, line breaks kept, so the
 * shell source's spans point into the Markdown file as it is.
 */
export function markdownShellText(text: string): string {
  const out: string[] = [];
  let fence: { marker: string; mode: 'shell' | 'console' | 'other' } | undefined;
  let inCommand = false;
  const blank = (line: string) => line.replace(/[^\r]/g, ' ');
  for (const line of text.split('\n')) {
    if (!fence) {
      const m = FENCE.exec(line.replace(/\r$/, ''));
      const info = m?.[3]?.toLowerCase() ?? '';
      if (m) fence = { marker: m[2]!, mode: !SHELL_INFO.has(info) ? 'other' : /console|session/.test(info) ? 'console' : 'shell' };
      out.push(blank(line));
      continue;
    }
    if (line.trim().startsWith(fence.marker[0]!.repeat(fence.marker.length)) && line.trim().replace(/[`~]/g, '') === '') {
      fence = undefined;
      inCommand = false;
      out.push(blank(line));
      continue;
    }
    if (fence.mode === 'other') out.push(blank(line));
    else if (fence.mode === 'shell') out.push(line);
    else {
      // Console sessions: prompt lines and their `\` continuations are commands, the rest is output.
      const p = PROMPT.exec(line);
      if (p) {
        out.push(' '.repeat(p[1]!.length) + line.slice(p[1]!.length));
        inCommand = /\\\r?$/.test(line);
      } else if (inCommand) {
        out.push(line);
        inCommand = /\\\r?$/.test(line);
      } else out.push(blank(line));
    }
  }
  return out.join('\n');
}

/** Markdown files (rosNetwork.lint.markdown): their fenced shell blocks, read as one shell script. */
export function markdownSource(text: string): SourceModel {
  const model = shellSource(markdownShellText(text));
  return { ...model, kind: 'markdown', text };
}
