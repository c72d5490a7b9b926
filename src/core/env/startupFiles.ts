/**
 * The part of the lint model's Assignment (core/lint/types.ts) the scan reads, written out here
 * because core/lint already imports core/env.
 */
export interface ShellAssignment {
  readonly name: string;
  readonly value: string | undefined;
  readonly keySpan: { readonly start: number };
  readonly op: 'set' | 'unset' | 'append' | 'arg';
}

/**
 * The shell start-up files of a user: what `bash -i`, a login shell, `su -`, an ssh session and a
 * `source ~/.bashrc` read. VS Code terminals read them too, before our injected values are applied
 * again after shell integration.
 */
export const STARTUP_FILES = ['.bashrc', '.bash_profile', '.bash_login', '.profile', '.zshenv', '.zprofile', '.zshrc', '.zlogin'] as const;

/** A base name that is one of the start-up files. */
export function isStartupFileName(path: string): boolean {
  const base = path.replace(/\\/g, '/').split('/').pop() ?? '';
  return (STARTUP_FILES as readonly string[]).includes(base);
}

export interface StartupAssignment {
  /** Absolute path of the file. */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  readonly name: string;
  readonly value: string | undefined;
  readonly op: ShellAssignment['op'];
}

export interface StartupScan {
  /** Files read (start-up files that exist and the files they source), in reading order. */
  readonly files: readonly string[];
  readonly assignments: readonly StartupAssignment[];
}

export interface StartupScanDeps {
  readonly home: string;
  /** undefined when the file does not exist or cannot be read. */
  readText(path: string): string | undefined;
  /** The shell source's assignments (the lint engine's shell parser). */
  assignments(text: string): readonly ShellAssignment[];
}

const MAX_FILES = 32;
const MAX_DEPTH = 4;
const MAX_BYTES = 1024 * 1024;

/**
 * `source FILE` / `. FILE` commands whose path we can resolve: literal, `~/…`, `$HOME/…`,
 * `${HOME}/…`, relative to the home folder (where start-up files run). A path with any other
 * expansion is skipped: guessing it could read an unrelated file.
 */
export function sourcedPaths(text: string, home: string): string[] {
  const out: string[] = [];
  const re = /(?:^|[;&|(]|\bthen\b|\bdo\b|\belse\b)[ \t]*(?:source|\.)[ \t]+("[^"\n]*"|'[^'\n]*'|[^\s;&|)]+)/gm;
  for (const line of text.split('\n')) {
    if (/^\s*#/.test(line)) continue;
    for (const m of line.matchAll(re)) {
      let p = m[1]!.replace(/^(["'])(.*)\1$/, '$2');
      p = p.replace(/^~(?=\/|$)/, home).replace(/^\$\{?HOME\}?(?=\/|$)/, home);
      if (p.includes('$') || p.includes('`') || p === '') continue;
      if (!p.startsWith('/')) p = `${home.replace(/\/$/, '')}/${p}`;
      out.push(p);
    }
  }
  return out;
}

function lineOf(text: string, offset: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Reads the start-up files and what they source (bounded), and lists their ROS assignments. */
export function scanStartupFiles(deps: StartupScanDeps): StartupScan {
  const files: string[] = [];
  const assignments: StartupAssignment[] = [];
  const seen = new Set<string>();
  const visit = (path: string, depth: number) => {
    if (seen.has(path) || files.length >= MAX_FILES || depth > MAX_DEPTH) return;
    seen.add(path);
    // ROS's own setup files never set the network identity, and they source dozens of files.
    if (/^\/opt\/ros\//.test(path)) return;
    const text = deps.readText(path);
    if (text === undefined || text.length > MAX_BYTES) return;
    files.push(path);
    for (const a of deps.assignments(text))
      if (a.op === 'set' || a.op === 'unset')
        assignments.push({ file: path, line: lineOf(text, a.keySpan.start), name: a.name, value: a.value, op: a.op });
    for (const p of sourcedPaths(text, deps.home)) visit(p, depth + 1);
  };
  for (const f of STARTUP_FILES) visit(`${deps.home.replace(/\/$/, '')}/${f}`, 0);
  return { files, assignments };
}

/** `~/.bashrc:3` for messages. */
export function whereLabel(a: Pick<StartupAssignment, 'file' | 'line'>, home: string): string {
  const h = home.replace(/\/$/, '');
  const file = a.file.startsWith(`${h}/`) ? `~${a.file.slice(h.length)}` : a.file;
  return `${file}:${a.line}`;
}
