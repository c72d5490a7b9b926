// The doctor lints variables with its own light entry into the lint rules (no XML/YAML parsers
// loaded); it must report exactly what the lint engine reports for the same text.
import { before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText, prepareLint } from '../../../src/core/lint/lintEngine';
import type { LintContext } from '../../../src/core/lint/types';
import { DEFAULT_EPHEMERAL } from '../../../src/core/ros/domain';
import { envDialect, lintEnvText } from '../../../src/core/doctor/envLint';
import { syntheticDotenv } from '../../../src/core/doctor/syntaxChecks';

const root = join(__dirname, '..', '..', '..');
const FILES = [
  'test/fixtures/lint/bad.env',
  'test/fixtures/lint/good.env',
  'test/fixtures/lint/ros2-good.env',
  'test/fixtures/lint/setup_robot.sh',
  'test/fixtures/lint-host/robot.env',
  'test/fixtures/lint-host/sim.env',
  'test/fixtures/lint-host/scripts/setup_robot.sh',
  'test/fixtures/lint-host/ignored/bad.env',
  'test/fixtures/lint-cli/.env',
];

/** Texts a user could write, each hitting different rules (format, values, combinations). */
const TEXTS = [
  'ROS_MASTER_URI=http://localhost:11311\nROS_IP=192.168.1.10\n',
  'ROS_MASTER_URI = http://hal:11311\nros_ip=10.0.0.2\nROS_HOSTNAME=\nROS_IP=10.0.0.3',
  'export ROS_MASTER_URI=http://hal:11311;echo hi\nROS_DOMAIN_ID=010\nRMW_IMPLEMENTATION=rmw_cyclone_cpp\n\n\n\nROS_LOCALHOST_ONLY=1  \n',
  'ROS_DOMAIN_ID=233\nROS_AUTOMATIC_DISCOVERY_RANGE=subnet\nROS_STATIC_PEERS="a;b"\nROS_VERSION=2\nROS_DISTRO=noetic\n',
  "ROS_MASTER_URI='http://$HOST:11311'\nROS_IP=$MY_IP\nROS_IPV6=yes\nROS_MASTER_URI: http://x:1\n",
  'ROS_MASTRE_URI=http://hal:11311\nROS_IP="unterminated\n',
  syntheticDotenv(
    new Map([
      ['ROS_MASTER_URI', 'http://[fe80::1]:11311'],
      ['ROS_IP', 'not an ip'],
      ['ROS_DISTRO', 'humble'],
    ]),
  ),
];

const CONTEXTS: LintContext[] = [
  { ros: 1, os: 'linux', ephemeral: DEFAULT_EPHEMERAL.linux },
  { ros: 2, os: 'darwin', distro: 'jazzy' },
  { os: 'win32', profile: { name: 'lab', variables: new Map([['ROS_MASTER_URI', 'http://localhost:11311']]) } },
];

before(() => prepareLint('shell'));

test('the doctor’s lint entry reports exactly what lintText reports, on real files and written texts', () => {
  let compared = 0;
  const cases = [
    ...FILES.map((p) => ({ path: p, text: readFileSync(join(root, p), 'utf8') })),
    ...TEXTS.map((text, i) => ({ path: `case${i}.env`, text })),
    ...TEXTS.map((text, i) => ({ path: `case${i}.sh`, text })),
  ];
  for (const c of cases) {
    const dialect = envDialect(c.path);
    for (const ctx of CONTEXTS) {
      const expected = lintText(c.path, c.text, ctx, dialect).findings;
      assert.deepEqual(lintEnvText(c.text, dialect, ctx), expected, `${c.path} with ${JSON.stringify(ctx)}`);
      compared += expected.length;
    }
  }
  assert.ok(compared > 50, `only ${compared} findings compared: the cases no longer exercise the rules`);
});

test('envDialect: shell scripts by name, everything else is a .env', () => {
  assert.equal(envDialect('scripts/setup_robot.sh'), 'shell');
  assert.equal(envDialect('/home/u/.bashrc'), 'shell');
  assert.equal(envDialect('C:\\robot\\env.zsh'), 'shell');
  assert.equal(envDialect('robot.env'), 'dotenv');
  assert.equal(envDialect('.env.local'), 'dotenv');
  assert.equal(envDialect('vars.txt'), 'dotenv');
});

test('binary and huge texts are not linted, as in the engine', () => {
  assert.deepEqual(lintEnvText('ROS_IP=1\0', 'dotenv', { os: 'linux' }), lintText('x.env', 'ROS_IP=1\0', { os: 'linux' }).findings);
});
