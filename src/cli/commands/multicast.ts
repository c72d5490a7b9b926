import { localAddresses } from '../../core/net/addresses';
import { isIpv4Literal } from '../../core/ros/ipLiteral';
import {
  receiveMulticast,
  ROS2_MULTICAST_GROUP,
  ROS2_MULTICAST_MESSAGE,
  ROS2_MULTICAST_PORT,
  sendMulticast,
} from '../../core/multicast/multicastPing';
import { nodeUdpSockets } from '../../core/multicast/udpSocket';
import { sanitizeForTerminal } from '../../core/text/sanitize';
import { UsageError, type CliCommand } from '../cliTypes';
import { parseCliArgs } from '../cliOptions';

const DEFAULT_TIMEOUT_MS = 10_000;

function parse(args: readonly string[]) {
  const { values, positionals } = parseCliArgs(args, {
    group: { type: 'string' },
    port: { type: 'string' },
    interface: { type: 'string' },
    timeout: { type: 'string' },
  });
  if (positionals.length !== 1 || (positionals[0] !== 'send' && positionals[0] !== 'receive'))
    throw new UsageError("give 'send' or 'receive'");
  const group = values.group ?? ROS2_MULTICAST_GROUP;
  const first = Number(group.split('.')[0]);
  if (!isIpv4Literal(group) || first < 224 || first > 239)
    throw new UsageError(`--group must be an IPv4 multicast address (224–239.x.x.x), got '${group}'`);
  const port = values.port === undefined ? ROS2_MULTICAST_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`--port must be 1–65535, got '${values.port}'`);
  if (values.interface !== undefined && !isIpv4Literal(values.interface))
    throw new UsageError(`--interface takes this machine's IPv4 address, got '${values.interface}'`);
  const timeoutMs = values.timeout === undefined ? DEFAULT_TIMEOUT_MS : Number(values.timeout);
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new UsageError('--timeout needs a positive number of milliseconds');
  return { mode: positionals[0], group, port, timeoutMs, ...(values.interface ? { interfaceAddress: values.interface } : {}) };
}

export const multicastCommand: CliCommand = {
  name: 'multicast',
  usage: 'rosnet multicast send|receive [--group G] [--port P] [--interface ADDR] [--timeout MS]',
  summary: `Two-machine multicast test, compatible with 'ros2 multicast' ('${ROS2_MULTICAST_MESSAGE}' to ${ROS2_MULTICAST_GROUP}:${ROS2_MULTICAST_PORT}; exit 0 sent/received, 1 failed or nothing within the timeout, 2 usage).`,
  async run(args, io) {
    const o = parse(args);
    const at = `${o.group}:${o.port}${o.interfaceAddress ? ` on ${o.interfaceAddress}` : ''}`;
    if (o.mode === 'send') {
      const r = await sendMulticast(o, nodeUdpSockets);
      if (r.ok) {
        io.out(`Sent one UDP multicast datagram to ${at}: '${ROS2_MULTICAST_MESSAGE}'\n`);
        return 0;
      }
      io.err(`${r.advice.problem}\n${r.advice.fix}\n`);
      return 1;
    }
    io.out(`Waiting for a UDP multicast datagram on ${at} (up to ${o.timeoutMs} ms)…\n`);
    const r = await receiveMulticast({ ...o, interfaces: localAddresses() }, nodeUdpSockets);
    if (r.ok) {
      // Anyone on the LAN can send here: the text is shown with control and bidi characters escaped.
      io.out(`Received from ${r.from.address}:${r.from.port}: '${sanitizeForTerminal(r.data.toString('utf8'))}'\n`);
      return 0;
    }
    io.err(`${r.step === 'remote' ? `Nothing received within ${o.timeoutMs} ms. ` : ''}${r.advice.problem}\n${r.advice.fix}\n`);
    return 1;
  },
};
