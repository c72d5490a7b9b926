// Child process of bench/rtps.bench.ts: the passive monitor alone in a process, so its CPU is not
// mixed with the benchmark's bookkeeping. Rounds of four windows: the monitor, a bare socket bound
// and joined the same way that only counts datagrams (the floor: Node's UDP receive path for the same
// traffic), an empty timer firing as often as the datagrams arrived (what waking Node that often
// costs, with no socket at all), and neither (idle). One JSON line per round.
import * as dgram from 'node:dgram';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRos2Monitor } from '../../src/core/rtps/monitor';
import { fakeSocketFactory } from '../../test/helpers/fakeDgram';

const [domain, windowMs, rounds] = process.argv.slice(2, 5).map(Number) as [number, number, number];
/** The interface address to join the SPDP group on (the benchmark's veth). */
const iface = process.argv[5]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const monitorOptions = { domain, interfaces: [iface] };

/**
 * An extension host runs the monitor for hours, with its code optimised by V8; a fresh process at 15
 * datagrams/s would be measured in the interpreter for minutes. Real recorded datagrams through a
 * throwaway monitor (same code, fake sockets) warm it first.
 */
async function warmUp(): Promise<void> {
  const seeds = readFileSync(join(__dirname, '..', '..', 'test', 'fixtures', 'rtps', 'recorded.hex'), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => Uint8Array.from(Buffer.from(l, 'hex')));
  const f = fakeSocketFactory();
  const m = createRos2Monitor({ ...monitorOptions, socketFactory: f.factory });
  await m.ready;
  for (let i = 0; i < 20_000; i++) f.sockets[0]!.deliver(seeds[i % seeds.length]!);
  m.dispose();
}

async function bareSocket(): Promise<{ count: () => number; close(): void }> {
  let n = 0;
  const s = dgram.createSocket({ type: 'udp4', reuseAddr: true });
  s.on('message', () => n++);
  await new Promise<void>((r) => s.bind(7400 + 250 * domain, '0.0.0.0', () => r()));
  s.addMembership('239.255.0.1', iface);
  return { count: () => n, close: () => s.close() };
}

async function window(): Promise<number> {
  const c0 = cpuMs();
  const t0 = performance.now();
  await sleep(windowMs);
  return (100 * (cpuMs() - c0)) / (performance.now() - t0);
}

async function main(): Promise<void> {
  await warmUp();
  console.log(JSON.stringify({ ready: true }));
  // The parent starts the participants, then says go.
  await new Promise<void>((r) => process.stdin.once('data', () => r()));
  for (let k = 0; k < rounds; k++) {
    const m = createRos2Monitor(monitorOptions);
    await m.ready;
    // Every participant re-announces within 8 s: the table is full before the window opens.
    await sleep(9000);
    const d0 = m.snapshot().datagrams;
    const monitorPct = await window();
    const v = m.snapshot();
    m.dispose();
    const bare = await bareSocket();
    await sleep(500);
    const b0 = bare.count();
    const barePct = await window();
    const bareDatagrams = bare.count() - b0;
    bare.close();
    const perSecond = bareDatagrams / (windowMs / 1000);
    const tick = setInterval(() => {}, 1000 / Math.max(perSecond, 0.1));
    const wakePct = await window();
    clearInterval(tick);
    const idlePct = await window();
    console.log(
      JSON.stringify({
        monitorPct,
        barePct,
        wakePct,
        idlePct,
        participants: v.participants.length,
        datagrams: v.datagrams - d0,
        bareDatagrams,
      }),
    );
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
