// The probe against a real rosmaster, with real publishers/subscribers; rosnode/rostopic are the oracle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { probeMaster, masterDetails, lookupNode } from '../../src/core/probe/masterProbe';
import { Poller } from '../../src/core/probe/poller';
import type { ProbeResult } from '../../src/core/probe/masterProbe';
import { killTree, rosList, startMaster, startRosClient } from '../helpers/rosProcesses';

async function until<T>(what: string, fn: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

test('probe lists exactly the nodes and topics that rosnode/rostopic list report', { timeout: 90_000 }, async () => {
  const master = await startMaster();
  const pub = startRosClient(master.uri, ['rostopic', 'pub', '-r', '2', '/chatter', 'std_msgs/String', 'data: hello']);
  const echo = startRosClient(master.uri, ['rostopic', 'echo', '/chatter']);
  try {
    const r = await until('publisher and subscriber registered', async () => {
      const p = await probeMaster(master.uri, { timeoutMs: 2000 });
      return p.ok && p.counts.publishers >= 1 && p.counts.subscribers >= 1 ? p : undefined;
    });
    assert.ok(r.ok);
    const nodes = await rosList(master.uri, 'rosnode');
    const topics = await rosList(master.uri, 'rostopic');
    // rosnode list itself is not registered; compare after it ran, against a fresh probe.
    const again = await probeMaster(master.uri);
    assert.ok(again.ok);
    assert.deepEqual([...again.nodes], nodes);
    assert.deepEqual(again.topics.map((t) => t.name).sort(), topics);
    const chatter = again.topics.find((t) => t.name === '/chatter')!;
    assert.equal(chatter.publishers.length, 1);
    assert.equal(chatter.subscribers.length, 1);
    const details = await masterDetails(master.uri);
    assert.equal(details.pid, master.proc.pid);
    assert.equal(details.topicTypes.get('/chatter'), 'std_msgs/String');
    const nodeUri = await lookupNode(master.uri, chatter.publishers[0]!);
    assert.match(nodeUri, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    console.log(`  probe round trip ${again.roundTripMs.toFixed(2)} ms; nodes ${nodes.join(', ')}`);
  } finally {
    killTree(pub);
    killTree(echo);
    await master.kill();
  }
});

test('IPv6: http://[::1]:PORT reaches a master that listens on ::1', { timeout: 60_000 }, async () => {
  // rosmaster binds IPv6 when ROS_IPV6=on; start it that way on a free port.
  const { spawn } = await import('node:child_process');
  const { freePort } = await import('../harness/codeServer');
  const { rosEnv } = await import('../helpers/rosProcesses');
  const port = await freePort();
  const uri = `http://[::1]:${port}`;
  const proc = spawn('rosmaster', ['--core', '-p', String(port)], {
    env: rosEnv(uri, { ROS_IPV6: 'on', ROS_IP: '::1' }),
    stdio: 'ignore',
    detached: true,
  });
  try {
    const r = await until('IPv6 master up', async () => {
      const p = await probeMaster(uri, { timeoutMs: 1000 });
      return p.ok ? p : undefined;
    });
    assert.ok(r.ok);
  } finally {
    killTree(proc);
  }
});

test(
  'master killed: unreachable (refused) within one interval + timeout; restarted: reachable within one interval',
  { timeout: 90_000 },
  async () => {
    const intervalMs = 1000;
    const timeoutMs = 1000;
    let master = await startMaster();
    const port = master.port;
    let last: ProbeResult | undefined;
    const changes: Array<{ ok: boolean; at: number; kind?: string }> = [];
    const poller = new Poller<ProbeResult>({
      probe: (signal) => probeMaster(master.uri, { timeoutMs, signal }),
      ok: (r) => r.ok,
      intervalMs,
      timeoutMs: timeoutMs + 100,
      maxBackoffMs: intervalMs, // detection latency is measured at the steady interval
      onResult: (r) => {
        if (!last || last.ok !== r.ok) changes.push({ ok: r.ok, at: performance.now(), ...(r.ok ? {} : { kind: r.kind }) });
        last = r;
      },
    });
    try {
      poller.start();
      await until('first reachable', async () => (last?.ok ? true : undefined));
      const killedAt = performance.now();
      await master.kill();
      await until('unreachable', async () => (last && !last.ok ? true : undefined), 10_000);
      const down = changes.at(-1)!;
      const downMs = down.at - killedAt;
      assert.equal(down.kind, 'refused');
      assert.ok(downMs <= intervalMs + timeoutMs + 500, `down detected after ${downMs.toFixed(0)} ms`);
      const startedAt = performance.now();
      master = await startMaster(port);
      const upReadyMs = performance.now() - startedAt;
      await until('reachable again', async () => (last?.ok ? true : undefined), 10_000);
      const upMs = changes.at(-1)!.at - startedAt;
      assert.ok(
        upMs <= upReadyMs + intervalMs + 500,
        `up detected ${upMs.toFixed(0)} ms after start (master ready after ${upReadyMs.toFixed(0)} ms)`,
      );
      console.log(
        `  detection: down after ${downMs.toFixed(0)} ms (bound ${intervalMs + timeoutMs}), up ${upMs.toFixed(0)} ms after start with master ready at ${upReadyMs.toFixed(0)} ms (bound +${intervalMs})`,
      );
    } finally {
      poller.dispose();
      await master.kill();
    }
  },
);
