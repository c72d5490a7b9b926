import { readFile } from 'node:fs/promises';
import { parseEphemeralRange, type PortRange, type TargetOs } from './domain';

export const EPHEMERAL_RANGE_FILE = '/proc/sys/net/ipv4/ip_local_port_range';

const readText = (path: string) => readFile(path, 'utf8').catch(() => undefined);

/**
 * This host's configured ephemeral port range, when the OS asked about is Linux and this host runs
 * it (macOS and Windows keep their defaults); undefined when that does not apply or the file is
 * missing or unreadable.
 */
export async function readHostEphemeralRange(
  os: TargetOs,
  platform: string = process.platform,
  read: (path: string) => Promise<string | undefined> = readText,
): Promise<PortRange | undefined> {
  if (os !== 'linux' || platform !== 'linux') return undefined;
  const text = await read(EPHEMERAL_RANGE_FILE);
  return text === undefined ? undefined : parseEphemeralRange(text);
}
