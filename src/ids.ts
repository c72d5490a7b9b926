/** Every id the extension contributes, in one place (a test checks them against package.json). */
export const EXTENSION_ID = 'ros-network.ros-network';
export const SECTION = 'rosNetwork';
export const OUTPUT_NAME = 'ROS Network';

export const Commands = {
  switchProfile: 'rosNetwork.switchProfile',
  createProfile: 'rosNetwork.createProfile',
  editProfiles: 'rosNetwork.editProfiles',
  duplicateProfile: 'rosNetwork.duplicateProfile',
  deleteProfile: 'rosNetwork.deleteProfile',
  deactivateProfile: 'rosNetwork.deactivateProfile',
  importFromEnvironment: 'rosNetwork.importFromEnvironment',
  copyProfileAs: 'rosNetwork.copyProfileAs',
  relaunchTerminals: 'rosNetwork.relaunchTerminals',
  showLog: 'rosNetwork.showLog',
} as const;

export const Settings = {
  profiles: `${SECTION}.profiles`,
  statusBarEnabled: `${SECTION}.statusBar.enabled`,
  terminalEnabled: `${SECTION}.terminal.enabled`,
  terminalOfferRelaunch: `${SECTION}.terminal.offerRelaunch`,
} as const;

export const ContextKeys = {
  hasActiveProfile: 'rosNetwork.hasActiveProfile',
  hasProfiles: 'rosNetwork.hasProfiles',
} as const;

export const StateKeys = {
  activeProfile: 'rosNetwork.activeProfile',
  folderProfiles: 'rosNetwork.folderProfiles',
} as const;

export const StatusCommands = {
  refreshStatus: 'rosNetwork.refreshStatus',
  showGraph: 'rosNetwork.showGraph',
} as const;

export const StatusSettings = {
  intervalSeconds: `${SECTION}.status.intervalSeconds`,
  timeoutMs: `${SECTION}.status.timeoutMs`,
  notifyOnChange: `${SECTION}.status.notifyOnChange`,
} as const;

export const ViewIds = {
  container: 'rosNetwork',
  view: 'rosNetwork.view',
} as const;

export const ViewCommands = {
  refreshView: 'rosNetwork.refreshView',
  copyName: 'rosNetwork.copyName',
  copyUri: 'rosNetwork.copyUri',
  showParamValue: 'rosNetwork.showParamValue',
} as const;

export const LintCommands = {
  lintWorkspace: 'rosNetwork.lintWorkspace',
  showDomainPorts: 'rosNetwork.showDomainPorts',
} as const;

export const LintSettingKeys = {
  enabled: `${SECTION}.lint.enabled`,
  rules: `${SECTION}.lint.rules`,
  exclude: `${SECTION}.lint.exclude`,
} as const;

export const DoctorCommands = {
  runDoctor: 'rosNetwork.runDoctor',
} as const;
