// Per rule: inputs that must fire it and near-misses that must not (precision matters as much as recall).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { lintText, prepareLint } from '../../../src/core/lint/lintEngine';
import type { Finding, LintContext } from '../../../src/core/lint/types';
import { applyFixes } from '../../../src/core/lint/fixes/applyFixes';

const ctx: LintContext = { os: 'linux' };

before(() => prepareLint('shell'));
const withProfile = (vars: Record<string, string>): LintContext => ({
  os: 'linux',
  profile: { name: 'lab', variables: new Map(Object.entries(vars)) },
});

type Case = [file: string, text: string, c?: LintContext];
const codes = (file: string, text: string, c: LintContext = ctx) => lintText(file, text, c).findings.map((f) => f.code);

const FIRE: Record<string, Case[]> = {
  URI001: [
    ['.env', 'ROS_MASTER_URI=hal:11311\n'],
    ['.env', 'ROS_MASTER_URI=https://hal:11311\n'],
    ['a.launch', '<launch><node pkg="p" type="t" args="__master:=tcp://hal:11311"/></launch>'],
  ],
  URI002: [
    ['.env', 'ROS_MASTER_URI=http://hal\n'],
    ['.env', 'ROS_MASTER_URI=http://hal:99999\n'],
  ],
  URI003: [
    ['.env', 'ROS_MASTER_URI=http://::1:11311\n'],
    ['.env', 'ROS_MASTER_URI=http://:11311\n'],
  ],
  HOST001: [
    ['.env', 'ROS_IP=robot.local\n'],
    ['compose.yaml', 'services:\n  a:\n    environment:\n      ROS_IP: "my laptop"\n'],
  ],
  HOST002: [
    ['.env', 'ROS_HOSTNAME=http://robot\n'],
    ['.env', 'ROS_IP=\n'],
    ['.env', 'ROS_HOSTNAME=robot:11311\n'],
  ],
  HOST004: [
    ['.env', 'ROS_MASTER_URI=http://hal:11311\nROS_IP=127.0.0.1\n'],
    ['.env', 'ROS_MASTER_URI=http://10.0.0.1:11311\nROS_HOSTNAME=localhost\n'],
  ],
  HOST005: [['.env', 'ROS_MASTER_URI=http://hal:11311\n']],
  HOST006: [
    ['.env', 'ROS_IPV6=1\n'],
    ['.env', 'ROS_MASTER_URI=http://[fd00::1]:11311\nROS_IP=fd00::2\n'],
  ],
  PREC001: [['.env', 'ROS_MASTER_URI=http://hal:11311\nROS_HOSTNAME=laptop\nROS_IP=10.0.0.2\n']],
  PREC002: [
    ['.env', 'ROS_VERSION=2\nROS_MASTER_URI=http://hal:11311\n'],
    ['sim.launch.xml', '<launch><set_env name="ROS_IP" value="10.0.0.1"/></launch>'],
    ['.env', 'ROS_VERSION=2\nROS_NAMESPACE=/r1\n'],
  ],
  PREC004: [['.env', 'ROS_LOCALHOST_ONLY=1\nROS_AUTOMATIC_DISCOVERY_RANGE=SUBNET\n']],
  PREC005: [['.env', 'ROS_AUTOMATIC_DISCOVERY_RANGE=OFF\nROS_STATIC_PEERS=10.0.0.2\n']],
  DOM001: [
    ['.env', 'ROS_DOMAIN_ID=010\n'],
    ['.env', 'ROS_DOMAIN_ID=abc\n'],
    ['.env', 'ROS_DOMAIN_ID=5abc\n'],
    ['.env', 'ROS_DOMAIN_ID=-1\n'],
  ],
  DOM002: [['.env', 'ROS_DOMAIN_ID=233\n']],
  DOM003: [
    ['.env', 'ROS_DOMAIN_ID=150\n'],
    ['.env', 'ROS_DOMAIN_ID=200\n', { os: 'darwin' }],
  ],
  DISC001: [
    ['.env', 'ROS_LOCALHOST_ONLY=true\n'],
    ['.env', 'ROS_DISTRO=jazzy\nROS_LOCALHOST_ONLY=1\n'],
  ],
  DISC002: [
    ['.env', 'ROS_AUTOMATIC_DISCOVERY_RANGE=subnet\n'],
    ['.env', 'ROS_AUTOMATIC_DISCOVERY_RANGE=ON\n'],
  ],
  DISC003: [
    ['.env', 'ROS_DISTRO=humble\nROS_AUTOMATIC_DISCOVERY_RANGE=SUBNET\n'],
    ['compose.yaml', 'services:\n  a:\n    image: ros:humble\n    environment:\n      ROS_STATIC_PEERS: "10.0.0.1"\n'],
  ],
  DISC004: [
    ['.env', 'ROS_STATIC_PEERS="10.0.0.1,10.0.0.2"\n'],
    ['.env', "ROS_STATIC_PEERS='http://robot'\n"],
    ['.env', 'ROS_STATIC_PEERS="robot:7400"\n'],
  ],
  DISC005: [
    ['.env', 'RMW_IMPLEMENTATION=cyclonedds\n'],
    ['.env', 'RMW_IMPLEMENTATION=rmw_connext_cpp\n'],
  ],
  DISC006: [
    ['.env', 'ROS_DISCOVERY_SERVER=84.22.259.329:8888\n'],
    ['.env', 'ROS_SUPER_CLIENT=yes\n'],
    ['.env', 'FASTDDS_BUILTIN_TRANSPORTS=TCP\n'],
    ['.env', 'ROS_DISTRO=kilted\nFASTRTPS_DEFAULT_PROFILES_FILE=/p.xml\n'],
  ],
  DISC007: [
    ['.env', 'CYCLONEDDS_URI=http://config.local/cyclone.xml\n'],
    ['.env', 'CYCLONEDDS_URI=file:///etc/a.xml,ftp://x/b.xml\n'],
  ],
  DISC008: [
    ['.env', 'ROS_SECURITY_ENABLE=True\n'],
    ['.env', 'ROS_SECURITY_STRATEGY=enforce\n'],
  ],
  FMT001: [
    ['.env', 'ros_domain_id=7\n'],
    ['.env', 'ROS-DOMAIN-ID=7\n'],
    ['.env', 'ROS_DOMAIN_ID = 7\n'],
    ['.env', 'ROS_IP=1.2.3.4\nROS_IP=1.2.3.5\n'],
    ['.env', 'ROS_DOMAIN_ID=7'],
    ['.env', 'A=two words\n'],
  ],
  FMT002: [
    ['.env', 'ROS_DOMAINID=7\n'],
    ['.env', 'RMW_IMPLEMENTAION=rmw_cyclonedds_cpp\n'],
    ['.env', 'ROS_LOCAL_HOST_ONLY=1\n'],
  ],
  FMT003: [
    ['.env', 'export ROS_STATIC_PEERS=10.0.0.1;robot\n'],
    ['x.sh', 'export FASTDDS_BUILTIN_TRANSPORTS=LARGE_DATA?a=1&b=2\n'],
  ],
  FMT004: [
    ['.env', 'CYCLONEDDS_URI=file://$HOME/c.xml\n'],
    ['.env', 'A=abc#def\n'],
    ['.env', "A='${HOME}'\n"],
    ['.env', 'ROS_IP: 10.0.0.1\n'],
  ],
  FMT005: [
    ['sim.launch.xml', '<launch><env name="A" value="b"/></launch>'],
    ['a.launch', '<launch><machine name="m" address="a" ros-ip="1"/></launch>'],
    ['x.launch.py', "from launch_ros.actions import Node\nNode(package='p', executable='e', env={'A': 'b'})\n"],
    ['x.launch.py', "SetEnvironmentVariable('ROS_DOMAIN_ID', 7)\n"],
    ['x.launch.py', "AppendEnvironmentVariable('ROS_STATIC_PEERS', '10.0.0.2')\n"],
    ['a.launch', '<launch><env name="" value="x"/></launch>'],
    ['a.launch', '<launch><machine name="m" address="a" timeout="abc"/></launch>'],
  ],
  XF004: [
    ['/home/ada/.bashrc', 'export ROS_MASTER_URI=http://wrong:11311\n', withProfile({ ROS_MASTER_URI: 'http://hal:11311' })],
    ['/home/ada/.profile', 'ROS_HOSTNAME=old-laptop\nexport ROS_HOSTNAME\n', withProfile({ ROS_IP: '10.0.0.2' })],
  ],
  XF001: [
    [
      'a.launch',
      '<launch><node pkg="p" type="t"><env name="ROS_MASTER_URI" value="http://other:11311"/></node></launch>',
      withProfile({ ROS_MASTER_URI: 'http://hal:11311' }),
    ],
    ['x.launch.py', "SetEnvironmentVariable('ROS_DOMAIN_ID', '3')\n", withProfile({ ROS_DOMAIN_ID: '7' })],
  ],
  XF002: [
    ['a.launch', '<launch><machine name="r" address="robot.local"/></launch>', withProfile({ ROS_MASTER_URI: 'http://localhost:11311' })],
  ],
  DC001: [['compose.yaml', 'services:\n  talker:\n    image: ros:noetic\n    environment:\n      ROS_MASTER_URI: http://lab:11311\n']],
  DC002: [
    ['compose.yaml', 'services:\n  a:\n    network_mode: host\n    ports: ["80:80"]\n'],
    ['compose.yaml', 'services:\n  a:\n    network_mode: host\n    networks: [x]\n'],
  ],
  DC003: [['compose.yaml', 'services:\n  a:\n    image: ros:jazzy\n    network_mode: host\n']],
  DC004: [
    ['compose.yaml', 'services:\n  a:\n    environment:\n      ROS_SECURITY_ENABLE: true\n'],
    ['compose.yaml', 'services:\n  a:\n    environment:\n      - ROS_IP\n'],
  ],
};

const NEAR_MISS: Record<string, Case[]> = {
  URI001: [
    ['.env', 'ROS_MASTER_URI=http://hal:11311\n'],
    ['.env', 'ROS_MASTER_URI=http://$(hostname):11311\n'],
    ['a.launch', '<launch><node pkg="p" type="t" args="__master:=http://hal:11311"/></launch>'],
  ],
  URI002: [['.env', 'ROS_MASTER_URI=http://hal:11311/\n']],
  URI003: [['.env', 'ROS_MASTER_URI=http://[::1]:11311\nROS_IPV6=on\n']],
  HOST001: [
    ['.env', 'ROS_IP=192.168.1.20\n'],
    ['.env', 'ROS_IP=fd00::1\nROS_IPV6=on\n'],
    ['.env', 'ROS_HOSTNAME=robot.local\n'],
  ],
  HOST002: [
    ['.env', 'ROS_HOSTNAME=robot.local\n'],
    ['.env', 'ROS_IP=::1\nROS_IPV6=on\n'],
  ],
  HOST004: [
    ['.env', 'ROS_MASTER_URI=http://localhost:11311\nROS_IP=127.0.0.1\n'],
    ['.env', 'ROS_MASTER_URI=http://hal:11311\nROS_IP=10.0.0.2\n'],
  ],
  HOST005: [
    ['.env', 'ROS_MASTER_URI=http://localhost:11311\n'],
    ['.env', 'ROS_MASTER_URI=http://hal:11311\nROS_HOSTNAME=laptop\n'],
  ],
  HOST006: [
    ['.env', 'ROS_IPV6=on\n'],
    ['.env', 'ROS_IP=10.0.0.2\n'],
  ],
  PREC001: [
    ['.env', 'ROS_HOSTNAME=10.0.0.2\nROS_IP=10.0.0.2\n'],
    ['.env', 'ROS_IP=10.0.0.2\n'],
  ],
  PREC002: [
    ['.env', 'ROS_MASTER_URI=http://hal:11311\nROS_DOMAIN_ID=3\n'],
    ['.env', 'ROS_VERSION=1\nROS_MASTER_URI=http://localhost:11311\n'],
  ],
  PREC004: [
    ['.env', 'ROS_LOCALHOST_ONLY=0\nROS_AUTOMATIC_DISCOVERY_RANGE=SUBNET\n'],
    ['.env', 'ROS_LOCALHOST_ONLY=1\n'],
  ],
  PREC005: [['.env', 'ROS_AUTOMATIC_DISCOVERY_RANGE=SUBNET\nROS_STATIC_PEERS=10.0.0.2\n']],
  DOM001: [
    ['.env', 'ROS_DOMAIN_ID=0\n'],
    ['.env', 'ROS_DOMAIN_ID=42\n'],
    ['.env', 'ROS_DOMAIN_ID=\n'],
  ],
  DOM002: [
    ['.env', 'ROS_DOMAIN_ID=232\n'],
    ['.env', 'ROS_DOMAIN_ID=300\nRMW_IMPLEMENTATION=rmw_zenoh_cpp\n'],
  ],
  DOM003: [
    ['.env', 'ROS_DOMAIN_ID=101\n'],
    ['.env', 'ROS_DOMAIN_ID=215\n'],
    ['.env', 'ROS_DOMAIN_ID=150\n', { os: 'darwin' }],
  ],
  DISC001: [
    ['.env', 'ROS_DISTRO=humble\nROS_LOCALHOST_ONLY=1\n'],
    ['.env', 'ROS_LOCALHOST_ONLY=0\n'],
  ],
  DISC002: [['.env', 'ROS_AUTOMATIC_DISCOVERY_RANGE=SYSTEM_DEFAULT\n']],
  DISC003: [['.env', 'ROS_DISTRO=jazzy\nROS_AUTOMATIC_DISCOVERY_RANGE=SUBNET\n']],
  DISC004: [['.env', 'ROS_STATIC_PEERS="10.0.0.1;robot.local;192.168.0.0/24"\n']],
  DISC005: [['.env', 'RMW_IMPLEMENTATION=rmw_zenoh_cpp\n']],
  DISC006: [
    ['.env', 'ROS_DISCOVERY_SERVER="127.0.0.1:11811;;[::1]:11888"\n'],
    ['.env', 'ROS_SUPER_CLIENT=True\n'],
    ['.env', 'FASTDDS_BUILTIN_TRANSPORTS=LARGE_DATA?max_msg_size=1MB\n'],
  ],
  DISC007: [
    ['.env', 'CYCLONEDDS_URI=file:///etc/cyclone.xml\n'],
    // Cyclone opens a plain path as a file before it tries file:// (ddsi_config.c).
    ['.env', 'CYCLONEDDS_URI=/etc/cyclone.xml\n'],
    ['.env', 'CYCLONEDDS_URI=config/cyclonedds.xml\n'],
    ['.env', 'CYCLONEDDS_URI=file:///etc/a.xml,<CycloneDDS><Domain><Id>any</Id></Domain></CycloneDDS>\n'],
  ],
  DISC008: [['.env', 'ROS_SECURITY_ENABLE=true\nROS_SECURITY_STRATEGY=Enforce\n']],
  FMT001: [['.env', '# comment\nROS_DOMAIN_ID=7\n']],
  FMT002: [
    ['.env', 'ROS_DOMAIN_ID=7\nROS_PACKAGE_PATH=/opt\n'],
    ['.env', 'ROS1_DISTRO=noetic\nROS2_DISTRO=foxy\n'],
  ],
  FMT003: [
    ['.env', 'ROS_STATIC_PEERS="10.0.0.1;robot"\n'],
    ['.env', 'ROS_STATIC_PEERS=10.0.0.1;robot\n'],
    ['x.sh', 'export ROS_IP=192.168.0.105;\n'],
    ['x.sh', 'export ROS_STATIC_PEERS=10.0.0.1; shift\n'],
    ['x.sh', 'case "$1" in -p) ROS_STATIC_PEERS=$2;; esac\n'],
    ['x.sh', 'export ROS_IP=$(hostname -I | cut -d" " -f1)\n'],
  ],
  FMT004: [
    ['.env', 'CYCLONEDDS_URI=file://${HOME}/c.xml\n'],
    ['.env', 'A="abc#def"\n'],
  ],
  FMT005: [
    ['sim.launch.xml', '<launch><node pkg="p" exec="e"><env name="A" value="b"/></node></launch>'],
    [
      'x.launch.py',
      "Node(package='p', executable='e', additional_env={'A': 'b'})\nAppendEnvironmentVariable('ROS_STATIC_PEERS', '10.0.0.2', separator=';')\n",
    ],
  ],
  XF004: [
    // Same value, a value built from other variables, no profile, or not a start-up file.
    ['/home/ada/.bashrc', 'export ROS_MASTER_URI=http://hal:11311\n', withProfile({ ROS_MASTER_URI: 'http://hal:11311' })],
    ['/home/ada/.bashrc', 'export ROS_MASTER_URI=http://$MASTER:11311\n', withProfile({ ROS_MASTER_URI: 'http://hal:11311' })],
    ['/home/ada/.bashrc', 'export ROS_MASTER_URI=http://wrong:11311\n'],
    ['/home/ada/ws/setup_lab.sh', 'export ROS_MASTER_URI=http://wrong:11311\n', withProfile({ ROS_MASTER_URI: 'http://hal:11311' })],
    ['/home/ada/.zshrc', 'export ROS_HOSTNAME=10.0.0.2\n', withProfile({ ROS_IP: '10.0.0.2' })],
  ],
  XF001: [
    [
      'a.launch',
      '<launch><node pkg="p" type="t"><env name="ROS_MASTER_URI" value="http://hal:11311"/></node></launch>',
      withProfile({ ROS_MASTER_URI: 'http://hal:11311' }),
    ],
  ],
  XF002: [
    ['a.launch', '<launch><machine name="r" address="robot.local"/></launch>', withProfile({ ROS_MASTER_URI: 'http://hal:11311' })],
    ['a.launch', '<launch><machine name="r" address="localhost"/></launch>', withProfile({ ROS_MASTER_URI: 'http://localhost:11311' })],
  ],
  DC001: [
    [
      'compose.yaml',
      'services:\n  talker:\n    image: ros:noetic\n    network_mode: host\n    environment:\n      ROS_MASTER_URI: http://lab:11311\n      ROS_IP: 10.0.0.2\n',
    ],
    // Its own master (none named, or a loopback one).
    ['compose.yaml', 'services:\n  master:\n    image: ros:noetic\n    command: roscore\n'],
    ['compose.yaml', 'services:\n  a:\n    image: ros:noetic\n    environment:\n      ROS_MASTER_URI: http://localhost:11311\n'],
  ],
  DC002: [['compose.yaml', 'services:\n  a:\n    ports: ["80:80"]\n']],
  DC003: [
    ['compose.yaml', 'services:\n  a:\n    image: ros:jazzy\n    network_mode: host\n    ipc: host\n'],
    [
      'compose.yaml',
      'services:\n  a:\n    image: ros:jazzy\n    network_mode: host\n    environment:\n      RMW_IMPLEMENTATION: rmw_cyclonedds_cpp\n',
    ],
  ],
  DC004: [['compose.yaml', 'services:\n  a:\n    environment:\n      ROS_SECURITY_ENABLE: "true"\n']],
};

for (const [code, cases] of Object.entries(FIRE)) {
  test(`${code} fires`, () => {
    for (const [file, text, c] of cases)
      assert.ok(codes(file, text, c).includes(code), `${code} on ${file}: ${JSON.stringify(text)} → ${codes(file, text, c).join(',')}`);
  });
}
for (const [code, cases] of Object.entries(NEAR_MISS)) {
  test(`${code} stays quiet on near-misses`, () => {
    for (const [file, text, c] of cases)
      assert.ok(!codes(file, text, c).includes(code), `${code} must not fire on ${file}: ${JSON.stringify(text)}`);
  });
}

test('every required rule code has must-fire and near-miss cases', () => {
  const required = [
    'URI001',
    'URI002',
    'URI003',
    'HOST001',
    'HOST002',
    'HOST004',
    'HOST005',
    'HOST006',
    'PREC001',
    'PREC002',
    'PREC004',
    'PREC005',
    'DOM001',
    'DOM002',
    'DOM003',
    'DISC001',
    'DISC002',
    'DISC003',
    'DISC004',
    'DISC005',
    'DISC006',
    'DISC007',
    'DISC008',
    'FMT001',
    'FMT002',
    'FMT003',
    'FMT004',
    'FMT005',
    'XF001',
    'XF002',
    'XF004',
    'DC001',
    'DC002',
    'DC003',
    'DC004',
  ];
  for (const c of required) {
    assert.ok(FIRE[c]?.length, `${c} has must-fire cases`);
    assert.ok(NEAR_MISS[c]?.length, `${c} has near-miss cases`);
  }
});

test('clean real-world files get zero findings', () => {
  const dir = join(__dirname, '../../fixtures/lint');
  for (const f of ['good.env', 'ros2-good.env', 'clean.launch']) {
    const text = readFileSync(join(dir, f), 'utf8');
    assert.deepEqual(lintText(join(dir, f), text, ctx).findings, [], f);
  }
});

test('preferred quick fixes, applied and re-linted, remove what they fix', () => {
  const dir = join(__dirname, '../../fixtures/lint');
  for (const f of readdirSync(dir).filter((x) => statSync(join(dir, x)).isFile())) {
    let text = readFileSync(join(dir, f), 'utf8');
    const before = lintText(join(dir, f), text, ctx).findings;
    const fixable = (fs: readonly Finding[]) => fs.filter((x) => x.fixes?.some((q) => q.isPreferred));
    for (let round = 0; round < 5 && fixable(lintText(join(dir, f), text, ctx).findings).length; round++) {
      text = applyFixes(
        text,
        fixable(lintText(join(dir, f), text, ctx).findings).map((x) => x.fixes!.find((q) => q.isPreferred)!),
      );
    }
    const after = lintText(join(dir, f), text, ctx).findings;
    assert.deepEqual(
      fixable(after).map((x) => `${x.code} ${x.message}`),
      [],
      `${f}: fixes converge (before: ${before.length}, after: ${after.length})`,
    );
  }
});
