// The two files the keystroke benchmark types into: a ROS 1 launch file and a shell script of the
// shapes real robot projects have (per-robot groups with machines, includes, params, rosparam blocks;
// a bring-up script with functions, exports, case, loops, docker run lines and heredocs). Each has one
// `ROS_IP` value near the middle, the place the benchmark edits, marked by EDIT_MARK.

/** The value the benchmark edits; it occurs once in each generated file. */
export const EDIT_IP = '10.42.0.7';

function repeatTo(lines: number, head: string, unit: (i: number) => string, middle: string, tail: string): string {
  const out: string[] = [head];
  let n = head.split('\n').length - 1 + tail.split('\n').length - 1 + middle.split('\n').length - 1;
  let placed = false;
  for (let i = 0; ; i++) {
    const u = unit(i);
    const ul = u.split('\n').length - 1;
    if (n + ul > lines) break;
    if (!placed && n >= lines / 2) {
      out.push(middle);
      placed = true;
    }
    out.push(u);
    n += ul;
  }
  if (!placed) out.push(middle);
  out.push(tail);
  return out.join('');
}

/** A ROS 1 launch file of about `lines` lines. */
export function launchFile(lines: number): string {
  const head = `<?xml version="1.0"?>
<!-- Fleet bring-up: one group per robot, drivers on the robots, planners on the base station. -->
<launch>
  <arg name="fleet_size" default="24"/>
  <arg name="use_sim_time" default="false"/>
  <arg name="base_station" default="base.lab.local"/>
  <arg name="map_file" default="$(find fleet_maps)/maps/warehouse.yaml"/>
  <param name="/use_sim_time" value="$(arg use_sim_time)"/>
  <env name="ROS_MASTER_URI" value="http://$(arg base_station):11311"/>
  <env name="ROSCONSOLE_FORMAT" value="[\${severity}] [\${time}] [\${node}]: \${message}"/>
  <machine name="base" address="$(arg base_station)" env-loader="/opt/fleet/env.sh" default="true"/>
  <node pkg="map_server" type="map_server" name="map_server" args="$(arg map_file)" output="screen"/>
`;
  const unit = (i: number) => `
  <!-- robot_${i}: differential drive, lidar, camera -->
  <machine name="robot_${i}" address="robot-${i}.lab.local" user="fleet" env-loader="/opt/fleet/env.sh" timeout="10"/>
  <group ns="robot_${i}">
    <arg name="robot_${i}_model" default="$(find fleet_description)/urdf/robot.urdf.xacro"/>
    <param name="robot_description" command="$(find xacro)/xacro $(arg robot_${i}_model) prefix:=robot_${i}_"/>
    <param name="tf_prefix" value="robot_${i}"/>
    <node machine="robot_${i}" pkg="robot_state_publisher" type="robot_state_publisher" name="state_publisher">
      <param name="publish_frequency" value="${20 + (i % 30)}.0"/>
    </node>
    <node machine="robot_${i}" pkg="fleet_driver" type="base_driver" name="base_driver" respawn="true" respawn_delay="2">
      <param name="port" value="/dev/ttyUSB${i % 4}"/>
      <param name="baud" value="115200"/>
      <rosparam>
        wheel_separation: 0.${40 + (i % 20)}
        wheel_radius: 0.0${5 + (i % 4)}
        pid: {p: 1.${i % 10}, i: 0.0${i % 10}, d: 0.${i % 7}}
      </rosparam>
      <remap from="cmd_vel" to="/robot_${i}/cmd_vel_mux/output"/>
    </node>
    <node machine="robot_${i}" pkg="urg_node" type="urg_node" name="lidar">
      <param name="ip_address" value="192.168.${i % 200}.10"/>
      <param name="frame_id" value="robot_${i}_laser"/>
    </node>
    <include file="$(find fleet_navigation)/launch/move_base.launch">
      <arg name="robot" value="robot_${i}"/>
      <arg name="odom_topic" value="/robot_${i}/odom"/>
    </include>
    <node pkg="amcl" type="amcl" name="amcl" output="log">
      <param name="initial_pose_x" value="${(i * 1.5).toFixed(1)}"/>
      <param name="initial_pose_y" value="${((i % 7) * 2.0).toFixed(1)}"/>
      <remap from="scan" to="/robot_${i}/scan"/>
    </node>
  </group>
`;
  const middle = `
  <!-- The base station's own nodes advertise its lab address. -->
  <group ns="base_station">
    <env name="ROS_IP" value="${EDIT_IP}"/>
    <node pkg="fleet_manager" type="dispatcher" name="dispatcher" output="screen"/>
  </group>
`;
  return repeatTo(lines, head, unit, middle, '</launch>\n');
}

/** A bash bring-up script of about `lines` lines. */
export function shellScript(lines: number): string {
  const head = `#!/usr/bin/env bash
# Fleet bring-up on the base station: containers per robot, environment for the operators' shells.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "\${BASH_SOURCE[0]}")" && pwd)"
LOG_DIR="\${LOG_DIR:-/var/log/fleet}"
export ROS_MASTER_URI=http://base.lab.local:11311
export ROSCONSOLE_FORMAT='[\${severity}] [\${time}]: \${message}'
mkdir -p "$LOG_DIR"

log() { printf '%s %s\\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }
`;
  const unit = (i: number) => `
# --- robot_${i} -------------------------------------------------------------
start_robot_${i}() {
  local name="robot_${i}"
  local image="\${FLEET_IMAGE:-registry.lab.local/fleet/driver:noetic}"
  local port=$((11400 + ${i}))
  if docker ps --format '{{.Names}}' | grep -q "^\${name}$"; then
    log "\${name} already running"
    return 0
  fi
  docker run -d --rm --name "\${name}" --network host \\
    -e ROS_MASTER_URI="$ROS_MASTER_URI" -e ROS_HOSTNAME=robot-${i}.lab.local \\
    -e ROBOT_ID=${i} -v "$SCRIPT_DIR/config/\${name}:/config:ro" \\
    "$image" roslaunch fleet_driver driver.launch robot:="\${name}" port:=\${port}
  cat > "$LOG_DIR/\${name}.env" <<EOF
ROBOT=\${name}
PORT=\${port}
STARTED=$(date -Is)
EOF
}
case "\${1:-all}" in
  robot_${i}|all) start_robot_${i} || log "robot_${i} failed" ;;
  stop) docker stop "robot_${i}" 2>/dev/null || true ;;
esac
for sensor in lidar camera imu; do
  [[ -e "/dev/fleet/robot_${i}_\${sensor}" ]] && log "robot_${i}: \${sensor} present"
done
`;
  const middle = `
# Operators' shells on the base station advertise its lab address.
export ROS_IP=${EDIT_IP}
export ROS_HOSTNAME_CHECK=1
`;
  return repeatTo(lines, head, unit, middle, '\nlog "fleet up"\n');
}
