// `npm start` stops everything it started when the PID a shell returned for `npm start &` gets a
// signal (issue 14 §7): real npm, real rosmaster and rostopic, real code-server. The oracle is the
// process table: every process under that shell before the signal is gone after it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../harness/codeServer';
import { extensionVsix } from '../harness/hostTests';
import { requireRos } from '../helpers/rosProcesses';

const root = join(__dirname, '..', '..');

/** pid → [ppid, cmdline] of every process. */
function processTable(): Map<number, { ppid: number; cmd: string }> {
  const out = new Map<number, { ppid: number; cmd: string }>();
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      out.set(Number(e), { ppid, cmd: readFileSync(`/proc/${e}/cmdline`, 'utf8').replace(/\0/g, ' ').trim() });
    } catch {
      // exited while we read
    }
  }
  return out;
}

function descendants(pid: number): Array<{ pid: number; cmd: string }> {
  const table = processTable();
  const found: Array<{ pid: number; cmd: string }> = [];
  const walk = (p: number) => {
    for (const [child, info] of table)
      if (info.ppid === p) {
        found.push({ pid: child, cmd: info.cmd });
        walk(child);
      }
  };
  walk(pid);
  return found;
}

const alive = (pid: number) => existsSync(`/proc/${pid}`) && !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));

async function until<T>(what: string, fn: () => T | undefined, ms: number): Promise<T> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const v = fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}`);
}

/**
 * Runs `npm start &` in bash (with job control when asked, as an interactive shell has), waits until
 * it is up, sends `signal` to what `kill` would hit, and returns what was left running.
 */
async function startAndSignal(signal: NodeJS.Signals, jobControl: boolean) {
  const dir = mkdtempSync(join(tmpdir(), 'rosnet-start-'));
  const log = join(dir, 'start.log');
  const pidFile = join(dir, 'pid');
  const env = {
    ...process.env,
    PORT: String(await freePort()),
    ROSNET_START_MASTER_PORT: String(await freePort()),
    ROSNET_START_SKIP_SETUP: '1',
  };
  const shell = spawn('bash', ['-c', `${jobControl ? 'set -m; ' : ''}npm start > '${log}' 2>&1 & echo $! > '${pidFile}'; wait`], {
    cwd: root,
    env,
    stdio: 'ignore',
  });
  try {
    const npmPid = await until(
      'the PID of npm start &',
      () => (existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8')) : undefined),
      10_000,
    );
    await until(
      '"ROS Network is running" in the log',
      () => /is running in a real VS Code/.test(readFileSync(log, 'utf8')) || undefined,
      120_000,
    );
    const before = descendants(shell.pid!);
    assert.ok(
      before.some((p) => /rosmaster --core -p/.test(p.cmd)),
      `a rosmaster runs: ${before.map((p) => p.cmd).join('\n')}`,
    );
    assert.ok(
      before.some((p) => /code-server/.test(p.cmd)),
      'a code-server runs',
    );
    // With job control `kill -INT %1` signals the job's process group (its leader is npm); without, `kill <pid>` only npm.
    process.kill(jobControl ? -npmPid : npmPid, signal);
    await until('every process started under the shell to exit', () => before.every((p) => !alive(p.pid)) || undefined, 30_000).catch(
      () => undefined,
    );
    return { left: before.filter((p) => alive(p.pid)), log: readFileSync(log, 'utf8') };
  } finally {
    for (const p of descendants(shell.pid!)) {
      try {
        process.kill(p.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
    shell.kill('SIGKILL');
  }
}

test('npm start & stops everything on a signal to the PID the shell returned', { timeout: 600_000 }, async (t) => {
  requireRos();
  extensionVsix();
  for (const [signal, jobControl, name] of [
    ['SIGINT', true, 'kill -INT %1 (job control, as in an interactive shell)'],
    ['SIGTERM', false, 'kill <pid> from a script'],
    ['SIGHUP', false, 'kill -HUP <pid> (the terminal closed)'],
  ] as const) {
    await t.test(name, async () => {
      const r = await startAndSignal(signal, jobControl);
      assert.deepEqual(
        r.left.map((p) => p.cmd),
        [],
        `left running after ${signal}:\n${r.log}`,
      );
      assert.match(r.log, /stopping \(/);
    });
  }
});
