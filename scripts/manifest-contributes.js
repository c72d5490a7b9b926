// One-off helper kept for maintainers: writes the profile-related "contributes" of package.json.
// The schema is hand-written here (JSON schema for settings.json editing) and checked against the
// zod schema by test/unit/manifest.test.ts, so the two cannot drift apart.
const fs = require('node:fs');
const path = require('node:path');
const file = path.join(__dirname, '..', 'package.json');
const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));

const str = (md, extra = {}) => ({ type: 'string', markdownDescription: md, ...extra });
const profileSchema = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  defaultSnippets: [
    { label: 'ROS 1 profile', body: { name: '${1:lab}', ROS_MASTER_URI: 'http://${2:hal}:11311', ROS_IP: '${3:192.168.1.10}' } },
    { label: 'ROS 2 profile', body: { name: '${1:sim}', ROS_DOMAIN_ID: 0, ROS_AUTOMATIC_DISCOVERY_RANGE: 'SUBNET' } },
  ],
  properties: {
    name: str('Unique profile name shown in the status bar and the Switch Profile list.', { minLength: 1, maxLength: 80 }),
    description: str('Optional note shown in the tooltip.'),
    rosVersion: {
      enum: [1, 2],
      markdownDescription: 'ROS generation. Inferred when omitted: `ROS_MASTER_URI`/`ROS_IP`/`ROS_HOSTNAME` mean ROS 1, otherwise ROS 2.',
    },
    ROS_MASTER_URI: str('ROS 1 master, `http://HOST:11311`. Every node of one system must use the same master.', { pattern: '^http://' }),
    ROS_HOSTNAME: str('Name (or address) this machine advertises; every other machine must resolve it. Wins over `ROS_IP`.'),
    ROS_IP: str('Literal IP address of this machine that all other machines can reach. Ignored when `ROS_HOSTNAME` is set.'),
    ROS_IPV6: { enum: ['on', 'off'], markdownDescription: 'rospy enables IPv6 only for the exact value `on`.' },
    ROS_DOMAIN_ID: {
      type: ['integer', 'string'],
      minimum: 0,
      maximum: 232,
      pattern: '^(0|[1-9][0-9]{0,2})$',
      markdownDescription:
        'ROS 2 DDS domain (0–232). Ports: 7400 + 250·D. Safe: 0–101 (and 215–232 on Linux), outside the OS ephemeral port range.',
    },
    ROS_AUTOMATIC_DISCOVERY_RANGE: {
      enum: ['SUBNET', 'LOCALHOST', 'OFF', 'SYSTEM_DEFAULT'],
      markdownDescription: 'ROS 2 (Iron+) discovery reach. Exact case.',
    },
    ROS_STATIC_PEERS: {
      type: ['string', 'array'],
      items: { type: 'string', minLength: 1, maxLength: 255 },
      markdownDescription:
        'ROS 2 (Iron+) peers to discover beyond automatic discovery: an array of hosts/IPs, or one `;`-separated string.',
    },
    ROS_LOCALHOST_ONLY: {
      enum: ['0', '1', 0, 1],
      markdownDescription: 'Deprecated since Iron; prefer `ROS_AUTOMATIC_DISCOVERY_RANGE: "LOCALHOST"`.',
    },
    RMW_IMPLEMENTATION: {
      type: 'string',
      pattern: '^rmw_[a-z0-9_]+$',
      enum: undefined,
      examples: ['rmw_fastrtps_cpp', 'rmw_cyclonedds_cpp', 'rmw_connextdds', 'rmw_zenoh_cpp'],
      markdownDescription: 'ROS 2 middleware, e.g. `rmw_cyclonedds_cpp`. Unset = the distro default (Fast DDS).',
    },
    ROS_DISCOVERY_SERVER: str('Fast DDS discovery servers, `;`-separated `IP[:port]`.'),
    ROS_SUPER_CLIENT: {
      type: ['boolean', 'string'],
      enum: [true, false, 'TRUE', 'true', 'True', '1', 'FALSE', 'false', 'False', '0'],
      markdownDescription: 'Fast DDS super client (with `ROS_DISCOVERY_SERVER`).',
    },
    CYCLONEDDS_URI: str('Cyclone DDS configuration: `file:///path/cyclonedds.xml` or an inline `<CycloneDDS>` fragment.'),
    FASTRTPS_DEFAULT_PROFILES_FILE: str('Fast DDS 2.x XML profiles file (Humble/Jazzy).'),
    FASTDDS_DEFAULT_PROFILES_FILE: str('Fast DDS 3.x XML profiles file (Kilted+).'),
    FASTDDS_BUILTIN_TRANSPORTS: str('Fast DDS builtin transports, e.g. `UDPv4` or `LARGE_DATA`.'),
    env: {
      type: 'object',
      markdownDescription:
        'Extra environment variables for terminals of this profile (e.g. `ROS_NAMESPACE`, `ZENOH_CONFIG_OVERRIDE`). Names that can make terminals run code (`PATH`, `LD_*`, `PYTHONPATH`, `BASH_ENV`, …) are applied from workspace settings only after a one-time confirmation per workspace.',
      propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
      additionalProperties: { type: ['string', 'number', 'boolean'] },
    },
    unset: {
      type: 'array',
      items: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
      markdownDescription: 'Variables to clear in terminals of this profile.',
    },
  },
};
delete profileSchema.properties.RMW_IMPLEMENTATION.enum;

const commands = [
  ['switchProfile', 'Switch Profile…', '$(broadcast)'],
  ['createProfile', 'Create Profile…', '$(add)'],
  ['editProfiles', 'Edit Profiles', '$(edit)'],
  ['duplicateProfile', 'Duplicate Profile…', undefined],
  ['deleteProfile', 'Delete Profile…', '$(trash)'],
  ['deactivateProfile', 'Deactivate Profile', '$(circle-slash)'],
  ['importFromEnvironment', 'Import Profile From Current Environment…', undefined],
  ['copyProfileAs', 'Copy Profile As…', '$(copy)'],
  ['relaunchTerminals', 'Relaunch Terminals With Active Profile', undefined],
  ['showLog', 'Show Log', '$(output)'],
  ['refreshStatus', 'Refresh Status', '$(refresh)'],
  ['showGraph', 'Show Graph', '$(type-hierarchy)'],
  ['refreshView', 'Refresh View', '$(refresh)'],
  ['copyName', 'Copy Name', undefined],
  ['copyUri', 'Copy URI', undefined],
  ['showParamValue', 'Show Parameter Value', undefined],
].map(([id, title, icon]) => ({ command: `rosNetwork.${id}`, title, category: 'ROS Network', ...(icon ? { icon } : {}) }));

const c = (pkg.contributes ??= {});
const ours = new Set(commands.map((x) => x.command));
c.commands = [...commands, ...(c.commands ?? []).filter((x) => !ours.has(x.command))];
c.menus ??= {};
const palette = [
  { command: 'rosNetwork.deactivateProfile', when: 'rosNetwork.hasActiveProfile' },
  { command: 'rosNetwork.duplicateProfile', when: 'rosNetwork.hasProfiles' },
  { command: 'rosNetwork.deleteProfile', when: 'rosNetwork.hasProfiles' },
  { command: 'rosNetwork.copyProfileAs', when: 'rosNetwork.hasProfiles' },
  { command: 'rosNetwork.relaunchTerminals', when: 'rosNetwork.hasActiveProfile' },
  { command: 'rosNetwork.refreshView', when: 'false' },
  { command: 'rosNetwork.copyName', when: 'false' },
  { command: 'rosNetwork.copyUri', when: 'false' },
  { command: 'rosNetwork.showParamValue', when: 'false' },
];
c.menus['view/title'] = [
  { command: 'rosNetwork.refreshView', when: 'view == rosNetwork.view', group: 'navigation@1' },
  { command: 'rosNetwork.switchProfile', when: 'view == rosNetwork.view', group: 'navigation@0' },
  { command: 'rosNetwork.createProfile', when: 'view == rosNetwork.view', group: 'navigation@2' },
];
c.menus['view/item/context'] = [
  { command: 'rosNetwork.copyName', when: 'view == rosNetwork.view && viewItem =~ /^(rosName|rosNode|profile)/', group: '9_copy@1' },
  { command: 'rosNetwork.copyUri', when: 'view == rosNetwork.view && viewItem =~ /^(rosNode|profile)/', group: '9_copy@2' },
  { command: 'rosNetwork.refreshStatus', when: 'view == rosNetwork.view && viewItem == profile.active', group: 'inline' },
];
c.viewsContainers = { activitybar: [{ id: 'rosNetwork', title: 'ROS Network', icon: 'media/activity.svg' }] };
c.views = { rosNetwork: [{ id: 'rosNetwork.view', name: 'Profiles & Graph', icon: 'media/activity.svg', contextualTitle: 'ROS Network' }] };
c.viewsWelcome = [
  {
    view: 'rosNetwork.view',
    contents:
      'No ROS network profiles yet.\n[Create Profile](command:rosNetwork.createProfile)\n[Import From Current Environment](command:rosNetwork.importFromEnvironment)\nProfiles live in the `rosNetwork.profiles` setting.',
  },
];
c.menus.commandPalette = [...palette, ...(c.menus.commandPalette ?? []).filter((x) => !palette.some((p) => p.command === x.command))];

const props = {
  'rosNetwork.profiles': {
    type: 'array',
    scope: 'resource',
    default: [],
    items: profileSchema,
    markdownDescription:
      'Named ROS network profiles. Switch with **ROS Network: Switch Profile** or the status bar. User profiles are available everywhere; workspace (and folder) profiles with the same name replace them and are applied only in trusted workspaces.',
  },
  'rosNetwork.terminal.enabled': {
    type: 'boolean',
    default: true,
    scope: 'window',
    markdownDescription: "Inject the active profile's variables into new integrated terminals and tasks.",
  },
  'rosNetwork.terminal.offerRelaunch': {
    type: 'boolean',
    default: true,
    scope: 'application',
    markdownDescription: 'After a switch, offer to relaunch open terminals that still have the previous environment.',
  },
  'rosNetwork.status.intervalSeconds': {
    type: 'number',
    default: 3,
    minimum: 0.5,
    scope: 'window',
    markdownDescription:
      "How often the active profile's ROS master is checked (seconds). Slower while the window is unfocused; backs off while the master is down.",
  },
  'rosNetwork.status.timeoutMs': {
    type: 'number',
    default: 2000,
    minimum: 100,
    scope: 'window',
    markdownDescription: 'Timeout of one master check (milliseconds); the connection is aborted after it.',
  },
  'rosNetwork.status.notifyOnChange': {
    type: 'boolean',
    default: false,
    scope: 'window',
    markdownDescription: 'Show a notification when the master goes down or comes back (once per change, never on every check).',
  },
  'rosNetwork.statusBar.enabled': {
    type: 'boolean',
    default: true,
    scope: 'window',
    markdownDescription: 'Show the active profile (and its master) in the status bar.',
  },
};
const cfg = (c.configuration ??= { title: 'ROS Network', properties: {} });
cfg.title = 'ROS Network';
cfg.properties = { ...props, ...Object.fromEntries(Object.entries(cfg.properties ?? {}).filter(([k]) => !(k in props))) };

pkg.activationEvents = [...new Set(['onStartupFinished', ...(pkg.activationEvents ?? [])])];
pkg.extensionKind = ['workspace'];
pkg.icon = 'media/icon.png';
pkg.repository = pkg.repository ?? { type: 'git', url: 'https://github.com/ros-network/ros-network' };
pkg.capabilities = {
  untrustedWorkspaces: {
    supported: 'limited',
    description:
      'Profiles from workspace settings are not injected into terminals until the workspace is trusted; user profiles and linting keep working.',
    restrictedConfigurations: ['rosNetwork.profiles'],
  },
  virtualWorkspaces: { supported: false, description: 'ROS networking needs the real machine where ROS runs.' },
};
fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + '\n');
