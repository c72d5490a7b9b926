// `npm start`: the product, for real. Installs what it needs, packages the extension, starts a local
// rosmaster (with a talker so the graph has something in it) and a real VS Code (code-server) with
// the extension and the sample workspace, and prints the URL to open. Ctrl+C stops everything.
//
// Stopping: SIGINT, SIGTERM and SIGHUP stop everything (rosmaster, the talker and code-server run in
// their own process groups, which are killed). `npm start &` puts npm and `sh -c` between the shell
// and this process, and npm does not pass a signal on: it exits on SIGTERM/SIGHUP and leaves its
// child running, and in a shell without job control (a script) a background job ignores SIGINT,
// which npm then cannot even see. So this process also stops when the npm process that started it
// is gone. Env for tests: PORT (code-server), ROSNET_START_MASTER_PORT, ROSNET_START_SKIP_SETUP=1
// (use the existing ros-network.vsix and installs).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { startCodeServer } from '../test/harness/codeServer';

const root = join(__dirname, '..');
const port = Number(process.env.PORT ?? 8080);
const masterPort = Number(process.env.ROSNET_START_MASTER_PORT ?? 11311);

/** The parent pid of `pid` from /proc (Linux), or undefined. */
function parentOf(pid: number): number | undefined {
  try {
    // The command name (field 2) may hold spaces and parentheses: read after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return Number.isInteger(ppid) && ppid > 1 ? ppid : undefined;
  } catch {
    return undefined;
  }
}

/** Under `npm start`: npm's pid (our parent is the `sh -c` npm runs the script with, or npm itself). */
function npmAncestor(): number | undefined {
  if (!process.env.npm_lifecycle_event) return undefined;
  const parent = process.ppid;
  try {
    if (/\bnpm\b|npm-cli/.test(readFileSync(`/proc/${parent}/cmdline`, 'utf8'))) return parent;
  } catch {
    return undefined;
  }
  return parentOf(parent);
}

/** Running (not exited, not a zombie waiting to be reaped). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

async function masterUp(uri: string): Promise<boolean> {
  try {
    const res = await fetch(uri, {
      method: 'POST',
      headers: { 'Content-Type': 'text/xml' },
      body: '<?xml version="1.0"?><methodCall><methodName>getPid</methodName><params><param><value>/start</value></param></params></methodCall>',
    });
    return res.ok;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });
  const skipSetup = process.env.ROSNET_START_SKIP_SETUP === '1' && existsSync(join(root, 'ros-network.vsix'));
  if (!skipSetup) {
    if (process.getuid?.() === 0) run('bash', ['scripts/ci/install-deps.sh']);
    run('bash', ['scripts/ci/install-code-server.sh']);
    run('npm', ['run', '--silent', 'package']);
  }

  const children: ChildProcess[] = [];
  let cs: ReturnType<typeof startCodeServer> | undefined = undefined;
  let stopping = false;
  const stop = async (why: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\nstopping (${why})…`);
    for (const c of children) {
      try {
        process.kill(-c.pid!, 'SIGTERM');
      } catch {
        // gone
      }
    }
    // A code-server that hangs on shutdown must not keep us (and the terminal) waiting.
    setTimeout(() => process.exit(0), 20_000).unref();
    // Also one still starting: it is disposed once it is up, never left behind.
    await cs?.then((c) => c.dispose()).catch(() => undefined);
    process.exit(0);
  };
  // Installed before anything is started, so a signal during start-up stops what already runs.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(signal));
  const npm = npmAncestor();
  const parent = process.ppid;
  if (npm)
    setInterval(() => {
      // npm gone, or the `sh -c` between us (killed by the signal npm passed on): we were re-parented.
      if (!alive(npm) || process.ppid !== parent) void stop(`npm (pid ${npm}) exited`);
    }, 500);

  const uri = `http://127.0.0.1:${masterPort}`;
  const rosHome = join(homedir(), '.cache', 'ros-network', 'ros-home');
  mkdirSync(rosHome, { recursive: true });
  const rosEnv = { ...process.env, ROS_MASTER_URI: uri, ROS_IP: '127.0.0.1', ROS_HOME: rosHome };
  if (await masterUp(uri)) console.log(`rosmaster already running at ${uri}`);
  else {
    children.push(spawn('rosmaster', ['--core', '-p', String(masterPort)], { env: rosEnv, stdio: 'ignore', detached: true }));
    for (let i = 0; i < 100 && !(await masterUp(uri)); i++) await new Promise((r) => setTimeout(r, 100));
    console.log(`started rosmaster at ${uri}`);
    if (stopping) return;
    children.push(
      spawn('rostopic', ['pub', '-r', '1', '/chatter', 'std_msgs/String', 'data: hello from npm start'], {
        env: rosEnv,
        stdio: 'ignore',
        detached: true,
      }),
    );
  }

  const workspace = join(homedir(), '.cache', 'ros-network', 'sample-workspace');
  if (!existsSync(workspace)) cpSync(join(root, 'test/fixtures/workspace'), workspace, { recursive: true });
  if (stopping) return;
  cs = startCodeServer({ workspace, vsix: [join(root, 'ros-network.vsix')], port });
  const server = await cs;
  console.log(
    `\nROS Network is running in a real VS Code: ${server.folderUrl(workspace)}\n(sample workspace: ${workspace}; rosmaster: ${uri}; Ctrl+C to stop)\n`,
  );
  await new Promise(() => undefined);
}

main().catch((e) => {
  console.error(`npm start failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
