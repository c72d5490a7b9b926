// Real ROS-2-shaped DDS participants for tests: test/fixtures/dds/cyclone_node.c (Cyclone DDS) and
// fastdds_node.cpp (Fast DDS 2.9), compiled once into a cache outside the checkout keyed by the
// sources' hash, started and stopped here. A missing toolchain is an error, never a skip.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { DdsLab, Machine } from './netns';

export type DdsVendor = 'cyclonedds' | 'fastdds';

const SRC = join(__dirname, '..', 'fixtures', 'dds');
const SOURCES = ['ros2_types.idl', 'cyclone_node.c', 'fastdds_node.cpp'];
const PACKAGES = 'cyclonedds-dev cyclonedds-tools libfastrtps-dev';

export interface DdsBinaries {
  readonly dir: string;
  readonly cyclonedds: string;
  readonly fastdds: string;
}

function run(argv: readonly string[], cwd: string): void {
  const r = spawnSync(argv[0]!, argv.slice(1), { cwd, encoding: 'utf8' });
  if (r.error || r.status !== 0)
    throw new Error(`building the DDS test participants: ${argv.join(' ')} failed:\n${r.stderr || r.error?.message}`);
}

function requireToolchain(): void {
  const missing = ['idlc', 'gcc', 'g++'].filter((b) => spawnSync('sh', ['-c', `command -v ${b}`]).status !== 0);
  for (const h of ['/usr/include/dds/dds.h', '/usr/include/fastdds/dds/domain/DomainParticipant.hpp', '/usr/include/fastcdr/Cdr.h'])
    if (!existsSync(h)) missing.push(h);
  if (missing.length)
    throw new Error(`DDS test participants need ${missing.join(', ')}: run bash scripts/ci/install-deps.sh (Debian ${PACKAGES})`);
}

let built: DdsBinaries | undefined;

/** Compiles both participants (≈ 6 s, once per source change); later calls and runs reuse the cache. */
export function buildDdsParticipants(): DdsBinaries {
  if (built) return built;
  requireToolchain();
  const hash = createHash('sha256');
  for (const f of SOURCES) hash.update(f).update(readFileSync(join(SRC, f)));
  const root = process.env.ROSNET_CACHE_DIR ?? join(homedir(), '.cache', 'ros-network');
  const dir = join(root, `dds-${hash.digest('hex').slice(0, 16)}`);
  const bins = { dir, cyclonedds: join(dir, 'cyclone_node'), fastdds: join(dir, 'fastdds_node') };
  if (!existsSync(bins.cyclonedds) || !existsSync(bins.fastdds)) {
    mkdirSync(root, { recursive: true });
    // Build beside the cache and rename: a concurrent run never sees half a directory.
    const tmp = mkdtempSync(join(root, 'dds-build-'));
    try {
      run(['idlc', '-t', '-o', tmp, join(SRC, 'ros2_types.idl')], tmp);
      run(['gcc', '-O1', '-Wall', '-I', tmp, '-o', 'cyclone_node', join(SRC, 'cyclone_node.c'), 'ros2_types.c', '-lddsc'], tmp);
      run(['g++', '-std=c++17', '-O1', '-Wall', '-o', 'fastdds_node', join(SRC, 'fastdds_node.cpp'), '-lfastrtps', '-lfastcdr'], tmp);
      try {
        renameSync(tmp, dir);
      } catch (e) {
        if (!existsSync(bins.cyclonedds)) throw e; // else another run won the race
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }
  built = bins;
  return bins;
}

export interface DdsNodeOptions {
  readonly vendor: DdsVendor;
  readonly domain?: number;
  readonly node?: string;
  readonly namespace?: string;
  /** 16 (Iron and later, the default) or 24 (Humble). */
  readonly gid?: 16 | 24;
  /** Participant lease; short in tests so `kill -9` is noticed quickly. Vendor default when unset. */
  readonly leaseMs?: number;
  /** Cyclone: interface name or address; Fast DDS: address (interface allow-list). */
  readonly interface?: string;
  /** Unicast discovery peers (addresses). */
  readonly peers?: readonly string[];
  /** Cyclone: 'auto' | 'none' | N (default none: random ports); Fast DDS: 'auto' | N (default auto). */
  readonly participantIndex?: 'auto' | 'none' | number;
  /** ROS topic names; without pubs and subs the node publishes and subscribes /chatter. */
  readonly pubs?: readonly string[];
  readonly subs?: readonly string[];
  readonly periodMs?: number;
  readonly enclave?: string;
  /** Fast DDS: UDPv4 only (no shared-memory transport). */
  readonly udpOnly?: boolean;
  /** Extra environment (e.g. ROS_DISCOVERY_SERVER for a Fast DDS client). */
  readonly env?: Readonly<Record<string, string>>;
}

/** The program and arguments for one participant (for starting it elsewhere, e.g. in a namespace). */
export function ddsNodeArgv(o: DdsNodeOptions): string[] {
  const b = buildDdsParticipants();
  const argv = [o.vendor === 'cyclonedds' ? b.cyclonedds : b.fastdds, '--domain', String(o.domain ?? 0)];
  const opt = (name: string, v: string | number | undefined) => {
    if (v !== undefined) argv.push(`--${name}`, String(v));
  };
  opt('node', o.node);
  opt('namespace', o.namespace);
  opt('gid', o.gid);
  opt('lease-ms', o.leaseMs);
  opt('interface', o.interface);
  opt('participant-index', o.participantIndex);
  opt('period-ms', o.periodMs);
  opt('enclave', o.enclave);
  for (const p of o.peers ?? []) opt('peer', p);
  for (const t of o.pubs ?? []) opt('pub', t);
  for (const t of o.subs ?? []) opt('sub', t);
  if (o.udpOnly) {
    if (o.vendor !== 'fastdds') throw new Error('udpOnly is a Fast DDS option');
    argv.push('--udp-only');
  }
  return argv;
}

/** Starts a process with piped stdout in its own process group (the default launcher: this host). */
export type Launcher = (argv: readonly string[], env: Record<string, string>) => ChildProcess;

const localLauncher: Launcher = (argv, env) =>
  spawn(argv[0]!, argv.slice(1), {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });

export interface DdsNode {
  readonly vendor: DdsVendor;
  /** The participant's GUID, 32 hex digits, as its SPDP announcement carries it. */
  readonly guid: string;
  readonly pid: number;
  readonly proc: ChildProcess;
  /** Every stdout line so far ("ready …", "heard <topic> <text>", "bye"). */
  readonly lines: readonly string[];
  readonly stderr: () => string;
  /** Resolves with the first line (past or future) matching `re`. */
  waitForLine(re: RegExp, timeoutMs?: number): Promise<string>;
  /** SIGTERM: the participant is deleted and peers get its dispose. Resolves with the exit code. */
  stop(graceMs?: number): Promise<number | null>;
  /** SIGKILL: no dispose; peers drop it after the lease. */
  kill9(): Promise<void>;
}

const live = new Set<DdsNode>();
process.once('exit', () => {
  for (const n of live) signal(n.proc, 'SIGKILL');
});

function signal(p: ChildProcess, sig: NodeJS.Signals): void {
  try {
    process.kill(-p.pid!, sig);
  } catch {
    // already gone
  }
}

/** Starts one participant and waits for its "ready" line (it exists on the wire from then on). */
export async function startDdsNode(o: DdsNodeOptions, launch: Launcher = localLauncher, readyTimeoutMs = 15_000): Promise<DdsNode> {
  const argv = ddsNodeArgv(o);
  const proc = launch(argv, { ROS_DOMAIN_ID: String(o.domain ?? 0), ...o.env });
  if (!proc.stdout || !proc.stderr) throw new Error('the launcher must pipe stdout and stderr');
  const lines: string[] = [];
  const waiters = new Set<{ re: RegExp; resolve: (l: string) => void }>();
  let err = '';
  proc.stderr.setEncoding('utf8').on('data', (d: string) => {
    err = (err + d).slice(-20_000);
  });
  createInterface({ input: proc.stdout }).on('line', (l) => {
    lines.push(l);
    for (const w of waiters) {
      if (!w.re.test(l)) continue;
      waiters.delete(w);
      w.resolve(l);
    }
  });
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  const waitForLine = (re: RegExp, timeoutMs = 10_000) => {
    const seen = lines.find((l) => re.test(l));
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise<string>((resolve, reject) => {
      const w = { re, resolve: (l: string) => (clearTimeout(t), resolve(l)) };
      const t = setTimeout(() => {
        waiters.delete(w);
        reject(
          new Error(
            `${o.vendor} ${o.node ?? 'talker'}: no line matching ${re} within ${timeoutMs} ms; stdout:\n${lines.join('\n')}\nstderr:\n${err}`,
          ),
        );
      }, timeoutMs);
      waiters.add(w);
      void exited.then((code) => {
        if (!waiters.has(w)) return;
        waiters.delete(w);
        clearTimeout(t);
        reject(new Error(`${o.vendor} ${o.node ?? 'talker'} exited (${code}) before a line matching ${re}; stderr:\n${err}`));
      });
    });
  };
  const node: DdsNode = {
    vendor: o.vendor,
    guid: '',
    pid: 0,
    proc,
    lines,
    stderr: () => err,
    waitForLine,
    stop: async (graceMs = 5_000) => {
      if (proc.exitCode !== null || proc.signalCode) return proc.exitCode;
      signal(proc, 'SIGTERM');
      const t = setTimeout(() => signal(proc, 'SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(t);
      live.delete(node);
      return code;
    },
    kill9: async () => {
      if (proc.exitCode !== null || proc.signalCode) return;
      signal(proc, 'SIGKILL');
      await exited;
      live.delete(node);
    },
  };
  live.add(node);
  try {
    const ready = await waitForLine(/^ready /, readyTimeoutMs);
    const field = (k: string) => new RegExp(`\\b${k}=(\\S+)`).exec(ready)?.[1] ?? '';
    Object.assign(node, { guid: field('guid'), pid: Number(field('pid')) });
  } catch (e) {
    await node.kill9();
    throw e;
  }
  return node;
}

/** A launcher that starts the participant on one machine of a netns lab (its hostname, its network). */
export function onMachine(lab: Pick<DdsLab, 'start'>, m: Machine): Launcher {
  return (argv, env) => lab.start(m, argv, env, { stdio: 'pipe' });
}
