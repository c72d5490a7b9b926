// Which open terminals "Relaunch Terminals" may restart. No `vscode` import: the extension host hands
// in what it knows of each terminal, and the rule is tested in Node.

/** What the extension API tells about one terminal. */
export interface TerminalFacts {
  readonly name: string;
  /** `creationOptions.shellPath` / `shellArgs` (VS Code fills them for task terminals too). */
  readonly shellPath?: string;
  readonly shellArgs?: string | readonly string[];
  /** An extension's pseudoterminal (`ExtensionTerminalOptions.pty`). */
  readonly extensionPty: boolean;
  readonly hideFromUser: boolean;
  /** Its process id was announced by `tasks.onDidStartTaskProcess`. */
  readonly taskProcess: boolean;
}

export type TerminalKind = 'shell' | 'task' | 'other';

const SHELLS = new Set([
  'bash',
  'zsh',
  'sh',
  'dash',
  'fish',
  'ksh',
  'mksh',
  'tcsh',
  'csh',
  'nu',
  'pwsh',
  'powershell',
  'cmd',
  'xonsh',
  'elvish',
]);

/**
 * A shell the user opened, a task's terminal, or something else (an extension's terminal, a
 * program). Relaunching a task's terminal runs the task again (a build, a deploy, a roslaunch), so
 * only 'shell' terminals are relaunched. A task started before this extension was active has no
 * announced process id; it is still recognised by how VS Code starts tasks: a shell with `-c`
 * (`/c`, `-Command`) and the command, or the task's program itself instead of a shell.
 */
export function terminalKind(t: TerminalFacts): TerminalKind {
  if (t.taskProcess) return 'task';
  if (t.extensionPty || t.hideFromUser) return 'other';
  const args = typeof t.shellArgs === 'string' ? t.shellArgs.split(/\s+/) : (t.shellArgs ?? []);
  if (args.some((a) => /^(-c|\/c|-command|-Command|-lc|-ic|-ilc)$/.test(a))) return 'task';
  if (/^Task - /.test(t.name)) return 'task';
  if (t.shellPath) {
    const base = t.shellPath
      .replace(/\\/g, '/')
      .split('/')
      .pop()!
      .replace(/\.exe$/i, '')
      .toLowerCase();
    if (!SHELLS.has(base)) return 'other';
  }
  return 'shell';
}
