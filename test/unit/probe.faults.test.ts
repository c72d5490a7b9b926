// The probe against faults a real master cannot produce: each its own failure kind, no crash, no leak.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { probeMaster, type ProbeResult } from '../../src/core/probe/masterProbe';
import { Poller } from '../../src/core/probe/poller';
import {
  FAULT_XML,
  MALFORMED_XML,
  NO_METHOD_XML,
  WRONG_SHAPE_XML,
  hugeServer,
  replyServer,
  silentServer,
  tricklingServer,
  type Fault,
} from '../helpers/faultServers';
import { freePort } from '../harness/codeServer';

function resources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) counts[r] = (counts[r] ?? 0) + 1;
  return counts;
}

const cases: Array<[string, () => Promise<Fault | string>, ProbeResult extends infer _ ? string : never]> = [
  ['accepts and never answers', silentServer, 'timeout'],
  ['trickles bytes forever', tricklingServer, 'timeout'],
  ['plain HTTP server (HTML page)', () => replyServer('<html><body>hello</body></html>', { type: 'text/html' }), 'not-xmlrpc'],
  ['HTTP 404', () => replyServer('not found', { status: 404, type: 'text/plain' }), 'not-xmlrpc'],
  ['XML-RPC server without ROS methods', () => replyServer(NO_METHOD_XML), 'not-ros-master'],
  ['XML-RPC fault', () => replyServer(FAULT_XML), 'fault'],
  ['malformed XML', () => replyServer(MALFORMED_XML), 'malformed'],
  ['well-formed reply with the wrong shape', () => replyServer(WRONG_SHAPE_XML), 'malformed'],
  ['50 MB reply (size cap)', () => hugeServer(50 * 1024 * 1024), 'too-large'],
  ['a DNS name that does not resolve', async () => 'http://no-such-master.invalid:11311', 'dns'],
  ['a URI with a bad port', async () => 'http://127.0.0.1:99999', 'bad-uri'],
  ['a URI without a port', async () => 'http://127.0.0.1', 'bad-uri'],
  ['nothing listening', async () => `http://127.0.0.1:${await freePort()}`, 'refused'],
];

for (const [label, make, kind] of cases) {
  test(`probe failure kind: ${label} → ${kind}`, { timeout: 20_000 }, async () => {
    const f = await make();
    const uri = typeof f === 'string' ? f : f.uri;
    try {
      const heapBefore = process.memoryUsage().heapUsed;
      const r = await probeMaster(uri, { timeoutMs: 500, maxBytes: 1024 * 1024 });
      assert.equal(r.ok, false);
      if (!r.ok) {
        assert.equal(r.kind, kind, r.message);
        assert.ok(r.message.length > 5 && r.hint.length > 5);
      }
      assert.ok(process.memoryUsage().heapUsed - heapBefore < 30 * 1024 * 1024, 'the size cap keeps memory bounded');
    } finally {
      if (typeof f !== 'string') await f.close();
    }
  });
}

test('1,000 polls against the faults leave no sockets or timers behind', { timeout: 120_000 }, async () => {
  const faults = await Promise.all([
    silentServer(),
    tricklingServer(),
    replyServer('<html/>', { type: 'text/html' }),
    replyServer(NO_METHOD_XML),
    replyServer(FAULT_XML),
    replyServer(MALFORMED_XML),
    hugeServer(4 * 1024 * 1024),
  ]);
  const uris = [...faults.map((f) => f.uri), `http://127.0.0.1:${await freePort()}`, 'http://127.0.0.1:99999'];
  await new Promise((r) => setTimeout(r, 100));
  const before = resources();
  let polls = 0;
  const kinds = new Map<string, number>();
  // Several pollers at a fast cadence, as the view does for many profiles.
  await new Promise<void>((resolve) => {
    const pollers = uris.map(
      (uri) =>
        new Poller<ProbeResult>({
          probe: (signal) => probeMaster(uri, { timeoutMs: 60, maxBytes: 256 * 1024, signal }),
          ok: (r) => r.ok,
          intervalMs: 1,
          maxBackoffMs: 1,
          timeoutMs: 200,
          onResult: (r) => {
            if (!r.ok) kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + 1);
            if (++polls >= 1000) {
              for (const p of pollers) p.dispose();
              resolve();
            }
          },
        }),
    );
    for (const p of pollers) p.start();
  });
  await Promise.all(faults.map((f) => f.close()));
  await new Promise((r) => setTimeout(r, 300));
  const after = resources();
  const leaked = Object.entries(after).filter(([k, n]) => n > (before[k] ?? 0) - (k === 'TCPServerWrap' ? faults.length : 0));
  console.log(
    `  ${polls} polls: ${[...kinds].map(([k, n]) => `${k}×${n}`).join(', ')}; resources before ${JSON.stringify(before)} after ${JSON.stringify(after)}`,
  );
  assert.ok(polls >= 1000);
  assert.deepEqual(leaked, [], 'no sockets or timers left');
});
