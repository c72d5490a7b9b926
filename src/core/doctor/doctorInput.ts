import { parseDotenv } from '../dotenv/dotenvParser';
import { ROS1_KEYS } from '../ros/variables';
import type { Profile } from '../profiles/profileSchema';
import type { DoctorInput, TerminalEntry } from './types';

const RELEVANT = /^(ROS_[A-Z0-9_]*|RMW_[A-Z0-9_]*|CYCLONEDDS_URI|FASTRTPS_[A-Z0-9_]*|FASTDDS_[A-Z0-9_]*|ZENOH_[A-Z0-9_]*)$/;
/** Set by setup.bash and not networking: no reason to lint or report them. */
const NOISE = new Set([
  'ROS_ROOT',
  'ROS_PACKAGE_PATH',
  'ROS_ETC_DIR',
  'ROS_HOME',
  'ROS_LOG_DIR',
  'ROS_TEST_RESULTS_DIR',
  'ROS_PYTHON_VERSION',
  'ROSLISP_PACKAGE_DIRECTORIES',
]);

function inferVersion(vars: ReadonlyMap<string, string>): 1 | 2 {
  const v = vars.get('ROS_VERSION');
  if (v === '1' || v === '2') return Number(v) as 1 | 2;
  if (ROS1_KEYS.some((k) => vars.get(k))) return 1;
  if ([...vars.keys()].some((k) => k !== 'ROS_DISTRO' && k !== 'ROS_VERSION')) return 2;
  return 1;
}

/** The ROS networking variables of a process environment ("what a terminal here has"). */
export function inputFromEnvironment(env: Readonly<Record<string, string | undefined>>): DoctorInput {
  const variables = new Map<string, string>();
  for (const k of Object.keys(env).sort()) if (RELEVANT.test(k) && !NOISE.has(k) && env[k] !== undefined) variables.set(k, env[k]!);
  const profile = env.ROSNET_PROFILE;
  const pinned = (env.ROSNET_PINNED ?? '').split(',').filter(Boolean);
  const injected = parseInjected(env.ROSNET_SET);
  return {
    source: { kind: 'environment', name: 'environment' },
    rosVersion: inferVersion(variables),
    variables,
    ...(profile ? { terminal: { profile, pinned, ...(injected ? { injected } : {}) } } : {}),
  };
}

/** The ROSNET_SET marker: a JSON object of the variables the profile gave the terminal; anything else is ignored. */
function parseInjected(text: string | undefined): Map<string, string> | undefined {
  if (!text) return undefined;
  try {
    const o: unknown = JSON.parse(text);
    if (typeof o !== 'object' || o === null || Array.isArray(o)) return undefined;
    const out = new Map<string, string>();
    for (const [k, v] of Object.entries(o)) if (RELEVANT.test(k) && typeof v === 'string') out.set(k, v);
    return out;
  } catch {
    return undefined;
  }
}

export function inputFromEnvFile(path: string, text: string, env: Readonly<Record<string, string | undefined>> = {}): DoctorInput {
  const variables = new Map<string, string>();
  for (const e of parseDotenv(text).entries) if (e.delimiter) variables.set(e.key, e.value);
  if (!variables.has('ROS_DISTRO') && env.ROS_DISTRO) variables.set('ROS_DISTRO', env.ROS_DISTRO);
  return { source: { kind: 'env-file', name: path }, rosVersion: inferVersion(variables), variables, file: { path, text } };
}

/** A profile's variables; ROS_DISTRO comes from the environment (profiles do not set it). */
export function inputFromProfile(profile: Profile, distro?: string, terminalPlan?: readonly TerminalEntry[]): DoctorInput {
  const variables = new Map(profile.variables);
  if (distro && !variables.has('ROS_DISTRO')) variables.set('ROS_DISTRO', distro);
  return {
    source: { kind: 'profile', name: profile.name },
    rosVersion: profile.rosVersion,
    variables,
    ...(terminalPlan ? { terminalPlan } : {}),
  };
}
