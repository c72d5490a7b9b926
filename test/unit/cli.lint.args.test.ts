// `rosnet lint` / `rosnet ports` argument handling and the port table, without spawning a process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { parseLintArgs } from '../../src/cli/commands/lint';
import { buildPortTable } from '../../src/core/ros/portTable';

function run(argv: string[], cwd = process.cwd()) {
  let out = '';
  let err = '';
  return main(argv, { out: (t) => (out += t), err: (t) => (err += t), cwd, env: {} }).then((code) => ({ code, out, err }));
}

test('parseLintArgs: formats, --opt=value, -- ends options', () => {
  assert.deepEqual(parseLintArgs([]), { paths: [], format: 'text' });
  assert.deepEqual(parseLintArgs(['a', '--format', 'sarif', '--ros=2', '--profile', 'lab', '--os', 'darwin', 'b']), {
    paths: ['a', 'b'],
    format: 'sarif',
    profile: 'lab',
    ros: 2,
    os: 'darwin',
  });
  assert.deepEqual(parseLintArgs(['--format=json', '--', '--weird.env']), { paths: ['--weird.env'], format: 'json' });
});

test('usage errors exit 2 with a message naming the problem', async () => {
  for (const [argv, msg] of [
    [['lint', '--format', 'xml'], /--format must be one of text, json, sarif/],
    [['lint', '--format'], /--format needs a value/],
    [['lint', '--ros', '3'], /--ros must be 1 or 2/],
    [['lint', '--os', 'beos'], /--os must be one of linux, darwin, win32/],
    [['lint', '--bogus'], /unknown option '--bogus'/],
    [['lint', '--online'], /--online needs --profile NAME/],
    [['lint', 'no/such/dir'], /no such file or folder: no\/such\/dir/],
    [['ports'], /give one domain ID/],
    [['ports', '233'], /whole number 0–232/],
    [['ports', '-1'], /whole number 0–232/],
    [['ports', '1.5'], /whole number 0–232/],
    [['ports', 'abc'], /whole number 0–232/],
    [['ports', '7', '--os', 'plan9'], /--os must be one of/],
  ] as const) {
    const r = await run([...argv]);
    assert.equal(r.code, 2, `${argv.join(' ')}: ${r.err}`);
    assert.match(r.err, msg);
  }
});

test('--profile: unknown name exits 2 and lists the profiles of .vscode/settings.json', async () => {
  const root = mkdtempSync(join(tmpdir(), 'rosnet-prof-'));
  try {
    mkdirSync(join(root, '.vscode'));
    writeFileSync(
      join(root, '.vscode', 'settings.json'),
      '{\n  // JSONC\n  "rosNetwork.profiles": [{ "name": "lab", "ROS_MASTER_URI": "http://hal:11311" }, { "name": "sim", "ROS_DOMAIN_ID": 7 }, { "name": "bad", "ROS_DOMAIN_ID": "x" },],\n}\n',
    );
    const r = await run(['lint', '--profile', 'robot'], root);
    assert.equal(r.code, 2);
    assert.match(r.err, /no profile 'robot'.*profiles: lab, sim/);
    assert.match(r.err, /invalid: rosNetwork\.profiles\[2\]\.ROS_DOMAIN_ID \('bad'\)/);
    // A known profile lints; the settings file itself is linted too (the invalid profile is an error).
    const ok = await run(['lint', '--profile', 'lab'], root);
    assert.equal(ok.code, 1);
    assert.match(ok.out, /settings\.json:3:\d+: error DOM001/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('--profile NAME --online adds URI004/HOST003 for that profile only, in .vscode/settings.json; without --online none', async () => {
  // Real resolver and interfaces: a .invalid name never resolves (RFC 6761), 10.255.255.1 is not on this machine.
  const root = mkdtempSync(join(tmpdir(), 'rosnet-online-'));
  try {
    mkdirSync(join(root, '.vscode'));
    const bad = { ROS_MASTER_URI: 'http://no-such-host.invalid:11311', ROS_IP: '10.255.255.1' };
    writeFileSync(
      join(root, '.vscode', 'settings.json'),
      JSON.stringify(
        {
          'rosNetwork.profiles': [
            { name: 'other', ...bad },
            { name: 'here', ...bad },
          ],
        },
        null,
        2,
      ),
    );
    writeFileSync(join(root, 'robot.env'), 'ROS_DOMAIN_ID=5\n');
    const rows = (out: string) =>
      (JSON.parse(out) as Array<{ file: string; line: number; code: string }>).map((x) => `${x.file}:${x.line} ${x.code}`);
    const offline = await run(['lint', '--profile', 'here', '--format', 'json', 'robot.env'], root);
    assert.deepEqual(rows(offline.out), []);
    const online = await run(['lint', '--profile', 'here', '--online', '--format', 'json', 'robot.env'], root);
    assert.equal(online.code, 0, online.err);
    // 'here' is the second profile: lines 10 and 11 of the pretty-printed file, not 5 and 6 ('other').
    assert.deepEqual(rows(online.out), ['.vscode/settings.json:10 URI004', '.vscode/settings.json:11 HOST003']);
    const all = await run(['lint', '--profile', 'here', '--online', '--format', 'json'], root);
    assert.deepEqual(
      rows(all.out),
      ['.vscode/settings.json:10 URI004', '.vscode/settings.json:11 HOST003'],
      'merged into the linted settings.json once',
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('port table: the documented numbers (ros-network-env.md §2)', () => {
  const t0 = buildPortTable(0, 'linux');
  assert.deepEqual(
    [t0.discoveryMulticast, t0.userMulticast, t0.participants[0]!.discoveryUnicast, t0.participants[0]!.userUnicast, t0.maxParticipants],
    [7400, 7401, 7410, 7411, 120],
  );
  const t101 = buildPortTable(101, 'linux');
  assert.equal(t101.maxParticipants, 54);
  assert.deepEqual(t101.participants[53], { participant: 53, discoveryUnicast: 32766, userUnicast: 32767 });
  assert.deepEqual(t101.participants[54], { participant: 54, discoveryUnicast: 32768, userUnicast: 32769, clash: 'ephemeral' });
  assert.equal(buildPortTable(232, 'linux').maxParticipants, 63);
  assert.equal(buildPortTable(232, 'linux').participants[62]!.userUnicast, 65535);
  assert.equal(buildPortTable(166, 'darwin').maxParticipants, 120);
  assert.equal(buildPortTable(167, 'win32').safe, false);
  assert.equal(buildPortTable(150, 'linux').safe, false);
  assert.equal(buildPortTable(1, 'linux').participants[120]!.clash, 'next-domain');
  // A narrowed /proc range moves the limit.
  assert.equal(buildPortTable(101, 'linux', { lo: 40000, hi: 60999 }).maxParticipants, 120);
  assert.throws(() => buildPortTable(233, 'linux'), RangeError);
  for (let d = 0; d <= 232; d++) assert.equal(buildPortTable(d, 'linux').safe, d <= 101 || d >= 215, `domain ${d}`);
});

test('rosnet ports prints the table and exits 0 safe / 1 unsafe', async () => {
  const r = await run(['ports', '101', '--os', 'linux']);
  assert.equal(r.code, 0);
  assert.match(r.out, /multicast {2}discovery 32650 {2}user 32651/);
  assert.match(r.out, /at most 54 ROS 2 processes/);
  const j = await run(['ports', '150', '--os=darwin', '--json']);
  assert.equal(j.code, 0);
  assert.equal(JSON.parse(j.out).maxParticipants, 120);
  assert.equal((await run(['ports', '150', '--os', 'linux'])).code, 1);
});
