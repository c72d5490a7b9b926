// Large, realistic source files for the lint benchmark and the CLI workspace: the shapes real ROS
// projects have (mostly unrelated content, some ROS variables, a few mistakes), repeated to a size.
import type { FileKind } from '../../src/core/lint/types';

export type GeneratedKind = Extract<
  FileKind,
  'dotenv' | 'ros1-launch' | 'ros2-launch-xml' | 'ros2-launch-yaml' | 'ros2-launch-py' | 'compose'
>;

export const FILE_NAMES: Record<GeneratedKind, string> = {
  dotenv: 'robot.env',
  'ros1-launch': 'robot.launch',
  'ros2-launch-xml': 'robot.launch.xml',
  'ros2-launch-yaml': 'robot.launch.yaml',
  'ros2-launch-py': 'robot.launch.py',
  compose: 'docker-compose.yml',
};

/** Repeats `unit(i)` between head and tail until the text reaches `bytes` (or `lines`). */
function fill(head: string, unit: (i: number) => string, tail: string, size: { bytes?: number; lines?: number }): string {
  const parts = [head];
  let bytes = head.length + tail.length;
  let lines = head.split('\n').length + tail.split('\n').length - 1;
  for (let i = 0; ; i++) {
    const u = unit(i);
    const ul = u.split('\n').length - 1;
    if (size.bytes !== undefined && bytes + u.length > size.bytes) break;
    if (size.lines !== undefined && lines + ul > size.lines) break;
    parts.push(u);
    bytes += u.length;
    lines += ul;
  }
  parts.push(tail);
  return parts.join('');
}

export function generate(kind: GeneratedKind, size: { bytes?: number; lines?: number }): string {
  switch (kind) {
    case 'dotenv':
      return fill(
        '# generated robot environment\nROS_MASTER_URI=http://hal:11311\nROS_IP=192.168.1.20\n',
        (i) =>
          `# service ${i}\nAPP_${i}_HOST=service-${i}.lab.local\nAPP_${i}_PORT=${8000 + (i % 1000)}\nexport APP_${i}_NAME="robot service ${i}"\n${i % 50 === 0 ? `ROS_DOMAIN_ID=${i % 100}\n` : ''}`,
        '',
        size,
      );
    case 'ros1-launch':
      return fill(
        '<launch>\n  <arg name="robot" default="hal"/>\n  <env name="ROS_MASTER_URI" value="http://hal:11311"/>\n',
        (i) =>
          `  <group ns="robot_${i}">\n    <node pkg="rospy_tutorials" type="talker.py" name="talker_${i}" output="screen">\n      <param name="rate" value="${i % 30}"/>\n      <remap from="chatter" to="chatter_${i}"/>\n${i % 20 === 0 ? `      <env name="ROS_IP" value="10.0.${i % 250}.2"/>\n` : ''}    </node>\n  </group>\n`,
        '</launch>\n',
        size,
      );
    case 'ros2-launch-xml':
      return fill(
        '<launch>\n  <set_env name="ROS_DOMAIN_ID" value="7"/>\n',
        (i) =>
          `  <node pkg="demo_nodes_cpp" exec="talker" name="talker_${i}" namespace="robot_${i}">\n    <param name="rate" value="${i % 30}"/>\n    <remap from="chatter" to="chatter_${i}"/>\n${i % 20 === 0 ? `    <env name="RMW_IMPLEMENTATION" value="rmw_cyclonedds_cpp"/>\n` : ''}  </node>\n`,
        '</launch>\n',
        size,
      );
    case 'ros2-launch-yaml':
      return fill(
        'launch:\n- set_env: {name: ROS_DOMAIN_ID, value: "7"}\n',
        (i) =>
          `- node:\n    pkg: demo_nodes_cpp\n    exec: talker\n    name: talker_${i}\n    namespace: robot_${i}\n    param:\n    - {name: rate, value: ${i % 30}}\n${i % 20 === 0 ? '    env:\n    - {name: RMW_IMPLEMENTATION, value: rmw_cyclonedds_cpp}\n' : ''}`,
        '',
        size,
      );
    case 'ros2-launch-py':
      return fill(
        "from launch import LaunchDescription\nfrom launch.actions import SetEnvironmentVariable\nfrom launch_ros.actions import Node\n\n\ndef generate_launch_description():\n    return LaunchDescription([\n        SetEnvironmentVariable('ROS_DOMAIN_ID', '7'),\n",
        (i) =>
          `        Node(\n            package='demo_nodes_cpp',\n            executable='talker',\n            name='talker_${i}',\n            namespace='robot_${i}',\n            parameters=[{'rate': ${i % 30}}],\n${i % 20 === 0 ? "            additional_env={'RMW_IMPLEMENTATION': 'rmw_cyclonedds_cpp'},\n" : ''}        ),\n`,
        '    ])\n',
        size,
      );
    case 'compose':
      return fill(
        'services:\n',
        (i) =>
          `  node_${i}:\n    image: ros:${i % 2 ? 'noetic-ros-core' : 'jazzy'}\n    command: sleep infinity\n    network_mode: host\n    environment:\n      ${i % 2 ? 'ROS_MASTER_URI: http://hal:11311' : `ROS_DOMAIN_ID: "${i % 100}"`}\n      APP_NAME: node_${i}\n`,
        '',
        size,
      );
  }
}
