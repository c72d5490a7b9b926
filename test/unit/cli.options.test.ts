// The argument parsing every rosnet subcommand shares (src/cli/cliOptions.ts), and the messages the
// commands built on it give for bad arguments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { oneOf, parseCliArgs, positiveMs } from '../../src/cli/cliOptions';
import { main } from '../../src/cli/main';

const spec = { name: { type: 'string', short: 'n' }, json: { type: 'boolean' } } as const;

test('parseCliArgs: --opt value, --opt=value, -n value, flags, positionals in order, -- ends options', () => {
  assert.deepEqual(parseCliArgs(['a', '--name', 'x', 'b', '--json'], spec), { values: { name: 'x', json: true }, positionals: ['a', 'b'] });
  assert.deepEqual(parseCliArgs(['--name=--y'], spec).values, { name: '--y' });
  assert.deepEqual(parseCliArgs(['-n', 'z'], spec).values, { name: 'z' });
  assert.deepEqual(parseCliArgs(['--', '--json', '-'], spec), { values: {}, positionals: ['--json', '-'] });
});

test('parseCliArgs: a negative number is a positional (once), so the command can say what is wrong with it', () => {
  assert.deepEqual(parseCliArgs(['-1.5', 'b', '-7'], spec).positionals, ['-1.5', 'b', '-7']);
});

test('parseCliArgs: unknown option, missing value, value on a flag are usage errors with the option named', () => {
  for (const [args, msg] of [
    [['--bogus'], /^unknown option '--bogus'$/],
    [['-x'], /^unknown option '-x'$/],
    [['--name'], /^--name needs a value$/],
    [['--name', '--json'], /^--name needs a value$/],
    [['--json=1'], /^--json takes no value$/],
  ] as const)
    assert.throws(
      () => parseCliArgs([...args], spec),
      (e: Error) => e.name === 'UsageError' && msg.test(e.message),
      args.join(' '),
    );
});

test('oneOf and positiveMs word the allowed values', () => {
  assert.equal(oneOf('--f', undefined, ['a', 'b', 'c']), undefined);
  assert.equal(oneOf('--f', 'b', ['a', 'b', 'c']), 'b');
  assert.throws(() => oneOf('--f', 'x', ['a', 'b', 'c']), /^UsageError: --f must be one of a, b, c, got 'x'$/);
  assert.throws(() => oneOf('--ros', '3', ['1', '2']), /--ros must be 1 or 2, got '3'/);
  assert.equal(positiveMs('--timeout', undefined, 2000), 2000);
  assert.equal(positiveMs('--timeout', '250', 2000), 250);
  for (const bad of ['0', '-5', 'x', ''])
    assert.throws(() => positiveMs('--timeout', bad, 2000), /--timeout needs a positive number of milliseconds/);
});

test('probe, doctor, discover, multicast: bad arguments exit 2 with the message and the usage', async () => {
  for (const [argv, msg] of [
    [['probe', '--timeout', 'x', 'http://h:1'], /--timeout needs a positive number/],
    [['probe', '--timeout'], /--timeout needs a value/],
    [['probe', 'http://a:1', 'http://b:1'], /give one master URI/],
    [['probe', '--verbose'], /unknown option '--verbose'/],
    [['doctor', '--bogus'], /unknown option '--bogus'/],
    [['doctor', '--profile'], /--profile needs a value/],
    [['doctor', 'extra'], /unexpected argument 'extra'/],
    [['doctor', '--profile', 'a', '--env-file', 'b'], /either --profile or --env-file/],
    [['discover', '--bogus'], /unknown option '--bogus'/],
    [['discover', '--domain'], /--domain needs a value/],
    [['multicast', 'send', '--port'], /--port needs a value/],
  ] as const) {
    let err = '';
    const code = await main([...argv], { out: () => undefined, err: (t) => (err += t), cwd: process.cwd(), env: {} });
    assert.equal(code, 2, `${argv.join(' ')}: ${err}`);
    assert.match(err, msg);
    assert.match(err, new RegExp(`Usage: rosnet ${argv[0]}`));
  }
});
