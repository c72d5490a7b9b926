// Real ROS 1 processes from Debian's ros-core: rosmaster, rostopic, rosnode.
import { spawn, spawnSync, execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../harness/codeServer';

const execFileP = promisify(execFile);

export function requireRos(): void {
  for (const bin of ['rosmaster', 'rostopic', 'rosnode']) {
    const r = spawnSync('sh', ['-c', `command -v ${bin}`]);
    if (r.status !== 0) throw new Error(`'${bin}' not found: run bash scripts/ci/install-deps.sh (Debian ros-core)`);
  }
}

export function rosEnv(masterUri: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const home = mkdtempSync(join(tmpdir(), 'rosnet-roshome-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ROS_MASTER_URI: masterUri,
    ROS_HOME: home,
    ROS_LOG_DIR: join(home, 'log'),
    ROS_IP: '127.0.0.1',
    ...extra,
  };
  delete env.ROS_HOSTNAME;
  return env;
}

export interface Master {
  readonly port: number;
  readonly uri: string;
  readonly proc: ChildProcess;
  kill(): Promise<void>;
}

export async function startMaster(port?: number): Promise<Master> {
  requireRos();
  const p = port ?? (await freePort());
  const uri = `http://127.0.0.1:${p}`;
  const proc = spawn('rosmaster', ['--core', '-p', String(p)], { env: rosEnv(uri), stdio: 'ignore', detached: true });
  const master: Master = {
    port: p,
    uri,
    proc,
    kill: async () => {
      if (proc.exitCode !== null || proc.signalCode) return;
      const exited = new Promise((r) => proc.once('exit', r));
      try {
        process.kill(-proc.pid!, 'SIGKILL');
      } catch {
        // gone
      }
      await exited;
    },
  };
  // Wait until it answers.
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const res = await fetch(uri, {
        method: 'POST',
        headers: { 'Content-Type': 'text/xml' },
        body: '<?xml version="1.0"?><methodCall><methodName>getPid</methodName><params><param><value>/t</value></param></params></methodCall>',
      });
      if (res.ok) return master;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) {
      await master.kill();
      throw new Error(`rosmaster on port ${p} did not come up within 20 s`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts a long-running ROS client (rostopic pub/echo) against a master. */
export function startRosClient(masterUri: string, args: string[], extraEnv: Record<string, string> = {}): ChildProcess {
  return spawn(args[0]!, args.slice(1), { env: rosEnv(masterUri, extraEnv), stdio: 'ignore', detached: true });
}

export function killTree(p: ChildProcess): void {
  try {
    process.kill(-p.pid!, 'SIGKILL');
  } catch {
    // gone
  }
}

export async function rosList(masterUri: string, tool: 'rosnode' | 'rostopic'): Promise<string[]> {
  const { stdout } = await execFileP(tool, ['list'], { env: rosEnv(masterUri), timeout: 20_000 });
  return stdout
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean)
    .sort();
}
