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
  /** The offending value when the problem is about one field (quoted in messages, so it is not taken for the name). */
  readonly value?: string | number | boolean | null;
}

export interface ParsedProfiles {
  readonly profiles: readonly Profile[];
  readonly problems: readonly ProfileProblem[];
}

export const PROFILES_SETTING = 'rosNetwork.profiles';

/** The raw value at a field path, when it is a plain value a message can quote. */
function valueAt(raw: unknown, path: readonly PropertyKey[]): string | number | boolean | null | undefined {
  let v: unknown = raw;
  for (const k of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v === null || ['string', 'number', 'boolean'].includes(typeof v) ? (v as string | number | boolean | null) : undefined;
}

function describeIssue(issue: z.core.$ZodIssue, raw: unknown): { path: string; message: string; value?: string | number | boolean | null } {
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  const value = issue.path.length ? valueAt(raw, issue.path) : undefined;
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
  return { path, message: issue.message, ...(value !== undefined ? { value } : {}) };
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
        problems.push({
          origin,
          index,
          path: base + d.path,
          ...(name ? { profileName: name } : {}),
          message: d.message,
          ...(d.value !== undefined ? { value: d.value } : {}),
        });
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

function originLabel(o: ProfileOrigin): string {
  return o === 'user' ? 'User' : o === 'workspace' ? 'Workspace' : 'Folder';
}

/** A value as messages quote it: JSON (strings in double quotes), long ones cut. */
export function quoteValue(v: string | number | boolean | null): string {
  const j = JSON.stringify(v);
  return j.length > 60 ? `${j.slice(0, 57)}…"` : j;
}

/** `path = "value": message`, or `path message` when the problem is not about one value. */
function problemText(p: ProfileProblem): string {
  return p.value !== undefined ? `${p.path} = ${quoteValue(p.value)}: ${p.message}` : `${p.path} ${p.message}`;
}

/** One problem for the log: the path, the offending value quoted, the profile's name apart. */
export function formatProblem(p: ProfileProblem): string {
  return `${problemText(p)}${p.profileName ? ` (profile '${p.profileName}')` : ''} [${originLabel(p.origin)} settings]`;
}

const MAX_IN_MESSAGE = 6;

/**
 * The one notification for invalid profiles: each profile by name and scope, then every problem
 * of it with the offending value quoted (a notification holds one line; the log has them one by one).
 */
export function invalidProfilesMessage(problems: readonly ProfileProblem[]): string {
  const byProfile = new Map<string, ProfileProblem[]>();
  for (const p of problems) {
    const key = `${p.origin}:${p.index ?? -1}`;
    byProfile.set(key, [...(byProfile.get(key) ?? []), p]);
  }
  const shown = problems.slice(0, MAX_IN_MESSAGE);
  const parts = [...byProfile.values()].flatMap((ps) => {
    const mine = ps.filter((p) => shown.includes(p));
    if (!mine.length) return [];
    const first = ps[0]!;
    const who =
      first.profileName !== undefined ? `'${first.profileName}'` : first.index !== undefined ? `#${first.index + 1}` : 'the setting';
    return [`${who} (${originLabel(first.origin)} settings): ${mine.map(problemText).join('; ')}`];
  });
  const more = problems.length - shown.length;
  const head =
    byProfile.size === 1 ? 'ROS Network: invalid profile, not used:' : `ROS Network: ${byProfile.size} invalid profiles, not used:`;
  return `${head} ${parts.join(' — ')}${more > 0 ? ` — and ${more} more problem${more === 1 ? '' : 's'} (Show Log)` : ''}. The other profiles stay usable.`;
}
