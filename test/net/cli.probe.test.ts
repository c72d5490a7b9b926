// `rosnet probe` as users run it: plain node on the built bundle, against a real rosmaster.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../harness/codeServer';
import { startMaster } from '../helpers/rosProcesses';

const root = join(__dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');

test('rosnet probe: exit 0 and JSON for a real master, exit 1 for a closed port, 2 for usage errors', { timeout: 60_000 }, async () => {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  const master = await startMaster();
  try {
    const ok = spawnSync(process.execPath, [cli, 'probe', master.uri, '--json'], { encoding: 'utf8' });
    assert.equal(ok.status, 0, ok.stderr);
    const json = JSON.parse(ok.stdout);
    assert.equal(json.ok, true);
    assert.equal(typeof json.roundTripMs, 'number');
    assert.deepEqual(Object.keys(json.counts).sort(), ['nodes', 'publishers', 'services', 'subscribers', 'topics']);
    const text = spawnSync(process.execPath, [cli, 'probe', master.uri], { encoding: 'utf8' });
    assert.match(text.stdout, /reachable in [\d.]+ ms/);
    const closed = spawnSync(process.execPath, [cli, 'probe', `http://127.0.0.1:${await freePort()}`, '--timeout', '500'], {
      encoding: 'utf8',
    });
    assert.equal(closed.status, 1);
    assert.match(closed.stdout, /refused/);
    const closedJson = JSON.parse(
      spawnSync(process.execPath, [cli, 'probe', 'http://no-such.invalid:11311', '--json'], { encoding: 'utf8' }).stdout,
    );
    assert.equal(closedJson.kind, 'dns');
    assert.equal(spawnSync(process.execPath, [cli, 'probe'], { encoding: 'utf8', env: { PATH: process.env.PATH } }).status, 2);
    assert.equal(spawnSync(process.execPath, [cli, 'probe', master.uri, '--timeout', 'x'], { encoding: 'utf8' }).status, 2);
    assert.equal(spawnSync(process.execPath, [cli, 'nope'], { encoding: 'utf8' }).status, 2);
    // ROS_MASTER_URI is the default target.
    assert.equal(
      spawnSync(process.execPath, [cli, 'probe'], { encoding: 'utf8', env: { PATH: process.env.PATH, ROS_MASTER_URI: master.uri } }).status,
      0,
    );
  } finally {
    await master.kill();
  }
});
