import type * as z from 'zod/mini';
import { profileFields, profileSchema, toProfile, type Profile, type ProfileOrigin } from './profileSchema';
import { closest } from '../util/closest';

export interface ProfileProblem {
  readonly origin: ProfileOrigin;
  /** Settings path, e.g. `rosNetwork.profiles[2].ROS_MASTER_URI`. */
  readonly path: string;
  readonly index?: number;
  readonly profileName?: string;
  readonly message: string;
}

export interface ParsedProfiles {
  readonly profiles: readonly Profile[];
  readonly problems: readonly ProfileProblem[];
}

export const PROFILES_SETTING = 'rosNetwork.profiles';

function describeIssue(issue: z.core.$ZodIssue, raw: unknown): { path: string; message: string } {
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => {
      const hint = closest(k, Object.keys(profileFields()));
      return hint ? `'${k}' (did you mean '${hint}'?)` : `'${k}'`;
    });
    return { path, message: `unknown key${keys.length > 1 ? 's' : ''} ${keys.join(', ')}` };
  }
  if (
    issue.code === 'invalid_type' &&
    issue.path.length === 1 &&
    issue.path[0] === 'name' &&
    (raw as Record<string, unknown>)?.name === undefined
  ) {
    return { path, message: 'is missing: every profile needs a name' };
  }
  return { path, message: issue.message };
}

const dataProperty = (value: unknown): PropertyDescriptor => ({ value, enumerable: true, writable: true, configurable: true });

/** A plain object of the own enumerable properties of `v` (an own `__proto__` stays a data key). */
function ownData(v: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) Object.defineProperty(out, k, dataProperty(x));
  return out;
}

/** The value of an own `__proto__` entry of a profile's `env`, or undefined. */
function ownProtoEnv(env: unknown): unknown {
  if (typeof env !== 'object' || env === null) return undefined;
  return Object.getOwnPropertyDescriptor(env, '__proto__')?.value;
}

/**
 * Validates one settings value (the array of one scope) profile by profile, so a broken profile
 * never hides the valid ones. Never throws, whatever `raw` is.
 */
export function parseProfiles(raw: unknown, origin: ProfileOrigin): ParsedProfiles {
  if (raw === undefined || raw === null) return { profiles: [], problems: [] };
  if (!Array.isArray(raw)) {
    return {
      profiles: [],
      problems: [{ origin, path: PROFILES_SETTING, message: `must be an array of profiles, got ${describeType(raw)}` }],
    };
  }
  const profiles: Profile[] = [];
  const problems: ProfileProblem[] = [];
  const seen = new Set<string>();
  raw.forEach((item, index) => {
    const base = `${PROFILES_SETTING}[${index}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      problems.push({ origin, index, path: base, message: `must be an object with a name, got ${describeType(item)}` });
      return;
    }
    let result: ReturnType<ReturnType<typeof profileSchema>['safeParse']>;
    let name: string | undefined;
    let own: Record<string, unknown>;
    try {
      // Own keys only: a field inherited through a prototype (a `__proto__` key some JSON readers
      // turn into one) is not the user's setting.
      own = ownData(item);
      const n = own.name;
      name = typeof n === 'string' ? n : undefined;
      result = profileSchema().safeParse(own);
    } catch (e) {
      // Getters or proxies in hostile values; settings never contain them, but never crash.
      problems.push({ origin, index, path: base, ...(name ? { profileName: name } : {}), message: `cannot be read: ${String(e)}` });
      return;
    }
    if (!result.success) {
      for (const issue of result.error.issues) {
        const d = describeIssue(issue, item);
        problems.push({ origin, index, path: base + d.path, ...(name ? { profileName: name } : {}), message: d.message });
      }
      return;
    }
    // zod's record assigns keys, so an `env` entry named `__proto__` (a valid POSIX name) vanished.
    const protoEnv = ownProtoEnv(own.env);
    if (protoEnv !== undefined && typeof protoEnv !== 'string' && typeof protoEnv !== 'number' && typeof protoEnv !== 'boolean') {
      problems.push({
        origin,
        index,
        path: `${base}.env.__proto__`,
        ...(name ? { profileName: name } : {}),
        message: 'values must be strings, numbers or booleans',
      });
      return;
    }
    const data = result.data;
    if (protoEnv !== undefined) {
      const env = { ...data.env };
      Object.defineProperty(env, '__proto__', dataProperty(protoEnv));
      data.env = env;
    }
    const profile = toProfile(data, origin);
    if (seen.has(profile.name)) {
      problems.push({
        origin,
        index,
        path: `${base}.name`,
        profileName: profile.name,
        message: `duplicates the name of an earlier profile '${profile.name}'; the first one is used`,
      });
      return;
    }
    seen.add(profile.name);
    profiles.push(profile);
  });
  return { profiles, problems };
}

/**
 * Profiles of all scopes: user profiles are available everywhere; a workspace (or folder) profile
 * with the same name replaces the user one, as settings of a narrower scope do.
 */
export function mergeProfileScopes(scopes: readonly ParsedProfiles[]): ParsedProfiles {
  const byName = new Map<string, Profile>();
  const problems: ProfileProblem[] = [];
  for (const s of scopes) {
    for (const p of s.profiles) byName.set(p.name, p);
    for (const x of s.problems) problems.push(x);
  }
  return { profiles: [...byName.values()], problems };
}

function describeType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
  return `a ${typeof v}`;
}

export function formatProblem(p: ProfileProblem): string {
  const where = p.origin === 'user' ? 'User' : p.origin === 'workspace' ? 'Workspace' : 'Folder';
  return `${p.path}${p.profileName ? ` ('${p.profileName}')` : ''} ${p.message} [${where} settings]`;
}
