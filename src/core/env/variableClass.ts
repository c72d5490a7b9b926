import type { Profile, ProfileOrigin } from '../profiles/profileSchema';
import { ROS_VARIABLE_BY_NAME } from '../ros/variables';

/**
 * What a profile's variable is to a terminal: one ROS/DDS/zenoh reads (`known`), anything else
 * (`other`: shown, applied), or a name that makes a shell, the dynamic loader or a common program run
 * code of the value's choosing (`denied`: from workspace settings, only after a confirmation).
 */
export type VariableKind = 'known' | 'other' | 'denied';

export interface DeniedRule {
  /** An exact name, or a prefix ending in `*`. */
  readonly pattern: string;
  /** What the variable can make happen, in words for the confirmation and the tooltip. */
  readonly risk: string;
}

const rule = (risk: string, ...patterns: string[]): DeniedRule[] => patterns.map((pattern) => ({ pattern, risk }));

/**
 * Deny-by-default: names that make a program run or load code chosen by the value. Sources: glibc's
 * list of variables ld.so strips for setuid programs (sysdeps/generic/unsecvars.h), sudo's
 * `initial_badenv_table` (plugins/sudoers/env.c), login's forbidden list (util-linux env.c), the bash,
 * dash and zsh manuals, and the ROS tools that start executables and plugins from search paths.
 */
export const DENIED_VARIABLES: readonly DeniedRule[] = [
  ...rule(
    'the dynamic loader reads it: LD_PRELOAD and LD_AUDIT load a library into every program started, LD_LIBRARY_PATH chooses which libraries load',
    'LD_*',
  ),
  ...rule('the macOS loader reads it: DYLD_INSERT_LIBRARIES loads a library into every program started', 'DYLD_*'),
  ...rule('another system loader reads it to choose the libraries programs load', 'LDR_*', 'LIBPATH', 'SHLIB_PATH', '_RLD*'),
  ...rule('glibc loads character-set converters (shared libraries) from it', 'GCONV_PATH'),
  ...rule('decides which program every command name runs (an empty entry means the current folder)', 'PATH'),
  ...rule('bash runs this file before every script (tasks, bash -c)', 'BASH_ENV'),
  ...rule('sh, dash and bash in POSIX mode run this file when they start', 'ENV'),
  ...rule('bash runs it as a command before every prompt', 'PROMPT_COMMAND'),
  ...rule('bash expands $(…) in prompts, so the value can run commands', 'PS0', 'PS1', 'PS2', 'PS4'),
  ...rule('bash takes its options from it at start (e.g. xtrace with PS4)', 'SHELLOPTS', 'BASHOPTS'),
  ...rule('changes how the shell splits words in every script', 'IFS'),
  ...rule('changes where `cd` in scripts goes, and so which files they run', 'CDPATH'),
  ...rule('changes which files patterns in scripts match', 'GLOBIGNORE'),
  ...rule('zsh reads .zshenv and .zshrc from this folder', 'ZDOTDIR'),
  ...rule('ksh and zsh load functions from these folders', 'FPATH'),
  ...rule('zsh runs this command for a redirection without one', 'NULLCMD', 'READNULLCMD'),
  ...rule('shells read ~/.bashrc, ~/.profile and ~/.zshrc (git and ssh their configuration) from it', 'HOME'),
  ...rule(
    'fish reads config.fish and conf.d scripts, bash-completion its completion scripts, git its configuration from these folders',
    'XDG_CONFIG_HOME',
    'XDG_CONFIG_DIRS',
    'XDG_DATA_HOME',
    'XDG_DATA_DIRS',
  ),
  ...rule('programs start it as "your shell"', 'SHELL'),
  ...rule('Python imports modules from it, or runs it at start', 'PYTHONPATH', 'PYTHONHOME', 'PYTHONSTARTUP', 'PYTHONUSERBASE'),
  ...rule('Python imports what it names (breakpoint hook, warning categories)', 'PYTHONBREAKPOINT', 'PYTHONWARNINGS'),
  ...rule('Python opens an interactive prompt after a script', 'PYTHONINSPECT'),
  ...rule('Node.js takes command-line options from it (--require loads a module into every node)', 'NODE_OPTIONS'),
  ...rule('Node.js resolves modules from it', 'NODE_PATH'),
  ...rule('Perl takes options or modules from it', 'PERL5OPT', 'PERL5LIB', 'PERLLIB', 'PERL5DB'),
  ...rule('Ruby takes options or libraries from it', 'RUBYOPT', 'RUBYLIB'),
  ...rule('Java takes options from it (-javaagent loads code into every JVM)', 'JAVA_TOOL_OPTIONS', '_JAVA_OPTIONS', 'JDK_JAVA_OPTIONS'),
  ...rule('Java loads classes from it', 'CLASSPATH'),
  ...rule('Lua runs or loads code from it', 'LUA_INIT', 'LUA_PATH', 'LUA_CPATH'),
  ...rule(
    'git runs commands it names (GIT_SSH_COMMAND, GIT_PAGER, GIT_EXTERNAL_DIFF, GIT_CONFIG_* with core.fsmonitor), and shell prompts run git',
    'GIT_*',
  ),
  ...rule(
    'other programs run the command it names',
    'EDITOR',
    'VISUAL',
    'PAGER',
    'MANPAGER',
    'LESSOPEN',
    'LESSCLOSE',
    'BROWSER',
    'SSH_ASKPASS',
    'SUDO_ASKPASS',
  ),
  ...rule(
    'rosrun, ros2 run, launch files and pluginlib find the executables and plugin libraries they start there',
    'ROS_PACKAGE_PATH',
    'AMENT_PREFIX_PATH',
    'COLCON_PREFIX_PATH',
    'CMAKE_PREFIX_PATH',
  ),
  ...rule(
    'Gazebo and Qt (rviz, rqt) load plugin libraries from it',
    'GAZEBO_PLUGIN_PATH',
    'GZ_SIM_SYSTEM_PLUGIN_PATH',
    'IGN_GAZEBO_SYSTEM_PLUGIN_PATH',
    'QT_PLUGIN_PATH',
    'QT_QPA_PLATFORM_PLUGIN_PATH',
  ),
];

/** Prefixes of the variables ROS 1, ROS 2, the DDS vendors and zenoh read (the ones not in ROS_VARIABLES). */
const KNOWN_PREFIXES = [
  'ROS_',
  'RMW_',
  'RCUTILS_',
  'RCL_',
  'CYCLONEDDS_',
  'FASTDDS_',
  'FASTRTPS_',
  'ZENOH_',
  'NDDS_',
  'RTI_',
  'CONNEXTDDS_',
];

/** The deny rule a name falls under. Case-insensitive: Windows environment names are (`Path` is PATH). */
export function deniedRule(name: string): DeniedRule | undefined {
  const n = name.toUpperCase();
  return DENIED_VARIABLES.find((r) => (r.pattern.endsWith('*') ? n.startsWith(r.pattern.slice(0, -1)) : n === r.pattern));
}

export function variableKind(name: string): VariableKind {
  if (deniedRule(name)) return 'denied';
  if (ROS_VARIABLE_BY_NAME.has(name) || KNOWN_PREFIXES.some((p) => name.startsWith(p))) return 'known';
  return 'other';
}

export interface ClassifiedVariable {
  readonly name: string;
  /** The value set, or undefined for a name the profile clears (`unset`). */
  readonly value?: string;
  readonly kind: VariableKind;
  readonly risk?: string;
}

/**
 * Every variable a profile touches, in the profile's order, then the names it clears. Clearing is
 * classified too: an empty PATH makes bash look for commands in the current folder.
 */
export function classifyProfile(profile: Profile): ClassifiedVariable[] {
  const one = (name: string, value?: string): ClassifiedVariable => {
    const r = deniedRule(name);
    return { name, ...(value !== undefined ? { value } : {}), kind: r ? 'denied' : variableKind(name), ...(r ? { risk: r.risk } : {}) };
  };
  return [
    ...[...profile.variables].map(([k, v]) => one(k, v)),
    ...profile.unset.filter((n) => !profile.variables.has(n)).map((n) => one(n)),
  ];
}

/** Profiles from workspace or folder settings come with the repository; the user's own settings are theirs. */
export function isWorkspaceOrigin(origin: ProfileOrigin): boolean {
  return origin !== 'user';
}

/** The denied variables a profile touches. */
export function deniedVariables(profile: Profile): ClassifiedVariable[] {
  return classifyProfile(profile).filter((v) => v.kind === 'denied');
}

/** The confirmation key: the exact names and values (a change of either asks again). */
export function approvalKey(denied: readonly ClassifiedVariable[]): string {
  const pairs = denied.map((v) => [v.name, v.value ?? null] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return JSON.stringify(pairs);
}

/** The profile without its denied variables (set or cleared): what terminals get until the user allows them. */
export function withoutDenied(profile: Profile): Profile {
  const variables = new Map([...profile.variables].filter(([k]) => !deniedRule(k)));
  return { ...profile, variables, unset: profile.unset.filter((n) => !deniedRule(n)) };
}

const ORIGIN_WORDS: Record<ProfileOrigin, string> = {
  user: 'your user settings',
  workspace: "this workspace's settings",
  workspaceFolder: "a workspace folder's settings",
};

/**
 * What the one-time confirmation says: which names, what values, what they can do, and where the
 * profile is defined (`file`: the settings file, when the adapter knows it).
 */
export function approvalPrompt(
  profile: Profile,
  denied: readonly ClassifiedVariable[],
  file?: string,
): { message: string; detail: string } {
  const lines = denied.map((v) => `• ${v.name}${v.value === undefined ? ' cleared (set to empty)' : `=${v.value}`}\n   ${v.risk ?? ''}`);
  return {
    message: `The profile '${profile.name}' from ${ORIGIN_WORDS[profile.origin]}${file ? ` (${file})` : ''} sets ${denied.length === 1 ? 'a variable' : `${denied.length} variables`} that can make terminals run other programs or code. Allow ${denied.length === 1 ? 'it' : 'them'} in this workspace?`,
    detail: [
      ...lines,
      '',
      `Until you allow ${denied.length === 1 ? 'it' : 'them'}, terminals and tasks get the profile without ${denied.length === 1 ? 'this variable' : 'these variables'}. If a name or value changes, you are asked again.`,
    ].join('\n'),
  };
}

/** Keeps a value short enough for one line of a picker or a log. */
function short(v: string, max = 60): string {
  return v.length > max ? `${v.slice(0, max - 1)}…` : v;
}

/**
 * The picker's detail line: every variable, deny-by-default ones first (a long line is cut at the
 * end) with whether terminals get them (`state`), then the known ones, then the extra ones marked.
 * Values are raw; the caller sanitizes for display.
 */
export function variablesLine(profile: Profile, state: 'withheld' | 'allowed' | 'user'): string {
  const all = classifyProfile(profile);
  const text = (v: ClassifiedVariable) => (v.value === undefined ? `unset ${v.name}` : `${v.name}=${short(v.value)}`);
  const parts: string[] = [];
  const denied = all.filter((v) => v.kind === 'denied');
  if (denied.length) {
    const how =
      state === 'withheld'
        ? 'not applied until you allow them'
        : state === 'allowed'
          ? 'allowed in this workspace'
          : 'from your user settings';
    parts.push(`⚠ can run code (${how}): ${denied.map(text).join(', ')}`);
  }
  parts.push(...all.filter((v) => v.kind === 'known').map(text));
  const other = all.filter((v) => v.kind === 'other');
  if (other.length) parts.push(`extra: ${other.map(text).join(', ')}`);
  return parts.join(' · ');
}
