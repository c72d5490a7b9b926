// Two "machines" on one host: network namespaces joined by a veth pair, each with its own
// /etc/hosts (ip netns exec bind-mounts /etc/netns/<ns>/hosts) and, per process, its own hostname
// (unshare --uts). Addresses exist only inside the namespaces the test creates; nothing is sent
// anywhere else. Needs root.
import { spawn, spawnSync, type ChildProcess, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Machine {
  /** The ROS hostname ('hal', 'marvin'). */
  readonly name: string;
  readonly ns: string;
  readonly ip: string;
}

export interface NetnsPair {
  readonly hal: Machine;
  readonly marvin: Machine;
  readonly subnet: string;
  /** Rewrites one machine's /etc/hosts (what `ip netns exec` shows as /etc/hosts). */
  setHosts(m: Machine, entries: Record<string, string>): void;
  /** Runs a command to completion on a machine, with its hostname and exactly `env` (+ PATH/HOME). */
  run(
    m: Machine,
    argv: readonly string[],
    env: Record<string, string>,
    opts?: { timeoutMs?: number; cwd?: string },
  ): SpawnSyncReturns<string>;
  /** Starts a long-running process on a machine (own process group). */
  start(m: Machine, argv: readonly string[], env: Record<string, string>): ChildProcess;
  cleanup(): void;
}

function sh(argv: readonly string[], allowFail = false): SpawnSyncReturns<string> {
  const r = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8' });
  if (!allowFail && r.status !== 0) throw new Error(`${argv.join(' ')} failed: ${r.stderr || r.error}`);
  return r;
}

export function requireNetns(): void {
  if (process.getuid?.() !== 0) throw new Error('network namespace tests need root (they run as root in CI)');
  for (const bin of ['ip', 'unshare'])
    if (spawnSync('sh', ['-c', `command -v ${bin}`]).status !== 0) throw new Error(`'${bin}' not found (iproute2 / util-linux)`);
}

/** A minimal environment for a ROS process: PATH, a private ROS_HOME, and the scenario's variables. */
export function machineEnv(home: string, vars: Record<string, string>): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    ROS_HOME: home,
    ROS_LOG_DIR: join(home, 'log'),
    PYTHONUNBUFFERED: '1',
    ...vars,
  };
}

function wrap(m: Machine, argv: readonly string[]): string[] {
  // unshare -u gives the process its own UTS namespace so `hostname` is the machine's ROS name;
  // sh execs the command, so signals reach it directly.
  return ['ip', 'netns', 'exec', m.ns, 'unshare', '--uts', 'sh', '-c', `hostname ${m.name} && exec "$@"`, 'sh', ...argv];
}

export function createNetnsPair(): NetnsPair {
  requireNetns();
  const id = `${process.pid % 100000}`;
  const octet = 100 + (process.pid % 150);
  const subnet = `10.231.${octet}`;
  const hal: Machine = { name: 'hal', ns: `rn-hal-${id}`, ip: `${subnet}.1` };
  const marvin: Machine = { name: 'marvin', ns: `rn-marvin-${id}`, ip: `${subnet}.2` };
  const vh = `rnh${id}`;
  const vm = `rnm${id}`;
  const homes = mkdtempSync(join(tmpdir(), 'rosnet-netns-'));
  const cleanup = () => {
    for (const m of [hal, marvin]) {
      for (const pid of sh(['ip', 'netns', 'pids', m.ns], true).stdout.split('\n').filter(Boolean)) {
        try {
          process.kill(Number(pid), 'SIGKILL');
        } catch {
          // gone
        }
      }
      sh(['ip', 'netns', 'del', m.ns], true);
      rmSync(`/etc/netns/${m.ns}`, { recursive: true, force: true });
    }
    sh(['ip', 'link', 'del', vh], true);
    rmSync(homes, { recursive: true, force: true });
  };
  try {
    for (const m of [hal, marvin]) sh(['ip', 'netns', 'add', m.ns]);
    sh(['ip', 'link', 'add', vh, 'type', 'veth', 'peer', 'name', vm]);
    sh(['ip', 'link', 'set', vh, 'netns', hal.ns]);
    sh(['ip', 'link', 'set', vm, 'netns', marvin.ns]);
    for (const [m, dev] of [
      [hal, vh],
      [marvin, vm],
    ] as const) {
      sh(['ip', '-n', m.ns, 'addr', 'add', `${m.ip}/24`, 'dev', dev]);
      sh(['ip', '-n', m.ns, 'link', 'set', 'lo', 'up']);
      sh(['ip', '-n', m.ns, 'link', 'set', dev, 'up']);
    }
  } catch (e) {
    cleanup();
    throw e;
  }
  const setHosts = (m: Machine, entries: Record<string, string>) => {
    mkdirSync(`/etc/netns/${m.ns}`, { recursive: true });
    writeFileSync(
      `/etc/netns/${m.ns}/hosts`,
      ['127.0.0.1\tlocalhost', ...Object.entries(entries).map(([n, a]) => `${a}\t${n}`)].join('\n') + '\n',
    );
  };
  const home = (m: Machine) => {
    const h = join(homes, m.name);
    mkdirSync(h, { recursive: true });
    return h;
  };
  return {
    hal,
    marvin,
    subnet,
    setHosts,
    run: (m, argv, env, opts = {}) =>
      spawnSync(wrap(m, argv)[0]!, wrap(m, argv).slice(1), {
        env: machineEnv(home(m), env),
        encoding: 'utf8',
        timeout: opts.timeoutMs ?? 120_000,
        cwd: opts.cwd ?? homes,
        maxBuffer: 16 * 1024 * 1024,
      }),
    start: (m, argv, env) =>
      spawn(wrap(m, argv)[0]!, wrap(m, argv).slice(1), { env: machineEnv(home(m), env), stdio: 'ignore', detached: true, cwd: homes }),
    cleanup,
  };
}

/** Stops a process started with `start` the polite way (rospy unregisters from the master on SIGINT). */
export async function stopGracefully(p: ChildProcess, graceMs = 10_000): Promise<void> {
  if (p.exitCode !== null || p.signalCode) return;
  const exited = new Promise((r) => p.once('exit', r));
  try {
    process.kill(-p.pid!, 'SIGINT');
  } catch {
    return;
  }
  const t = setTimeout(() => {
    try {
      process.kill(-p.pid!, 'SIGKILL');
    } catch {
      // gone
    }
  }, graceMs);
  await exited;
  clearTimeout(t);
}
