/**
 * The ROS networking variables this extension knows, with what they mean and which ROS generation
 * reads them. Hovers, lint messages and the profile schema are all derived from this table.
 */
export type RosGeneration = 1 | 2;

export interface RosVariable {
  readonly name: string;
  /** Which ROS generation reads it; undefined = both / tooling. */
  readonly ros?: RosGeneration;
  readonly summary: string;
  readonly precedence?: string;
  /** Set in a network profile (shown in the Create Profile flow and the manifest schema). */
  readonly profileKey?: boolean;
}

export const ROS_VARIABLES: readonly RosVariable[] = [
  {
    name: 'ROS_MASTER_URI',
    ros: 1,
    profileKey: true,
    summary: 'XML-RPC URI of the ROS 1 master, `http://HOST:11311`. Every node of one system must use the same master.',
    precedence:
      '`__master:=` > `ROS_MASTER_URI` > `http://localhost:11311/` (rospy only; roscpp aborts). Inside roslaunch: node `<env>` > the launch master > inherited env.',
  },
  {
    name: 'ROS_HOSTNAME',
    ros: 1,
    profileKey: true,
    summary: 'Name (or address) this machine advertises to the master and to peers. All other machines must resolve it.',
    precedence: '`__hostname:=`/`__ip:=` > `ROS_HOSTNAME` > `ROS_IP` > `gethostname()`.',
  },
  {
    name: 'ROS_IP',
    ros: 1,
    profileKey: true,
    summary: 'Literal IP address this machine advertises. Ignored when `ROS_HOSTNAME` is set.',
    precedence: '`ROS_HOSTNAME` wins over `ROS_IP`.',
  },
  { name: 'ROS_IPV6', ros: 1, profileKey: true, summary: 'Only the exact value `on` enables IPv6 in rospy.' },
  { name: 'ROS_NAMESPACE', summary: 'Default node namespace (ROS 1 only; not supported by ROS 2).' },
  {
    name: 'ROS_DOMAIN_ID',
    ros: 2,
    profileKey: true,
    summary:
      'DDS domain: nodes only discover nodes in the same domain. It fixes the UDP ports (7400 + 250·D). Valid 0–232; safe 0–101 (and 215–232 on Linux).',
    precedence: 'Unset or empty = domain 0. Parsed by rcl with strtoul(…, 0): `010` is octal 8.',
  },
  {
    name: 'ROS_AUTOMATIC_DISCOVERY_RANGE',
    ros: 2,
    profileKey: true,
    summary: 'How far automatic discovery reaches: `SUBNET` (default), `LOCALHOST`, `OFF`, `SYSTEM_DEFAULT`. Iron and later.',
    precedence: '`ROS_LOCALHOST_ONLY=1` overrides it. Any other value falls back to LOCALHOST.',
  },
  {
    name: 'ROS_STATIC_PEERS',
    ros: 2,
    profileKey: true,
    summary: '`;`-separated hosts/IPs to discover in addition to automatic discovery. Iron and later.',
    precedence: 'Ignored when the range is `OFF` (and `SYSTEM_DEFAULT` on Cyclone DDS).',
  },
  {
    name: 'ROS_LOCALHOST_ONLY',
    ros: 2,
    profileKey: true,
    summary: 'Deprecated since Iron. Only a value starting with `1` enables localhost-only discovery.',
    precedence: 'When enabled it overrides `ROS_AUTOMATIC_DISCOVERY_RANGE` and `ROS_STATIC_PEERS`.',
  },
  {
    name: 'RMW_IMPLEMENTATION',
    ros: 2,
    profileKey: true,
    summary:
      'The ROS 2 middleware: `rmw_fastrtps_cpp` (default), `rmw_cyclonedds_cpp`, `rmw_connextdds`, `rmw_gurumdds_cpp`, `rmw_zenoh_cpp`.',
  },
  { name: 'ROS_DISCOVERY_SERVER', ros: 2, profileKey: true, summary: 'Fast DDS discovery server list, `;`-separated `IP[:port]` entries.' },
  {
    name: 'ROS_SUPER_CLIENT',
    ros: 2,
    profileKey: true,
    summary: 'Fast DDS: make this participant a super client of the discovery server (`true`/`false`).',
  },
  {
    name: 'CYCLONEDDS_URI',
    ros: 2,
    profileKey: true,
    summary: 'Cyclone DDS configuration: `file:///path.xml` or an inline `<CycloneDDS>` fragment.',
  },
  {
    name: 'FASTRTPS_DEFAULT_PROFILES_FILE',
    ros: 2,
    profileKey: true,
    summary: 'Fast DDS 2.x XML profiles file (renamed `FASTDDS_DEFAULT_PROFILES_FILE` in Fast DDS 3 / Kilted).',
  },
  { name: 'FASTDDS_DEFAULT_PROFILES_FILE', ros: 2, profileKey: true, summary: 'Fast DDS 3.x XML profiles file.' },
  {
    name: 'FASTDDS_BUILTIN_TRANSPORTS',
    ros: 2,
    profileKey: true,
    summary: 'Fast DDS builtin transports: `DEFAULT`, `SHM`, `UDPv4`, `UDPv6`, `LARGE_DATA`, `NONE`.',
  },
  {
    name: 'ZENOH_CONFIG_OVERRIDE',
    ros: 2,
    summary:
      'rmw_zenoh: overrides of the Zenoh config, `key/path=json5;…`, e.g. `connect/endpoints=["tcp/192.168.1.2:7447"];scouting/multicast/enabled=false`. Each value is JSON5 (strings need quotes: `mode="peer"`); the value is split at every `;`, also inside quotes. rmw_zenoh skips an entry without `=` silently and an invalid value with a warning in the log.',
    precedence:
      "`ZENOH_CONFIG_OVERRIDE` > the file of `ZENOH_SESSION_CONFIG_URI` / `ZENOH_ROUTER_CONFIG_URI` > rmw_zenoh_cpp's default config (router at `tcp/localhost:7447`).",
  },
  {
    name: 'ZENOH_ROUTER_CHECK_ATTEMPTS',
    ros: 2,
    summary:
      'rmw_zenoh: how many times a node checks for a Zenoh router at start-up. Unset or empty: 1; `0`: wait forever; below 0: no check. Read with `strtoll`, so a value without digits (`yes`) means 0, wait forever.',
  },
  {
    name: 'ZENOH_SESSION_CONFIG_URI',
    ros: 2,
    summary:
      "rmw_zenoh: absolute path of the Zenoh config file of every node (JSON5), instead of rmw_zenoh_cpp's `DEFAULT_RMW_ZENOH_SESSION_CONFIG.json5`. A path, not a URI: no `file://`; a relative path is resolved against each process's working directory.",
  },
  {
    name: 'ZENOH_ROUTER_CONFIG_URI',
    ros: 2,
    summary:
      'rmw_zenoh: absolute path of the Zenoh config file of the router (`ros2 run rmw_zenoh_cpp rmw_zenohd`), instead of `DEFAULT_RMW_ZENOH_ROUTER_CONFIG.json5` (port 7447). A path, not a URI.',
  },
  { name: 'ROS_SECURITY_ENABLE', ros: 2, summary: 'SROS2 security is on only when exactly `true`.' },
  { name: 'ROS_SECURITY_STRATEGY', ros: 2, summary: '`Enforce` (exact) or anything else = Permissive.' },
  { name: 'ROS_SECURITY_KEYSTORE', ros: 2, summary: 'Path of the SROS2 keystore.' },
  { name: 'ROS_DISTRO', summary: 'Set by setup.bash (`noetic`, `humble`, `jazzy`, …); check it, do not hard-code it.' },
  { name: 'ROS_VERSION', summary: 'Set by setup.bash: `1` or `2`.' },
];

/** The variables only ROS 1 reads: any of them set means a ROS 1 profile or environment. */
export const ROS1_KEYS: readonly string[] = ROS_VARIABLES.filter((v) => v.ros === 1).map((v) => v.name);

export const ROS_VARIABLE_BY_NAME: ReadonlyMap<string, RosVariable> = new Map(ROS_VARIABLES.map((v) => [v.name, v]));

export const ROS1_DISTROS = [
  'boxturtle',
  'cturtle',
  'diamondback',
  'electric',
  'fuerte',
  'groovy',
  'hydro',
  'indigo',
  'jade',
  'kinetic',
  'lunar',
  'melodic',
  'noetic',
] as const;
export const ROS2_DISTROS = [
  'ardent',
  'bouncy',
  'crystal',
  'dashing',
  'eloquent',
  'foxy',
  'galactic',
  'humble',
  'iron',
  'jazzy',
  'kilted',
  'rolling',
] as const;

export function rosGenerationOfDistro(distro: string): RosGeneration | undefined {
  const d = distro.toLowerCase();
  if ((ROS1_DISTROS as readonly string[]).includes(d)) return 1;
  if ((ROS2_DISTROS as readonly string[]).includes(d)) return 2;
  return undefined;
}
