// A second, independent receiver beside the monitor for bench/rtps.bench.ts: binds the first free
// participant-index discovery port of the domain on 127.0.0.1 and joins the SPDP group on lo (as the
// monitor does) and prints, for
// every RTPS datagram, its GUID prefix and the CLOCK_MONOTONIC time it was read (process.hrtime is
// the same clock in every process), so arrival times do not depend on the monitor's event loop.
// It shares no code with what it measures.
import * as dgram from 'node:dgram';

const domain = Number(process.argv[2]);
const fromIndex = Number(process.argv[3] ?? 0);
const out: string[] = [];
const flush = () => {
  if (out.length) process.stdout.write(out.splice(0).join(''));
};
setInterval(flush, 5).unref();

function onMessage(m: Buffer): void {
  const t = process.hrtime.bigint();
  if (m.length < 20 || m.toString('latin1', 0, 4) !== 'RTPS') return;
  out.push(`${m.toString('hex', 8, 20)} ${t} ${m.length}\n`);
}

function tryBind(i: number): void {
  if (i > fromIndex + 20) {
    process.stderr.write('no free participant port\n');
    process.exit(1);
  }
  const port = 7410 + 250 * domain + 2 * i;
  const s = dgram.createSocket({ type: 'udp4', reuseAddr: false });
  s.once('error', () => {
    s.close();
    tryBind(i + 1);
  });
  s.bind(port, '127.0.0.1', () => {
    s.removeAllListeners('error');
    s.on('message', onMessage);
    // Fast DDS on 127.0.0.1 announces by multicast on lo; Cyclone on lo by unicast to the index ports.
    const mc = dgram.createSocket({ type: 'udp4', reuseAddr: true });
    mc.on('message', onMessage);
    mc.bind(7400 + 250 * domain, '0.0.0.0', () => {
      mc.addMembership('239.255.0.1', '127.0.0.1');
      process.stdout.write(`port ${port}\n`);
    });
  });
}
tryBind(fromIndex);
process.on('SIGTERM', () => {
  flush();
  process.exit(0);
});
