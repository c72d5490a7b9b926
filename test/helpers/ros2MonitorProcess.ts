// Runs the passive monitor (or the graph probe) in a process of its own, so a test can start it
// inside a network namespace: `node --import <tsx> ros2MonitorProcess.ts --domain D [--interface IP]…
// [--loopback] [--graph] [--record FILE] [--lease-s N]` or `--ping ADDR:PORT [--timeout MS]`. Prints one JSON line per event:
// {"event":"ready",…}, {"event":"change","t":ms,"participants":[…]} and with --graph on SIGTERM
// {"event":"graph",…} before exiting. --record appends every datagram received (hex, one a line).
import { appendFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pingDiscoveryServer } from '../../src/core/rtps/discoveryServerPing';
import { createRos2GraphProbe } from '../../src/core/rtps/graphProbe';
import { createRos2Monitor } from '../../src/core/rtps/monitor';

const { values: v } = parseArgs({
  options: {
    domain: { type: 'string' },
    interface: { type: 'string', multiple: true },
    loopback: { type: 'boolean' },
    graph: { type: 'boolean' },
    record: { type: 'string' },
    'lease-s': { type: 'string' },
    ping: { type: 'string' },
    timeout: { type: 'string' },
  },
});
const print = (o: object) => process.stdout.write(`${JSON.stringify(o)}\n`);
const record = v.record ? (b: Uint8Array) => appendFileSync(v.record!, `${Buffer.from(b).toString('hex')}\n`) : undefined;
const common = { domain: Number(v.domain ?? 0), interfaces: v.interface, loopback: v.loopback === true, onDatagram: record };

if (v.ping) {
  const at = v.ping.lastIndexOf(':');
  void pingDiscoveryServer({ address: v.ping.slice(0, at), port: Number(v.ping.slice(at + 1)), timeoutMs: Number(v.timeout ?? 2000) }).then(
    (result) => {
      print({ event: 'ready' });
      print({ event: 'ping', result });
      process.exit(0);
    },
  );
} else if (v.graph) {
  const probe = createRos2GraphProbe({ ...common, leaseSeconds: v['lease-s'] ? Number(v['lease-s']) : undefined });
  void probe.ready.then(() => print({ event: 'ready', guid: probe.guid, problems: probe.problems() }));
  probe.onDidChange((g) => print({ event: 'change', t: Date.now(), nodes: g.nodes.length, topics: g.topics.length }));
  process.once('SIGTERM', () => {
    print({ event: 'graph', t: Date.now(), graph: probe.snapshot(), problems: probe.problems() });
    void probe.stop().then(() => process.exit(0));
  });
} else {
  const m = createRos2Monitor(common);
  void m.ready.then(() => print({ event: 'ready', listeners: m.snapshot().listeners, problems: m.snapshot().problems }));
  m.onDidChange((view) => print({ event: 'change', t: Date.now(), participants: view.participants }));
  process.once('SIGTERM', () => {
    print({ event: 'stats', datagrams: m.snapshot().datagrams, limits: m.snapshot().limits });
    m.dispose();
    process.exit(0);
  });
}
