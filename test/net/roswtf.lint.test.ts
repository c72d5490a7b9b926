// Cross-check with the reference checker: for ROS 1 values of ROS_MASTER_URI / ROS_IP / ROS_HOSTNAME,
// run the real roswtf (Debian ros-core) offline and compare its URI/host verdicts with what our
// engine reports for a .env holding the same value. Prints the comparison table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintText } from '../../src/core/lint/lintEngine';
import { mapLimit } from '../../src/core/util/mapLimit';
import { freePort } from '../harness/codeServer';

/** Codes our `lint` decides from the text alone; HOST003/URI004 need DNS/interfaces (rosnet doctor). */
const SYNTACTIC = ['URI001', 'URI002', 'URI003', 'HOST001', 'HOST002', 'HOST006'];

interface Case {
  readonly vars: Record<string, string>;
  /** roswtf's findings, mapped to our codes ('rosgraph' = rosgraph raised "invalid master URI"). */
  readonly wtf: readonly string[];
  /** Our syntactic findings. */
  readonly ours: readonly string[];
  /** Why the two differ, where they do (besides checks that need DNS/interfaces). */
  readonly note?: string;
}

/**
 * The cases, with `port` (free when the test starts) wherever a URI names a port: roswtf checks a
 * master that answers, so a rosmaster left on 11311 (by `npm start`) changed its findings.
 */
function cases(port: number): readonly Case[] {
  // ROS_MASTER_URI for the ROS_IP/ROS_HOSTNAME rows: valid, loopback, nothing listening.
  const M = masterFor(port);
  return [
    { vars: { ROS_MASTER_URI: `hal.invalid:${port}` }, wtf: ['URI001'], ours: ['URI001'] },
    { vars: { ROS_MASTER_URI: `localhost:${port}` }, wtf: ['URI001'], ours: ['URI001'] },
    { vars: { ROS_MASTER_URI: `https://localhost:${port}` }, wtf: ['URI001'], ours: ['URI001'] },
    { vars: { ROS_MASTER_URI: 'http://localhost' }, wtf: ['URI002'], ours: ['URI002'] },
    { vars: { ROS_MASTER_URI: 'http://localhost:abc' }, wtf: ['URI002'], ours: ['URI002'] },
    {
      vars: { ROS_MASTER_URI: 'http://localhost:99999' },
      wtf: ['rosgraph'],
      ours: ['URI002'],
      note: "roswtf's rule only int()s the port; rosgraph then raises 'Port out of range' (roswtf aborts)",
    },
    { vars: { ROS_MASTER_URI: `http://::1:${port}` }, wtf: ['URI003'], ours: ['URI003'] },
    {
      vars: { ROS_MASTER_URI: `http://[::1]:${port}` },
      wtf: ['URI003'],
      ours: ['HOST006'],
      note: 'roswtf splits on every ":" and rejects bracketed IPv6, which rosgraph and roscpp accept; we only ask for ROS_IPV6=on',
    },
    {
      vars: { ROS_MASTER_URI: `http://[::1]:${port}`, ROS_IPV6: 'on' },
      wtf: ['URI003'],
      ours: [],
      note: 'roswtf still rejects the brackets; with ROS_IPV6=on rospy/roscpp use this URI, so we report nothing',
    },
    {
      vars: { ROS_MASTER_URI: `http://:${port}` },
      wtf: ['URI004', 'rosgraph'],
      ours: ['URI003'],
      note: "roswtf's rule passes an empty host; its DNS check and rosgraph fail on it",
    },
    {
      vars: { ROS_MASTER_URI: `http://localhost:${port} ` },
      wtf: ['rosgraph'],
      ours: ['URI003'],
      note: "Python's int() accepts '11311 ', rosgraph's urlparse does not (roswtf aborts)",
    },
    { vars: { ROS_MASTER_URI: '' }, wtf: ['URI003'], ours: ['URI003'] },
    { vars: { ROS_MASTER_URI: `http://no-such-host.invalid:${port}` }, wtf: ['URI004'], ours: [] },
    { vars: { ROS_MASTER_URI: `http://localhost:${port}` }, wtf: [], ours: [] },
    { vars: { ROS_MASTER_URI: `http://127.0.0.1:${port}/` }, wtf: [], ours: [] },
    { vars: { ROS_MASTER_URI: M, ROS_IP: '192.168.1.10 ' }, wtf: ['HOST001'], ours: ['HOST001'] },
    {
      vars: { ROS_MASTER_URI: M, ROS_IP: 'robot.local' },
      wtf: ['HOST003'],
      ours: ['HOST001'],
      note: 'roswtf: not a local address; we say why: a name is not an IP (use ROS_HOSTNAME)',
    },
    { vars: { ROS_MASTER_URI: M, ROS_IP: '' }, wtf: ['HOST003'], ours: ['HOST002'], note: 'roswtf: not a local address; we: empty value' },
    {
      vars: { ROS_MASTER_URI: M, ROS_IP: '::1' },
      wtf: ['HOST003'],
      ours: ['HOST006'],
      note: 'roswtf lists IPv4 interfaces only unless ROS_IPV6=on; we ask for ROS_IPV6=on',
    },
    { vars: { ROS_MASTER_URI: M, ROS_IP: '10.255.255.1' }, wtf: ['HOST003'], ours: [] },
    { vars: { ROS_MASTER_URI: M, ROS_IP: '127.0.0.1' }, wtf: [], ours: [] },
    { vars: { ROS_MASTER_URI: M, ROS_HOSTNAME: 'no-such-host.invalid' }, wtf: ['HOST003'], ours: [] },
    {
      vars: { ROS_MASTER_URI: M, ROS_HOSTNAME: 'http://robot' },
      wtf: ['HOST003'],
      ours: ['HOST002'],
      note: 'roswtf: does not resolve; we: the scheme must go',
    },
    {
      vars: { ROS_MASTER_URI: M, ROS_HOSTNAME: `localhost:${port}` },
      wtf: ['HOST003'],
      ours: ['HOST002'],
      note: 'roswtf: does not resolve; we: the port must go',
    },
    {
      vars: { ROS_MASTER_URI: M, ROS_HOSTNAME: '' },
      wtf: ['HOST003'],
      ours: ['HOST002'],
      note: 'roswtf: does not resolve; we: empty (and it hides ROS_IP)',
    },
    { vars: { ROS_MASTER_URI: M, ROS_HOSTNAME: 'localhost' }, wtf: [], ours: [] },
  ];
}
const masterFor = (port: number) => `http://127.0.0.1:${port}`;

/** roswtf line → our code, for the URI/host checks only (ROS_ROOT, rosdep… are not networking). */
function mapWtf(line: string): string | undefined {
  if (/^invalid master URI: /.test(line)) return 'rosgraph';
  if (/ROS_MASTER_URI \[.*\] is not a valid URL: protocol is not 'http'/.test(line)) return 'URI001';
  if (/ROS_MASTER_URI \[.*\] is not a valid URL: (port number is missing|port number \[.*\] is invalid)/.test(line)) return 'URI002';
  if (/ROS_MASTER_URI \[.*\] is not a valid URL: (address is missing|invalid address string)/.test(line)) return 'URI003';
  if (/ROS_MASTER_URI is empty/.test(line)) return 'URI003';
  if (/Cannot resolve hostname in ROS_MASTER_URI/.test(line)) return 'URI004';
  if (/ROS_IP may be incorrect: .* contains whitespace/.test(line)) return 'HOST001';
  if (/ROS_(IP|HOSTNAME) may be incorrect: /.test(line)) return 'HOST003';
  return undefined;
}

function runRoswtf(vars: Record<string, string>): Promise<{ lines: string[]; raw: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'rosnet-wtf-'));
  for (const d of ['home', 'ros', 'log', 'cwd']) mkdirSync(join(dir, d));
  // A clean environment: no ROS_* from the machine, a writable ROS_HOME/LOG_DIR, no launch files in cwd.
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: join(dir, 'home'),
    ROS_HOME: join(dir, 'ros'),
    ROS_LOG_DIR: join(dir, 'log'),
    LANG: 'C.UTF-8',
    ...vars,
  };
  return new Promise((resolve, reject) => {
    execFile('roswtf', [], { cwd: join(dir, 'cwd'), env, timeout: 60_000, maxBuffer: 4 << 20 }, (err, stdout, stderr) => {
      rmSync(dir, { recursive: true, force: true });
      const raw = `${stdout}\n${stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
      if (err && (err as { killed?: boolean }).killed) return reject(new Error(`roswtf timed out for ${JSON.stringify(vars)}`));
      resolve({
        lines: raw
          .split('\n')
          .filter((l) => /^(WARNING|ERROR) |^invalid master URI: /.test(l))
          .map((l) => l.replace(/^(WARNING|ERROR) /, '')),
        raw,
      });
    });
  });
}

function ours(vars: Record<string, string>): string[] {
  const text = Object.entries(vars)
    .map(([k, v]) => `${k}="${v}"\n`)
    .join('');
  return [
    ...new Set(
      lintText('.env', text, { os: 'linux' })
        .findings.map((f) => f.code)
        .filter((c) => SYNTACTIC.includes(c)),
    ),
  ].sort();
}

test(
  'roswtf (Debian ros-core) and rosnet lint agree on ROS 1 URI/host values, or differ where documented',
  { timeout: 300_000 },
  async () => {
    assert.equal(
      spawnSync('sh', ['-c', 'command -v roswtf']).status,
      0,
      "'roswtf' not found: run bash scripts/ci/install-deps.sh (Debian ros-core)",
    );
    const port = await freePort();
    const M = masterFor(port);
    const measured = await mapLimit(cases(port), 2, async (c) => {
      const r = await runRoswtf(c.vars);
      // Offline: roswtf either reports the master as not running, or aborts on a URI rosgraph rejects.
      if (!/ROS Master does not appear to be running|invalid master URI/.test(r.raw))
        assert.fail(`port ${port} was free when the test started, but roswtf found a master on it (${JSON.stringify(c.vars)}):\n${r.raw}`);
      const wtf = [...new Set(r.lines.map(mapWtf).filter((x): x is string => !!x))].sort();
      return { c, wtf, ours: ours(c.vars), lines: r.lines.filter((l) => mapWtf(l)) };
    });

    const rows = measured.map((m) => {
      const key = Object.keys(m.c.vars).filter(
        (k) => k !== 'ROS_MASTER_URI' || Object.keys(m.c.vars).length === 1 || m.c.vars.ROS_MASTER_URI !== M,
      );
      const value = key.map((k) => `${k}=${JSON.stringify(m.c.vars[k])}`).join(' ');
      const syntacticWtf = m.wtf.filter((w) => w !== 'URI004' && w !== 'HOST003');
      const verdict =
        m.wtf.length === 0 && m.ours.length === 0
          ? 'both clean'
          : m.c.note
            ? 'differs (documented)'
            : syntacticWtf.length === 0 && m.ours.length === 0
              ? 'on-demand (rosnet doctor: DNS/interfaces)'
              : 'same';
      return { value, roswtf: m.wtf.join(',') || '—', ours: m.ours.join(',') || '—', verdict, why: m.c.note ?? '', m };
    });
    const w = (k: 'value' | 'roswtf' | 'ours' | 'verdict') => Math.max(k.length, ...rows.map((r) => r[k].length));
    const line = (r: Record<'value' | 'roswtf' | 'ours' | 'verdict' | 'why', string>) =>
      `${r.value.padEnd(w('value'))} | ${r.roswtf.padEnd(w('roswtf'))} | ${r.ours.padEnd(w('ours'))} | ${r.verdict.padEnd(w('verdict'))} | ${r.why}`;
    console.log(
      ['', line({ value: 'value', roswtf: 'roswtf', ours: 'ours', verdict: 'verdict', why: 'why' }), ...rows.map(line)].join('\n'),
    );
    for (const m of measured) console.log(`  ${JSON.stringify(m.c.vars)}: ${m.lines.join(' | ') || '(no URI/host finding)'}`);

    for (const r of rows) {
      const { c, wtf, ours: o } = r.m;
      assert.deepEqual(wtf, [...c.wtf].sort(), `roswtf on ${r.value}: ${r.m.lines.join(' | ')}`);
      assert.deepEqual(o, [...c.ours].sort(), `ours on ${r.value}`);
      if (c.note) continue;
      // Without a documented reason: every syntactic problem roswtf finds, we find with the same code;
      // what needs DNS/interfaces (URI004, HOST003) is rosnet doctor's; clean means clean for both.
      for (const code of wtf.filter((x) => x !== 'URI004' && x !== 'HOST003'))
        assert.ok(o.includes(code), `${r.value}: roswtf ${code}, ours ${o.join(',')}`);
      assert.deepEqual(
        o.filter((x) => !wtf.includes(x)),
        [],
        `${r.value}: we report more than roswtf without a documented reason`,
      );
    }
  },
);
