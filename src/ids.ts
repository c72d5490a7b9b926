/** Every id the extension contributes, in one place (tests check them against package.json both ways). */
export const EXTENSION_ID = 'ros-network.ros-network';
export const SECTION = 'rosNetwork';
export const OUTPUT_NAME = 'ROS Network';

/** Every command the extension registers and contributes. */
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
  refreshStatus: 'rosNetwork.refreshStatus',
  showGraph: 'rosNetwork.showGraph',
  refreshView: 'rosNetwork.refreshView',
  copyName: 'rosNetwork.copyName',
  copyUri: 'rosNetwork.copyUri',
  showParamValue: 'rosNetwork.showParamValue',
  lintWorkspace: 'rosNetwork.lintWorkspace',
  showDomainPorts: 'rosNetwork.showDomainPorts',
  runDoctor: 'rosNetwork.runDoctor',
  copyMasterUri: 'rosNetwork.copyMasterUri',
  reviewVariables: 'rosNetwork.reviewProfileVariables',
} as const;

/** VS Code's own commands we link to or run. */
export const BuiltinCommands = {
  manageTrust: 'workbench.trust.manage',
} as const;

export const Settings = {
  profiles: `${SECTION}.profiles`,
} as const;

export const ContextKeys = {
  hasActiveProfile: 'rosNetwork.hasActiveProfile',
  hasProfiles: 'rosNetwork.hasProfiles',
  /** Profiles the workspace settings define while Restricted Mode hides them (the view says so). */
  restrictedProfiles: 'rosNetwork.restrictedProfiles',
  /** Set once the thing really happened; the getting-started walkthrough's steps complete on them. */
  terminalWithProfile: 'rosNetwork.walkthrough.terminalWithProfile',
  statusChecked: 'rosNetwork.walkthrough.statusChecked',
  fileLinted: 'rosNetwork.walkthrough.fileLinted',
  doctorRan: 'rosNetwork.walkthrough.doctorRan',
} as const;

/** The getting-started walkthrough (package.json `contributes.walkthroughs`). */
export const WALKTHROUGH_ID = 'rosNetwork.gettingStarted';

export const StateKeys = {
  activeProfile: 'rosNetwork.activeProfile',
  folderProfiles: 'rosNetwork.folderProfiles',
  /** Approval keys (exact deny-by-default names and values) the user allowed in this workspace. */
  allowedVariables: 'rosNetwork.allowedVariables',
} as const;

export const ViewIds = {
  container: 'rosNetwork',
  view: 'rosNetwork.view',
} as const;
