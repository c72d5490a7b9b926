// Several "machines" on one host: network namespaces joined by veth pairs, each with its own
// /etc/hosts (ip netns exec bind-mounts /etc/netns/<ns>/hosts) and, per process, its own hostname
// (unshare --uts). Addresses exist only inside the namespaces the test creates; nothing is sent
// anywhere else. Needs root. createNetnsPair: hal and marvin (ROS 1). createDdsLab: host-a and
// host-b on one link with a multicast route, host-c behind a router that forwards unicast only.
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
  start(m: Machine, argv: readonly string[], env: Record<string, string>, opts?: StartOptions): ChildProcess;
  cleanup(): void;
}

export interface StartOptions {
  /** 'pipe' to read the process's stdout/stderr (default 'ignore'). */
  readonly stdio?: 'ignore' | 'pipe';
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
    for (const m of [hal, marvin]) killNamespace(m.ns);
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
    run: (m, argv, env, opts = {}) => runIn(m, argv, machineEnv(home(m), env), opts.cwd ?? homes, opts.timeoutMs),
    start: (m, argv, env, opts = {}) => startIn(m, argv, machineEnv(home(m), env), homes, opts),
    cleanup,
  };
}

function runIn(
  m: Machine,
  argv: readonly string[],
  env: Record<string, string>,
  cwd: string,
  timeoutMs = 120_000,
): SpawnSyncReturns<string> {
  const w = wrap(m, argv);
  return spawnSync(w[0]!, w.slice(1), { env, encoding: 'utf8', timeout: timeoutMs, cwd, maxBuffer: 16 * 1024 * 1024 });
}

function startIn(m: Machine, argv: readonly string[], env: Record<string, string>, cwd: string, opts: StartOptions): ChildProcess {
  const w = wrap(m, argv);
  return spawn(w[0]!, w.slice(1), { env, stdio: opts.stdio === 'pipe' ? ['ignore', 'pipe', 'pipe'] : 'ignore', detached: true, cwd });
}

function killNamespace(ns: string): void {
  for (const pid of sh(['ip', 'netns', 'pids', ns], true).stdout.split('\n').filter(Boolean)) {
    try {
      process.kill(Number(pid), 'SIGKILL');
    } catch {
      // gone
    }
  }
  sh(['ip', 'netns', 'del', ns], true);
  rmSync(`/etc/netns/${ns}`, { recursive: true, force: true });
}

export interface LabMachine extends Machine {
  /** The machine's interface on its LAN (host-b: the one towards host-a). */
  readonly dev: string;
}

export interface DdsLab {
  /** host-a and host-b share a link (10.x.1.0/24) with a multicast route: DDS discovery works. */
  readonly hostA: LabMachine;
  readonly hostB: LabMachine;
  /** host-b's second interface, towards the router (10.x.2.0/24). */
  readonly hostBUplink: { readonly dev: string; readonly ip: string };
  /** Forwards unicast between 10.x.2.0/24 and 10.x.3.0/24; multicast stops here, as at most routers. */
  readonly router: Machine;
  /** Behind the router (10.x.3.0/24), with a multicast route of its own: it can send, nobody hears. */
  readonly hostC: LabMachine;
  run(
    m: Machine,
    argv: readonly string[],
    env: Record<string, string>,
    opts?: { timeoutMs?: number; cwd?: string },
  ): SpawnSyncReturns<string>;
  start(m: Machine, argv: readonly string[], env: Record<string, string>, opts?: StartOptions): ChildProcess;
  /** The program and arguments that run `argv` on `m` (for helpers that spawn themselves). */
  wrap(m: Machine, argv: readonly string[]): string[];
  /** The environment `run`/`start` give a process on `m` (PATH, private HOME, `vars`). */
  env(m: Machine, vars: Record<string, string>): Record<string, string>;
  cleanup(): void;
}

let labCount = 0;
const LAB_PREFIX = 'ddslab';

/** Removes namespaces an earlier run (killed before its cleanup) left behind. */
function removeStaleLabs(): void {
  for (const line of sh(['ip', 'netns', 'list'], true).stdout.split('\n')) {
    const m = new RegExp(`^(${LAB_PREFIX}-[a-z]-(\\d+)-\\d+)\\b`).exec(line);
    if (!m) continue;
    let alive = true;
    try {
      process.kill(Number(m[2]), 0);
    } catch {
      alive = false;
    }
    if (!alive) killNamespace(m[1]!);
  }
}

export function createDdsLab(): DdsLab {
  requireNetns();
  removeStaleLabs();
  const run = `${process.pid}-${labCount++}`;
  // Interface names are created in the root namespace first: keep them unique and ≤ 15 chars.
  const tag = `${process.pid.toString(36)}${labCount.toString(36)}`;
  const net = `10.${200 + (process.pid % 50)}`;
  const ns = (x: string) => `${LAB_PREFIX}-${x}-${run}`;
  const hostA: LabMachine = { name: 'host-a', ns: ns('a'), ip: `${net}.1.1`, dev: `la${tag}` };
  const hostB: LabMachine = { name: 'host-b', ns: ns('b'), ip: `${net}.1.2`, dev: `lb${tag}` };
  const hostBUplink = { dev: `lu${tag}`, ip: `${net}.2.1` };
  const router: Machine = { name: 'router', ns: ns('r'), ip: `${net}.2.254` };
  const routerToC = { dev: `lr${tag}`, ip: `${net}.3.254` };
  const routerToB = `lq${tag}`;
  const hostC: LabMachine = { name: 'host-c', ns: ns('c'), ip: `${net}.3.1`, dev: `lc${tag}` };
  const homes = mkdtempSync(join(tmpdir(), 'rosnet-ddslab-'));
  const all = [hostA, hostB, router, hostC];
  const cleanup = () => {
    for (const m of all) killNamespace(m.ns);
    rmSync(homes, { recursive: true, force: true });
  };
  const link = (a: Machine, devA: string, b: Machine, devB: string) => {
    sh(['ip', 'link', 'add', devA, 'type', 'veth', 'peer', 'name', devB]);
    sh(['ip', 'link', 'set', devA, 'netns', a.ns]);
    sh(['ip', 'link', 'set', devB, 'netns', b.ns]);
  };
  const addr = (m: Machine, dev: string, ip: string) => {
    sh(['ip', '-n', m.ns, 'addr', 'add', `${ip}/24`, 'dev', dev]);
    sh(['ip', '-n', m.ns, 'link', 'set', dev, 'up']);
  };
  try {
    for (const m of all) {
      sh(['ip', 'netns', 'add', m.ns]);
      sh(['ip', '-n', m.ns, 'link', 'set', 'lo', 'up']);
    }
    link(hostA, hostA.dev, hostB, hostB.dev);
    link(hostB, hostBUplink.dev, router, routerToB);
    link(router, routerToC.dev, hostC, hostC.dev);
    addr(hostA, hostA.dev, hostA.ip);
    addr(hostB, hostB.dev, hostB.ip);
    addr(hostB, hostBUplink.dev, hostBUplink.ip);
    addr(router, routerToB, router.ip);
    addr(router, routerToC.dev, routerToC.ip);
    addr(hostC, hostC.dev, hostC.ip);
    // Multicast leaves a host only where a route says so (no route: sendto fails ENETUNREACH).
    for (const m of [hostA, hostB, hostC]) sh(['ip', '-n', m.ns, 'route', 'add', '224.0.0.0/4', 'dev', m.dev]);
    sh(['ip', '-n', hostB.ns, 'route', 'add', `${net}.3.0/24`, 'via', router.ip]);
    sh(['ip', '-n', hostC.ns, 'route', 'add', 'default', 'via', routerToC.ip]);
    sh(['ip', '-n', router.ns, 'route', 'add', `${net}.1.0/24`, 'via', hostBUplink.ip]);
    // Unicast forwarding only: Linux forwards multicast only with a multicast routing daemon.
    sh(['ip', 'netns', 'exec', router.ns, 'sysctl', '-q', '-w', 'net.ipv4.ip_forward=1']);
    for (const m of all) {
      mkdirSync(`/etc/netns/${m.ns}`, { recursive: true });
      const hosts = [hostA, hostB, hostC].map((h) => `${h.ip}\t${h.name}`);
      writeFileSync(`/etc/netns/${m.ns}/hosts`, ['127.0.0.1\tlocalhost', ...hosts].join('\n') + '\n');
    }
  } catch (e) {
    cleanup();
    throw e;
  }
  process.once('exit', cleanup);
  const home = (m: Machine) => {
    const h = join(homes, m.name);
    mkdirSync(h, { recursive: true });
    return h;
  };
  const env = (m: Machine, vars: Record<string, string>) => machineEnv(home(m), vars);
  return {
    hostA,
    hostB,
    hostBUplink,
    router,
    hostC,
    run: (m, argv, vars, opts = {}) => runIn(m, argv, env(m, vars), opts.cwd ?? homes, opts.timeoutMs),
    start: (m, argv, vars, opts = {}) => startIn(m, argv, env(m, vars), homes, opts),
    wrap,
    env,
    cleanup: () => {
      process.removeListener('exit', cleanup);
      cleanup();
    },
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
