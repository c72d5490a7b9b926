// The multi-machine tutorial on one host: rosmaster on 'hal', rostopic pub on 'marvin', two network
// namespaces joined by a veth pair. rostopic echo on hal is the data-flow oracle, roswtf the
// reference checker; `rosnet doctor --json` (the built CLI) runs on each machine with the
// scenario's environment. Writes docs/doctor-vs-roswtf.md from what it measured.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createNetnsPair, stopGracefully, type Machine, type NetnsPair } from '../helpers/netns';
import { requireRos } from '../helpers/rosProcesses';
import type { DoctorReport } from '../../src/core/doctor/types';

const root = join(__dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');
const TOPIC = '/chatter';

interface WtfFinding {
  readonly level: 'WARNING' | 'ERROR';
  readonly text: string;
}

/** Problems that are about the ROS installation, not the network (Debian's ros-core has no ROS_ROOT tree or rosdep). */
const NOT_NETWORK = /ROS_ROOT|ROS_PACKAGE_PATH|rosdep|ROS Python modules|ROS_HOME|ROS_LOG_DIR|ROS_TEST_RESULTS_DIR|ROSCONSOLE/;

export function parseRoswtf(output: string): WtfFinding[] {
  const out: Array<{ level: WtfFinding['level']; text: string }> = [];
  for (const raw of output.replace(/\x1b\[[0-9;]*m/g, '').split('\n')) {
    const line = raw.trimEnd();
    const m = /^(WARNING|ERROR) (.*)$/.exec(line);
    if (m) out.push({ level: m[1] as WtfFinding['level'], text: m[2]! });
    else if (/^ROS Master does not appear to be running/.test(line)) out.push({ level: 'ERROR', text: line });
    else if (/^ \* /.test(line) && out.length) out[out.length - 1]!.text += `\n${line}`;
  }
  return out.filter((f) => !NOT_NETWORK.test(f.text));
}

/** The doctor checks that must be non-ok for a roswtf finding to count as "also reported". */
function expectedChecks(f: WtfFinding): string[] {
  const t = f.text;
  const nodesIn = (re: RegExp) => [...t.matchAll(re)].map((m) => `nodes.ping:${m[1]}`);
  if (/^ROS_IP may be incorrect/.test(t)) return ['local.rosIp'];
  if (/^ROS_HOSTNAME may be incorrect/.test(t)) return ['local.rosHostname'];
  if (/^Local network configuration is invalid/.test(t)) return ['local.hostname'];
  if (/^Cannot resolve hostname in ROS_MASTER_URI/.test(t)) return ['master.resolve'];
  if (/^ROS_MASTER_URI .* is not a valid URL/.test(t)) return ['syntax.variables'];
  if (/ROS Master does not appear to be running|cannot contact ROS Master/.test(t)) return ['master.answers'];
  if (/^Could not contact the following nodes/.test(t)) return nodesIn(/^ \* (\S+)/gm);
  if (/^Errors connecting to the following services/.test(t)) return [...new Set(nodesIn(/service \[(\/[^/\]]+)\//g))];
  const lookup = /Master does not have lookup information for node \[(.*?)\]/.exec(t);
  if (lookup) return [`nodes.ping:${lookup[1]}`];
  throw new Error(`no doctor check is mapped to this roswtf finding; add one: ${t}`);
}

function problems(r: DoctorReport): string[] {
  return r.checks
    .filter((c) => c.verdict === 'warning' || c.verdict === 'error')
    .map((c) => `${c.verdict === 'error' ? '✗' : '⚠'} ${c.id}`);
}

function short(f: WtfFinding): string {
  return `${f.level === 'ERROR' ? '✗' : '⚠'} ${f.text.split('\n')[0]!.replace(/\.$/, '').slice(0, 110)}${f.text.includes('\n * ') ? ` (${f.text.split('\n * ').length - 1} listed)` : ''}`;
}

interface Row {
  scenario: string;
  machine: string;
  flow: string;
  roswtf: string[];
  doctor: string[];
}

test('network doctor vs roswtf on two namespaces: hal (rosmaster) and marvin (rostopic pub)', { timeout: 900_000 }, async (t) => {
  requireRos();
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  const net: NetnsPair = createNetnsPair();
  t.after(() => net.cleanup());
  const { hal, marvin } = net;
  net.setHosts(hal, { hal: hal.ip });
  // marvin knows hal, hal does not know marvin: the classic one-sided /etc/hosts.
  net.setHosts(marvin, { marvin: marvin.ip, hal: hal.ip });
  const masterUri = 'http://hal:11311';
  const halEnv = { ROS_MASTER_URI: masterUri, ROS_IP: hal.ip };
  const master = net.start(hal, ['rosmaster', '--core', '-p', '11311'], halEnv);
  t.after(() => stopGracefully(master, 2000));

  const systemState = (): string => {
    const script = `fetch(process.argv[1],{method:'POST',headers:{'Content-Type':'text/xml'},body:'<?xml version="1.0"?><methodCall><methodName>getSystemState</methodName><params><param><value>/t</value></param></params></methodCall>'}).then(r=>r.text()).then(t=>process.stdout.write(t),()=>process.exit(1))`;
    const r = net.run(hal, [process.execPath, '-e', script, `http://${hal.ip}:11311`], {}, { timeoutMs: 10_000 });
    return r.status === 0 ? r.stdout : '';
  };
  const waitFor = async (what: string, ok: () => boolean, timeoutMs = 60_000) => {
    const end = Date.now() + timeoutMs;
    while (!ok()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 300));
    }
  };
  await waitFor('rosmaster on hal', () => systemState() !== '');

  const doctor = (m: Machine, env: Record<string, string>): { report: DoctorReport; status: number | null } => {
    const r = net.run(m, [process.execPath, cli, 'doctor', '--json'], env, { cwd: root });
    assert.ok(r.stdout.trim().startsWith('{'), `doctor on ${m.name} printed JSON: ${r.stdout.slice(0, 500)} ${r.stderr}`);
    return { report: JSON.parse(r.stdout) as DoctorReport, status: r.status };
  };
  const roswtf = (m: Machine, env: Record<string, string>): WtfFinding[] => {
    const r = net.run(m, ['timeout', '120', 'roswtf'], env, { timeoutMs: 150_000 });
    assert.notEqual(r.status, 124, `roswtf on ${m.name} finished`);
    return parseRoswtf(`${r.stdout}\n${r.stderr}`);
  };
  /** rostopic echo -n 1 on hal: true when a message arrives within the window. */
  const echoReceives = (windowS: number): boolean => {
    const r = net.run(hal, ['timeout', String(windowS), 'rostopic', 'echo', '-n', '1', TOPIC], halEnv, {
      timeoutMs: (windowS + 30) * 1000,
    });
    return r.status === 0 && /data: "?hi/.test(r.stdout);
  };
  let talker: ChildProcess | undefined;
  const startTalker = async (env: Record<string, string>) => {
    talker = net.start(marvin, ['rostopic', 'pub', '-r', '5', TOPIC, 'std_msgs/String', 'data: hi', '__name:=talker'], env);
    await waitFor('the talker to register', () => systemState().includes('/talker<'));
  };
  const stopTalker = async () => {
    if (talker) await stopGracefully(talker);
    talker = undefined;
    await waitFor('the talker to unregister', () => !systemState().includes('/talker<'));
  };
  t.after(async () => {
    if (talker) await stopGracefully(talker, 2000);
  });

  const rows: Row[] = [];
  const compare = (scenario: string, m: Machine, flow: string, wtf: WtfFinding[], report: DoctorReport) => {
    // The subnet depends on the pid; the committed table must not change from run to run.
    const stable = (x: string) => x.replaceAll(`${net.subnet}.`, '10.231.X.');
    rows.push({ scenario, machine: m.name, flow, roswtf: wtf.map(short).map(stable), doctor: problems(report).map(stable) });
    for (const f of wtf) {
      const ids = expectedChecks(f);
      const flagged = ids.filter((id) => report.checks.some((c) => c.id === id && (c.verdict === 'warning' || c.verdict === 'error')));
      assert.deepEqual(
        flagged,
        ids,
        `${scenario} on ${m.name}: roswtf reports "${f.text}", the doctor must flag ${ids.join(', ')}; doctor: ${problems(report).join(', ')}`,
      );
    }
  };
  const check = (r: DoctorReport, id: string) => {
    const c = r.checks.find((x) => x.id === id);
    assert.ok(c, `check ${id} present: ${r.checks.map((x) => x.id).join(', ')}`);
    return c;
  };

  await t.test('1. correct setup (ROS_IP right on both): doctor all-ok on both, data flows', async () => {
    const env = { ROS_MASTER_URI: masterUri, ROS_IP: marvin.ip };
    await startTalker(env);
    assert.equal(echoReceives(30), true, 'rostopic echo on hal receives the message');
    const dm = doctor(marvin, env);
    const dh = doctor(hal, halEnv);
    assert.deepEqual(problems(dm.report), [], `marvin: ${JSON.stringify(dm.report.checks, null, 1)}`);
    assert.deepEqual(problems(dh.report), [], `hal: ${JSON.stringify(dh.report.checks, null, 1)}`);
    assert.equal(dm.status, 0);
    assert.equal(check(dh.report, 'nodes.ping:/talker').verdict, 'ok');
    compare('1 correct', marvin, 'yes', roswtf(marvin, env), dm.report);
    compare('1 correct', hal, 'yes', roswtf(hal, halEnv), dh.report);
    await stopTalker();
  });

  await t.test(
    '2. talker without ROS_IP/ROS_HOSTNAME, hostname hal cannot resolve: flagged on both sides; the fix makes data flow',
    async () => {
      const env = { ROS_MASTER_URI: masterUri };
      await startTalker(env);
      assert.equal(echoReceives(10), false, 'rostopic echo on hal receives nothing');
      const dm = doctor(marvin, env);
      const adv = check(dm.report, 'local.hostname');
      assert.equal(adv.verdict, 'warning');
      assert.match(adv.evidence.join('\n'), /marvin/);
      assert.deepEqual(adv.fix?.action, { kind: 'set-ros-ip', address: marvin.ip });
      const dh = doctor(hal, halEnv);
      const node = check(dh.report, 'nodes.ping:/talker');
      assert.equal(node.verdict, 'error');
      assert.match(node.evidence.join('\n'), /'marvin' does not resolve/);
      assert.match(node.fix?.title ?? '', /ROS_IP/);
      assert.equal(dh.status, 1);
      compare('2 no ROS_IP, unresolvable hostname', marvin, 'no', roswtf(marvin, env), dm.report);
      compare('2 no ROS_IP, unresolvable hostname', hal, 'no', roswtf(hal, halEnv), dh.report);
      // Apply the fix the doctor offered on marvin.
      await stopTalker();
      const fixed = { ...env, ROS_IP: adv.fix!.action!.address };
      await startTalker(fixed);
      assert.equal(echoReceives(30), true, 'after the fix, rostopic echo on hal receives the message');
      const after = doctor(hal, halEnv);
      assert.equal(check(after.report, 'nodes.ping:/talker').verdict, 'ok');
      compare('2 after the fix (ROS_IP from the doctor)', hal, 'yes', roswtf(hal, halEnv), after.report);
      await stopTalker();
    },
  );

  await t.test('3. ROS_IP set to an address that is not marvin’s: flagged by the doctor and by roswtf', async () => {
    const env = { ROS_MASTER_URI: masterUri, ROS_IP: `${net.subnet}.99` };
    await startTalker(env);
    assert.equal(echoReceives(10), false, 'rostopic echo on hal receives nothing');
    const dm = doctor(marvin, env);
    const ip = check(dm.report, 'local.rosIp');
    assert.equal(ip.verdict, 'error');
    assert.deepEqual(ip.fix?.action, { kind: 'set-ros-ip', address: marvin.ip });
    assert.equal(check(dm.report, 'reverse.advertised').verdict, 'error');
    const wtf = roswtf(marvin, env);
    assert.ok(
      wtf.some((f) => /^ROS_IP may be incorrect/.test(f.text)),
      `roswtf flags ROS_IP: ${JSON.stringify(wtf)}`,
    );
    compare('3 ROS_IP not marvin’s', marvin, 'no', wtf, dm.report);
    const dh = doctor(hal, halEnv);
    assert.equal(check(dh.report, 'nodes.ping:/talker').verdict, 'error');
    compare('3 ROS_IP not marvin’s', hal, 'no', roswtf(hal, halEnv), dh.report);
    await stopTalker();
  });

  await t.test('4. ROS_MASTER_URI=http://localhost:11311 on marvin: flagged before anything is run', async () => {
    const env = { ROS_MASTER_URI: 'http://localhost:11311', ROS_IP: marvin.ip };
    const dm = doctor(marvin, env);
    assert.equal(check(dm.report, 'syntax.topology').verdict, 'warning');
    assert.equal(check(dm.report, 'master.answers').verdict, 'error');
    assert.equal(dm.status, 1);
    compare('4 localhost master on marvin', marvin, 'n/a (nothing started)', roswtf(marvin, env), dm.report);
  });

  await t.test('5. every problem roswtf reported is reported by the doctor; the table goes to docs/doctor-vs-roswtf.md', () => {
    assert.ok(rows.length >= 8);
    const cell = (xs: string[]) => (xs.length ? xs.map((x) => x.replace(/\|/g, '\\|')).join('<br>') : '—');
    const md = [
      '# Network doctor vs roswtf',
      '',
      'Measured by `test/net/doctor.netns.test.ts` (generated; do not edit by hand): two network namespaces `hal` and `marvin` joined by a veth pair,',
      '`rosmaster` on hal, `rostopic pub -r 5 /chatter` (node `/talker`) on marvin, `rostopic echo -n 1 /chatter` on hal as the data-flow oracle.',
      'hal’s /etc/hosts knows only `hal`; marvin’s knows both. `rosnet doctor --json` and `roswtf` (offline and online checks) run on each machine with the scenario’s environment.',
      '',
      'roswtf findings about the installation rather than the network (ROS_ROOT, ROS_PACKAGE_PATH, rosdep — Debian’s ros-core has neither) are left out.',
      'Doctor column: the ids of the checks with a warning (⚠) or error (✗); see `rosnet doctor --help` and the README for what each checks.',
      '',
      '| Scenario | Run on | echo on hal gets data | roswtf | rosnet doctor |',
      '|---|---|---|---|---|',
      ...rows.map((r) => `| ${r.scenario} | ${r.machine} | ${r.flow} | ${cell(r.roswtf)} | ${cell(r.doctor)} |`),
      '',
      'Every problem roswtf reports maps to a doctor check that is flagged too (the test asserts it). Where roswtf is silent —',
      'a talker that advertises a hostname only its own machine resolves (scenario 2, run on marvin) and a localhost master next to a LAN ROS_IP',
      '(scenario 4, beyond "master not running") — the doctor still points at the cause and offers the fix.',
      '',
    ].join('\n');
    console.log(md);
    writeFileSync(join(root, 'docs', 'doctor-vs-roswtf.md'), md);
  });
});
