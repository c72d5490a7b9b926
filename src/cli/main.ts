import { sanitizeForTerminal, sanitizeLines } from '../core/text/sanitize';
import { COMMANDS } from './commands/index';
import { isUsageError, type CliIo } from './cliTypes';

async function help(): Promise<string> {
  const commands = await Promise.all(COMMANDS.map((c) => c.load()));
  const width = Math.max(...commands.map((c) => c.name.length), 4);
  return [
    'rosnet: ROS network checks from the ROS Network VS Code extension',
    '',
    'Usage: rosnet <command> [options]',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'rosnet <command> --help' for a command's options.",
  ].join('\n');
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out((await help()) + '\n');
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    io.out(`${process.env.ROSNET_VERSION ?? 'dev'}\n`);
    return 0;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    io.err(`rosnet: unknown command '${sanitizeForTerminal(name)}'\n\n${await help()}\n`);
    return 2;
  }
  const cmd = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`Usage: ${cmd.usage}\n\n${cmd.summary}\n`);
    return 0;
  }
  // Messages quote arguments, file names and values: filtered line by line before the terminal.
  const err = (t: string) => io.err(sanitizeLines(t));
  try {
    return await cmd.run(rest, { ...io, err });
  } catch (e) {
    if (isUsageError(e)) {
      err(`rosnet ${cmd.name}: ${e.message}\nUsage: ${cmd.usage}\n`);
      return 2;
    }
    // Not the user's arguments (an unreadable file, a bug): a failure, but not a usage error.
    err(`rosnet ${cmd.name}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2), {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    env: process.env,
  }).then(
    (code) => {
      // Exit once the output is written, not when the event loop drains: a getaddrinfo that hangs
      // (an unreachable resolver) holds a thread-pool request the doctor has stopped waiting for.
      process.exitCode = code;
      process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
    },
    (e) => {
      process.stderr.write(`rosnet: ${String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
