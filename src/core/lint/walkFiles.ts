import * as nodeFs from 'node:fs';
import * as path from 'node:path';
import { kindByContent, kindByName, mayBeKindByContent } from './fileKind';
import type { FileKind } from './types';

/** What a path that is neither a file nor a folder is, for the message that says it was skipped. */
export function specialKind(st: {
  isFIFO?(): boolean;
  isSocket?(): boolean;
  isCharacterDevice?(): boolean;
  isBlockDevice?(): boolean;
}): string {
  if (st.isFIFO?.()) return 'a FIFO';
  if (st.isSocket?.()) return 'a socket';
  if (st.isCharacterDevice?.() || st.isBlockDevice?.()) return 'a device';
  return 'a special file';
}

/** The parts of node:fs the walker and reader use (tests inject failures through it). */
export interface LintFs {
  readdir(p: string): Promise<string[]>;
  stat(p: string): Promise<{
    isFile(): boolean;
    isDirectory(): boolean;
    size: number;
    isFIFO?(): boolean;
    isSocket?(): boolean;
    isCharacterDevice?(): boolean;
    isBlockDevice?(): boolean;
  }>;
  realpath(p: string): Promise<string>;
  /** Reads at most `max` bytes. */
  readFile(p: string, max: number): Promise<Buffer>;
}

function readHead(p: string, max: number): Buffer {
  // O_NONBLOCK: opening a FIFO with no writer would block the process forever; fstat on the same
  // descriptor then refuses anything that is not a regular file (FIFO, socket, /dev/zero).
  const fd = nodeFs.openSync(p, nodeFs.constants.O_RDONLY | nodeFs.constants.O_NONBLOCK);
  try {
    const st = nodeFs.fstatSync(fd);
    if (!st.isFile()) throw Object.assign(new Error(`not a regular file (${specialKind(st)})`), { code: 'ENOTREG' });
    const { size } = st;
    const buf = Buffer.allocUnsafe(Math.min(size, max));
    let got = 0;
    while (got < buf.length) {
      const n = nodeFs.readSync(fd, buf, got, buf.length - got, got);
      if (n === 0) break;
      got += n;
    }
    return buf.subarray(0, got);
  } finally {
    nodeFs.closeSync(fd);
  }
}

/**
 * Synchronous calls behind the async interface: only the CLI walks and reads (one process, nothing
 * else to serve meanwhile), and each promise-based call was four thread-pool round trips per file
 * (open, stat, read, close) with the main thread idle in between: 36% of a 2,000-file run.
 */
export const NODE_LINT_FS: LintFs = {
  readdir: async (p) => nodeFs.readdirSync(p),
  stat: async (p) => nodeFs.statSync(p),
  realpath: async (p) => nodeFs.realpathSync.native(p),
  readFile: async (p, max) => readHead(p, max),
};

/** Build output and tool folders (colcon's build/install/log) hold copies, not sources. */
const SKIP_DIRS = new Set(['node_modules', '.git', 'build', 'install', 'log']);
/** Dot-folders are skipped except these, where ROS settings live. */
const DOT_DIRS_KEPT = new Set(['.vscode', '.devcontainer']);

export interface WalkedFile {
  readonly path: string;
  /** Relative to the working directory, forward slashes. */
  readonly file: string;
  readonly kind: FileKind;
  readonly size: number;
}

export interface WalkProblem {
  readonly file: string;
  readonly message: string;
}

export interface WalkResult {
  /** Files to lint, in a deterministic order (arguments in order, then names in code-unit order). */
  readonly files: readonly WalkedFile[];
  /** Paths that exist but cannot be read (reported as findings, not fatal). */
  readonly problems: readonly WalkProblem[];
  /** Explicit arguments that do not exist (a usage error). */
  readonly missing: readonly string[];
  /** Explicit file arguments that are no kind the linter knows. */
  readonly skipped: readonly string[];
}

export function displayPath(cwd: string, abs: string): string {
  const rel = path.relative(cwd, abs) || '.';
  return rel.split(path.sep).join('/');
}

/** How much of a file the content detection reads (a launch description or shebang is near the top). */
const CONTENT_HEAD_BYTES = 256 * 1024;

/** The kind of a file by its name, else (for XML, Python, YAML and extension-less names) by its first bytes. */
async function kindOf(abs: string, cwd: string, fs: LintFs): Promise<FileKind | undefined> {
  const byName = kindByName(displayPath(cwd, abs)) ?? kindByName(abs);
  if (byName || !mayBeKindByContent(abs)) return byName;
  try {
    const head = await fs.readFile(abs, CONTENT_HEAD_BYTES);
    if (head.subarray(0, 8192).includes(0)) return undefined;
    return kindByContent(abs, head.toString('utf8'));
  } catch {
    return undefined;
  }
}

const errText = (e: unknown) =>
  e instanceof Error && 'code' in e ? `${(e as NodeJS.ErrnoException).code}: ${e.message.replace(/^[A-Z]+: /, '')}` : String(e);

/**
 * The files `rosnet lint` checks: explicit files as given (if their kind is known), directories
 * walked with the editor's file-kind detection, skipping dependency/build folders and dot-folders
 * (except .vscode and .devcontainer). Symlinks are followed, each real directory visited once.
 */
export async function walkFiles(args: readonly string[], cwd: string, fs: LintFs = NODE_LINT_FS): Promise<WalkResult> {
  const files: WalkedFile[] = [];
  const problems: WalkProblem[] = [];
  const missing: string[] = [];
  const skipped: string[] = [];
  const seenFiles = new Set<string>();
  const seenDirs = new Set<string>();

  const addFile = (abs: string, kind: FileKind, size: number) => {
    if (seenFiles.has(abs)) return;
    seenFiles.add(abs);
    files.push({ path: abs, file: displayPath(cwd, abs), kind, size });
  };

  const walkDir = async (dir: string): Promise<void> => {
    let real: string;
    let names: string[];
    try {
      real = await fs.realpath(dir);
      if (seenDirs.has(real)) return;
      seenDirs.add(real);
      names = await fs.readdir(dir);
    } catch (e) {
      problems.push({ file: displayPath(cwd, dir), message: `cannot read this folder (${errText(e)})` });
      return;
    }
    names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const name of names) {
      const abs = path.join(dir, name);
      let st: Awaited<ReturnType<LintFs['stat']>>;
      try {
        st = await fs.stat(abs);
      } catch (e) {
        // A dangling symlink or a file that vanished: only worth a report if we would lint it.
        if (kindByName(displayPath(cwd, abs)) ?? kindByName(abs))
          problems.push({ file: displayPath(cwd, abs), message: `cannot read this file (${errText(e)})` });
        continue;
      }
      if (st.isDirectory()) {
        if (SKIP_DIRS.has(name) || (name.startsWith('.') && !DOT_DIRS_KEPT.has(name))) continue;
        await walkDir(abs);
      } else if (st.isFile()) {
        const kind = await kindOf(abs, cwd, fs);
        if (kind) addFile(abs, kind, st.size);
      } else if (kindByName(displayPath(cwd, abs)) ?? kindByName(abs))
        problems.push({ file: displayPath(cwd, abs), message: `skipped: not a regular file (${specialKind(st)})` });
    }
  };

  for (const arg of args.length ? args : ['.']) {
    const abs = path.resolve(cwd, arg);
    let st: Awaited<ReturnType<LintFs['stat']>>;
    try {
      st = await fs.stat(abs);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') missing.push(arg);
      else problems.push({ file: displayPath(cwd, abs), message: `cannot read this path (${errText(e)})` });
      continue;
    }
    if (st.isDirectory()) await walkDir(abs);
    else if (!st.isFile()) problems.push({ file: displayPath(cwd, abs), message: `skipped: not a regular file (${specialKind(st)})` });
    else {
      const kind = await kindOf(abs, cwd, fs);
      if (kind) addFile(abs, kind, st.size);
      else skipped.push(arg);
    }
  }
  return { files, problems, missing, skipped };
}
