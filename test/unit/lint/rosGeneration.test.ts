// A file's ROS generation comes from the file first; the active profile only when the file says
// nothing. The extension's own "Copy Profile As…" output must lint clean under any profile.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText, prepareLint } from '../../../src/core/lint/lintEngine';
import { renderExport, type ExportFormat } from '../../../src/core/env/exportFormats';
import { planProfileEnv } from '../../../src/core/env/envPlan';
import { parseProfiles } from '../../../src/core/profiles/parseProfiles';
import type { LintContext } from '../../../src/core/lint/types';

const { profiles } = parseProfiles(
  [
    { name: 'lab', ROS_MASTER_URI: 'http://hal:11311', ROS_IP: '192.168.1.10' },
    { name: 'sim', ROS_DOMAIN_ID: 7, ROS_AUTOMATIC_DISCOVERY_RANGE: 'SUBNET', RMW_IMPLEMENTATION: 'rmw_cyclonedds_cpp' },
    { name: 'robot', ROS_HOSTNAME: 'robot.local', ROS_MASTER_URI: 'http://robot.local:11311' },
  ],
  'workspace',
);
const contexts: Record<string, LintContext> = {
  'no profile': { os: 'linux' },
  'a ROS 1 profile': { os: 'linux', ros: 1, profile: { name: 'lab', variables: profiles[0]!.variables } },
  'a ROS 2 profile': { os: 'linux', ros: 2, profile: { name: 'sim', variables: profiles[1]!.variables } },
};
// The shell output is linted by the tree-sitter parser, which loads asynchronously.
before(() => prepareLint('shell'));

const FILES: Record<Exclude<ExportFormat, 'docker'>, string> = {
  dotenv: '/w/robot.env',
  'dotenv-python': '/w/robot.python.env',
  'dotenv-node': '/w/robot.node.env',
  shell: '/w/profile.sh',
  compose: '/w/compose.yaml',
};

test('Copy Profile As output (.env, shell, compose) lints clean for ROS 1 and ROS 2 profiles, whatever the active profile', () => {
  assert.equal(profiles.length, 3);
  for (const p of profiles)
    for (const [format, file] of Object.entries(FILES) as Array<[Exclude<ExportFormat, 'docker'>, string]>) {
      let text = renderExport(planProfileEnv(p), format);
      // The compose block is an `environment:` to paste into a service.
      if (format === 'compose')
        text = `services:\n  app:\n    image: example/app\n    network_mode: host\n    ipc: host\n${text.replace(/^(?!$)/gm, '    ')}`;
      for (const [what, ctx] of Object.entries(contexts)) {
        const found = lintText(file, text, ctx).findings.map((f) => `${f.code} ${f.message}`);
        assert.deepEqual(found, [], `${p.name} as ${format} under ${what}:\n${text}`);
      }
    }
});

test('a ROS 1 .env gets the same verdict under a ROS 1 and a ROS 2 profile; ROS_VERSION in the file decides', () => {
  const ros1 = 'ROS_MASTER_URI=http://hal:11311\nROS_IP=192.168.1.10\n';
  for (const ctx of Object.values(contexts)) assert.deepEqual(lintText('/w/.env', ros1, ctx).findings, []);
  const said = 'ROS_VERSION=2\nROS_MASTER_URI=http://hal:11311\n';
  for (const ctx of Object.values(contexts))
    assert.deepEqual(
      lintText('/w/.env', said, ctx).findings.map((f) => f.code),
      ['PREC002'],
    );
});

test('a file with both generations’ variables (a ros1_bridge setup) is valid', () => {
  const bridge = 'ROS_MASTER_URI=http://ros-master:11311\nROS_HOSTNAME=bridge\nROS_DOMAIN_ID=3\n';
  for (const ctx of Object.values(contexts)) assert.deepEqual(lintText('/w/bridge.env', bridge, ctx).findings, []);
});
