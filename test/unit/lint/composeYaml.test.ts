// Compose files are read through the yaml library's document: anchors, aliases and merge keys.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText } from '../../../src/core/lint/lintEngine';

const dir = join(__dirname, '../../fixtures/lint-idioms');
const lint = (rel: string) => {
  const path = join(dir, rel);
  const text = readFileSync(path, 'utf8');
  return { text, findings: lintText(path, text, { os: 'linux' }).findings };
};

test('a value under an anchor is linted once, where it is written, for the services that merge or alias it', () => {
  const { text, findings } = lint('compose-anchors/docker-compose.yml');
  const dom = findings.filter((f) => f.code === 'DOM002');
  assert.equal(dom.length, 1, findings.map((f) => `${f.code} ${f.message}`).join('\n'));
  assert.equal(text.slice(dom[0]!.span.start, dom[0]!.span.end), '300');
  // The merge key itself is not an environment entry without a value.
  assert.deepEqual(
    findings.filter((f) => f.code === 'DC004').map((f) => text.slice(f.span.start, f.span.end)),
    [],
  );
  // The services inherit network_mode and ipc through the merge: no DC003 (shared memory) finding.
  assert.deepEqual(
    findings.filter((f) => f.code === 'DC003'),
    [],
  );
});

const summary = (rel: string) => {
  const { text, findings } = lint(`compose/${rel}`);
  return findings.map((f) => `${f.code} ${f.severity} ${text.slice(f.span.start, f.span.end)}`);
};

test('services that reach the master inside their network (own ipv4_address, service name) get an info about outside peers only', () => {
  assert.deepEqual(summary('multi-pc.yml'), ['DC001 info core', 'DC001 info face', 'DC001 info speech']);
  const { findings } = lint('compose/multi-pc.yml');
  assert.match(findings[0]!.message, /inside this compose network.*outside the network/);
  // An overlay network that happens to be called "bridge": the same.
  assert.deepEqual(summary('swarm.yml'), ['DC001 info mapper']);
});

test('a master outside the compose network: one DC001 warning (no HOST005 for the same cause), fixed by network_mode: host', () => {
  const { text, findings } = lint('compose/remote-master.yml');
  assert.deepEqual(
    findings.map((f) => `${f.code} ${f.severity}`),
    ['DC001 warning'],
  );
  const fix = findings[0]!.fixes!.find((x) => x.isPreferred)!;
  let fixed = text;
  for (const e of [...fix.edits].sort((a, b) => b.span.start - a.span.start))
    fixed = fixed.slice(0, e.span.start) + e.newText + fixed.slice(e.span.end);
  assert.match(fixed, /^ {4}network_mode: host$/m);
  assert.deepEqual(
    lintText('/w/compose.yaml', fixed, { os: 'linux' }).findings.map((f) => f.code),
    ['HOST005'],
  );
});

test('ros1_bridge services (a bridge image or both generations’ variables) get no PREC002; ROS1_DISTRO/ROS2_DISTRO are no typos', () => {
  assert.deepEqual(summary('ros1-bridge.yml'), []);
});

test('DC003 as the effective RMW says: warning for an official image without RMW, info for an image that may set its own, none for Cyclone', () => {
  assert.deepEqual(summary('host-dds.yml'), ['DC003 info host', 'DC003 warning host']);
  const { findings } = lint('compose/host-dds.yml');
  assert.match(findings[1]!.message, /^If the image does not set RMW_IMPLEMENTATION/);
});

test('ROS 2 launch YAML: an env list under an anchor is linted where it is written, for the nodes that alias it', () => {
  const text = [
    'launch:',
    '  - node:',
    '      pkg: demo_nodes_cpp',
    '      exec: talker',
    '      env: &robot_env',
    '        - name: ROS_DOMAIN_ID',
    "          value: '300'",
    '  - node:',
    '      pkg: demo_nodes_cpp',
    '      exec: listener',
    '      env: *robot_env',
    '',
  ].join('\n');
  const findings = lintText('/ws/bringup/launch/robot.launch.yaml', text, { os: 'linux' }).findings;
  const dom = findings.filter((f) => f.code === 'DOM002');
  assert.equal(dom.length, 1, findings.map((f) => `${f.code} ${f.message}`).join('\n'));
  assert.equal(text.slice(dom[0]!.span.start, dom[0]!.span.end), '300');
});
