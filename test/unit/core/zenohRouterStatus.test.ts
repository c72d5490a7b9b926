// The status bar's rmw_zenoh part from a real check: a TCP listener on 127.0.0.1 (port 0) plays the
// router's port; the label says only what was checked ("router port open"/"closed"/"not checked").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { tcpPortOpen } from '../../../src/core/net/tcpPortOpen';
import { ros2StatusPart } from '../../../src/core/status/ros2Status';
import { checkZenohRouter, zenohRouterTarget } from '../../../src/core/zenoh/routerTarget';

const noFiles = async () => undefined;

async function statusFor(vars: Record<string, string>, files: Record<string, string> = {}) {
  const t = await zenohRouterTarget(
    (n) => vars[n],
    async (p) => files[p],
  );
  const zenohRouter = await checkZenohRouter(t, tcpPortOpen, 1000);
  const v = new Map(Object.entries({ RMW_IMPLEMENTATION: 'rmw_zenoh_cpp', ...vars }));
  return { zenohRouter, part: ros2StatusPart(v, 0, { localAddresses: ['127.0.0.1'], zenohRouter }) };
}

test('status: router port open while a listener accepts, closed once it is gone', async () => {
  const server = net.createServer((s) => s.destroy());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  const vars = { ZENOH_CONFIG_OVERRIDE: `connect/endpoints=["tcp/127.0.0.1:${port}"];mode="client"` };
  const open = await statusFor(vars);
  assert.deepEqual(open.zenohRouter, { endpoint: `tcp/127.0.0.1:${port}`, open: true });
  assert.equal(open.part.suffix, ' · router port open');
  assert.match(open.part.lines[0]!, /handshake is not checked/);
  await new Promise((r) => server.close(r));
  const closed = await statusFor(vars);
  assert.deepEqual(closed.zenohRouter, { endpoint: `tcp/127.0.0.1:${port}`, open: false, error: 'ECONNREFUSED' });
  assert.equal(closed.part.suffix, ' · router port closed');
  assert.equal(closed.part.tone, 'warning');
});

test('status: the session config file’s connect/endpoints are the target when the override has none', async () => {
  const t = await zenohRouterTarget(
    (n) => ({ ZENOH_SESSION_CONFIG_URI: '/z/session.json5' })[n],
    async () => `{ connect: { endpoints: ["tcp/192.0.2.7:7448"] } } // JSON5`,
  );
  assert.deepEqual(t, {
    kind: 'tcp',
    host: '192.0.2.7',
    port: 7448,
    text: 'tcp/192.0.2.7:7448',
    from: '/z/session.json5 connect/endpoints',
    notes: [],
  });
  const fallback = await zenohRouterTarget(() => undefined, noFiles);
  assert.equal(fallback.kind === 'tcp' && fallback.text, 'tcp/localhost:7447');
});

test('status: non-TCP endpoints are "not checked", not reported as the default port', async () => {
  const s = await statusFor({ ZENOH_CONFIG_OVERRIDE: 'connect/endpoints=["udp/192.0.2.7:7447"]' });
  assert.equal(s.zenohRouter.open, undefined);
  assert.equal(s.part.suffix, ' · router not checked');
  assert.match(s.part.lines[0]!, /udp\/192\.0\.2\.7:7447.*not TCP/);
});
