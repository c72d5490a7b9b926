import { parseDotenv } from '../dotenv/dotenvParser';
import { PROFILE_ENV_KEYS, type ProfileInput } from './profileSchema';
import { fieldError } from './fieldError';

/** Variables worth carrying into a profile's `env` besides the dedicated keys. */
const EXTRA_PREFIXES = ['ROS_', 'RMW_', 'FASTDDS_', 'FASTRTPS_', 'CYCLONEDDS_', 'ZENOH_', 'RCUTILS_'];
/** Set by setup.bash, not part of a network profile. */
const IGNORED = new Set([
  'ROS_DISTRO',
  'ROS_VERSION',
  'ROS_PYTHON_VERSION',
  'ROS_ROOT',
  'ROS_PACKAGE_PATH',
  'ROS_ETC_DIR',
  'ROS_LOG_DIR',
  'ROS_HOME',
  'ROS_TEST_RESULTS_DIR',
]);

export interface ImportResult {
  readonly profile: ProfileInput;
  readonly imported: readonly string[];
  readonly skipped: ReadonlyArray<{ readonly name: string; readonly reason: string }>;
}

/** Builds a profile from environment variables; keys that would make the profile invalid are skipped with the reason. */
export function profileFromVariables(name: string, vars: Iterable<readonly [string, string]>): ImportResult {
  const profile: Record<string, unknown> = { name };
  const env: Record<string, string> = {};
  const imported: string[] = [];
  const skipped: Array<{ name: string; reason: string }> = [];
  for (const [key, value] of vars) {
    if (IGNORED.has(key)) continue;
    if ((PROFILE_ENV_KEYS as readonly string[]).includes(key)) {
      if (value === '') {
        skipped.push({ name: key, reason: 'is empty' });
        continue;
      }
      const candidate = key === 'ROS_DOMAIN_ID' && /^\d+$/.test(value) ? Number(value) : value;
      const error = fieldError(key, candidate);
      if (error) {
        skipped.push({ name: key, reason: error });
        continue;
      }
      profile[key] = candidate;
      imported.push(key);
    } else if (EXTRA_PREFIXES.some((p) => key.startsWith(p)) && /^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
      env[key] = value;
      imported.push(key);
    }
  }
  if (Object.keys(env).length) profile.env = env;
  return { profile: profile as ProfileInput, imported, skipped };
}

export function profileFromEnvironment(name: string, env: Readonly<Record<string, string | undefined>>): ImportResult {
  const vars = Object.entries(env)
    .filter((e): e is [string, string] => typeof e[1] === 'string')
    .sort(([a], [b]) => a.localeCompare(b));
  return profileFromVariables(name, vars);
}

export function profileFromDotenv(name: string, text: string): ImportResult {
  const parsed = parseDotenv(text);
  const vars = new Map<string, string>();
  for (const e of parsed.entries) if (e.delimiter) vars.set(e.key, e.value);
  return profileFromVariables(name, vars);
}
