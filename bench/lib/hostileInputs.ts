// Inputs built to hit per-item costs: every line a quoted value, a finding or a duplicate, so a
// scan to the end of the file per item, or a line table rebuilt per finding, shows as quadratic time.
import type { FileKind } from '../../src/core/lint/types';

export type HostileKind =
  | 'dotenv-quoted'
  | 'dotenv-unterminated'
  | 'dotenv-colon'
  | 'dotenv-findings'
  | 'shell'
  | 'compose'
  | 'ros1-launch'
  | 'ros2-launch-xml'
  | 'ros2-launch-yaml'
  | 'ros2-launch-py'
  | 'devcontainer'
  | 'settings';

export const HOSTILE_KINDS: Record<HostileKind, { readonly kind: FileKind; readonly path: string; readonly label: string }> = {
  'dotenv-quoted': { kind: 'dotenv', path: '/ws/q.env', label: '.env, K="v" on every line' },
  'dotenv-unterminated': { kind: 'dotenv', path: '/ws/u.env', label: '.env, unterminated quote on every line' },
  'dotenv-colon': { kind: 'dotenv', path: '/ws/c.env', label: '.env, KEY:x with no = anywhere' },
  'dotenv-findings': { kind: 'dotenv', path: '/ws/f.env', label: '.env, invalid URI + duplicate key on every line' },
  shell: { kind: 'shell', path: '/ws/setup.sh', label: 'shell, export K="v" + findings' },
  compose: { kind: 'compose', path: '/ws/docker-compose.yml', label: 'compose, invalid URI per service' },
  'ros1-launch': { kind: 'ros1-launch', path: '/ws/r.launch', label: 'launch XML, invalid URI per env' },
  'ros2-launch-xml': { kind: 'ros2-launch-xml', path: '/ws/r.launch.xml', label: 'ROS 2 launch XML, out-of-range domain per set_env' },
  'ros2-launch-yaml': { kind: 'ros2-launch-yaml', path: '/ws/r.launch.yaml', label: 'launch YAML, invalid URI per env' },
  'ros2-launch-py': { kind: 'ros2-launch-py', path: '/ws/r.launch.py', label: 'launch Python, invalid URI per env' },
  devcontainer: { kind: 'devcontainer', path: '/ws/.devcontainer/devcontainer.json', label: 'devcontainer JSON, invalid URI per key' },
  settings: { kind: 'settings', path: '/ws/.vscode/settings.json', label: 'settings JSON, a profile with an invalid URI per entry' },
};

function repeat(head: string, unit: (i: number) => string, tail: string, bytes: number): string {
  const parts = [head];
  let size = head.length + tail.length;
  for (let i = 0; ; i++) {
    const u = unit(i);
    if (size + u.length > bytes) break;
    parts.push(u);
    size += u.length;
  }
  parts.push(tail);
  return parts.join('');
}

export function hostileInput(kind: HostileKind, bytes: number): string {
  switch (kind) {
    case 'dotenv-quoted':
      return repeat('', (i) => `K${i}="v"\n`, '', bytes);
    case 'dotenv-unterminated':
      return repeat('', (i) => `K${i}="v\n`, '', bytes);
    case 'dotenv-colon':
      return repeat('', (i) => `K${i}:x\n`, '', bytes);
    case 'dotenv-findings':
      return repeat('', () => `ROS_MASTER_URI=htp://bad host:99999\n`, '', bytes);
    case 'shell':
      return repeat('#!/bin/sh\n', (i) => `export ROS_MASTER_URI="htp://h${i}"\n`, '', bytes);
    case 'compose':
      return repeat(
        'services:\n',
        (i) => `  s${i}:\n    image: ros:noetic\n    environment:\n      ROS_MASTER_URI: "htp://h${i}"\n`,
        '',
        bytes,
      );
    case 'ros1-launch':
      return repeat('<launch>\n', (i) => `  <env name="ROS_MASTER_URI" value="htp://h${i}"/>\n`, '</launch>\n', bytes);
    case 'ros2-launch-xml':
      return repeat('<launch>\n', (i) => `  <set_env name="ROS_DOMAIN_ID" value="${300 + (i % 100)}"/>\n`, '</launch>\n', bytes);
    case 'ros2-launch-yaml':
      return repeat('launch:\n', (i) => `- set_env: {name: ROS_DOMAIN_ID, value: "${300 + (i % 100)}"}\n`, '', bytes);
    case 'ros2-launch-py':
      return repeat(
        'from launch import LaunchDescription\nfrom launch.actions import SetEnvironmentVariable\n\ndef generate_launch_description():\n    return LaunchDescription([\n',
        (i) => `        SetEnvironmentVariable('ROS_MASTER_URI', 'htp://h${i}'),\n`,
        '    ])\n',
        bytes,
      );
    case 'devcontainer':
      return repeat('{\n  "containerEnv": {\n', (i) => `    "ROS_MASTER_URI": "htp://h${i}",\n`, '    "X": "1"\n  }\n}\n', bytes);
    case 'settings':
      return profileSettings(bytes);
  }
}

/** `.vscode/settings.json` with a profile per line, each with an invalid master URI (a finding and a schema problem each). */
export function profileSettings(bytes: number): string {
  return repeat(
    '{\n  "rosNetwork.profiles": [\n',
    (i) => `    { "name": "p${i}", "ROS_MASTER_URI": "htp://h${i}:99999", "ROS_IP": "10.0.${i & 255}.1" },\n`,
    '    { "name": "last" }\n  ]\n}\n',
    bytes,
  );
}

/** A .env file of ROS_* variables to import as a profile (every key a distinct extra variable). */
export function importEnvFile(bytes: number): string {
  return repeat('ROS_MASTER_URI=http://hal:11311\n', (i) => `ROS_X_${i}="v ${i}" # note\n`, '', bytes);
}

/**
 * An XML-RPC reply that stays under the decoder's item and reference limits at any size: one long
 * string with a reference every 2 KB (so 32 MB holds 16,384 of them).
 */
export function xmlRpcStringReply(bytes: number): string {
  const head = '<?xml version="1.0"?><methodResponse><params><param><value><string>';
  const tail = '</string></value></param></params></methodResponse>';
  return repeat(head, (i) => `${'x'.repeat(2037)}&amp;&#${48 + (i % 10)};`, tail, bytes);
}

/** The env file the doctor reads: an invalid URI and a duplicate key on every line. */
export function doctorEnvFile(bytes: number): string {
  return repeat('', (i) => `ROS_MASTER_URI=htp://bad${i % 7} host\n`, '', bytes);
}
