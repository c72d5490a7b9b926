import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { tcpPortOpen, zenohRouterEndpoint } from '../../../src/core/net/tcpPortOpen';

test('a listening loopback port is open; the same port closed is refused', async () => {
  const server = net.createServer((s) => s.destroy());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  assert.equal((await tcpPortOpen('127.0.0.1', port, 2000)).open, true);
  await new Promise((r) => server.close(r));
  assert.deepEqual(await tcpPortOpen('127.0.0.1', port, 2000), { open: false, error: 'ECONNREFUSED' });
});

test("the router endpoint comes from ZENOH_CONFIG_OVERRIDE's connect/endpoints, else tcp/localhost:7447", () => {
  assert.equal(zenohRouterEndpoint(undefined).text, 'tcp/localhost:7447');
  assert.deepEqual(zenohRouterEndpoint('mode="client";connect/endpoints=["tcp/192.168.1.5:7448"]'), {
    host: '192.168.1.5',
    port: 7448,
    text: 'tcp/192.168.1.5:7448',
  });
});
