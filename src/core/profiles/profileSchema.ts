import * as z from 'zod/mini';
import { describeMasterUriProblem, parseMasterUri } from '../ros/masterUri';
import { MAX_DOMAIN_ID } from '../ros/domain';
import { isIpLiteral } from '../ros/ipLiteral';
import { ROS1_KEYS } from '../ros/variables';

// zod/mini: the same validation as classic zod at a fraction of the bundle size (the extension
// bundle budget is 250 KB; classic zod alone is 450 KB minified).

/** Where a profile was defined; workspace profiles are untrusted until the workspace is trusted. */
export type ProfileOrigin = 'user' | 'workspace' | 'workspaceFolder';

export const DISCOVERY_RANGES = ['SUBNET', 'LOCALHOST', 'OFF', 'SYSTEM_DEFAULT'] as const;

/** Keys of a profile that become environment variables of the same name. */
export const PROFILE_ENV_KEYS = [
  'ROS_MASTER_URI',
  'ROS_HOSTNAME',
  'ROS_IP',
  'ROS_IPV6',
  'ROS_DOMAIN_ID',
  'ROS_AUTOMATIC_DISCOVERY_RANGE',
  'ROS_STATIC_PEERS',
  'ROS_LOCALHOST_ONLY',
  'RMW_IMPLEMENTATION',
  'ROS_DISCOVERY_SERVER',
  'ROS_SUPER_CLIENT',
  'CYCLONEDDS_URI',
  'FASTRTPS_DEFAULT_PROFILES_FILE',
  'FASTDDS_DEFAULT_PROFILES_FILE',
  'FASTDDS_BUILTIN_TRANSPORTS',
] as const;
export type ProfileEnvKey = (typeof PROFILE_ENV_KEYS)[number];

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

// The schemas are built on first use, not at module load: constructing them (zod's first run,
// compiled on the spot) was most of the extension bundle's module evaluation, paid by every window
// at startup whether or not a profile is active (see the "activated in" log line).
function buildProfileFields() {
  const text = () =>
    z.string({ error: 'must be a string' }).check(
      z.refine((s) => !s.includes('\0'), 'must not contain a NUL character'),
      // UTF-8 (a terminal's environment, an exported file) cannot carry one: it would be read back as U+FFFD.
      z.refine((s) => !LONE_SURROGATE.test(s), 'must not contain a lone UTF-16 surrogate (not valid Unicode text)'),
    );

  const masterUri = text().check(
    z.superRefine((v, ctx) => {
      const r = parseMasterUri(v);
      if (!r.ok) ctx.addIssue({ code: 'custom', message: `is not a valid master URI: ${describeMasterUriProblem(r.problem)}`, input: v });
    }),
  );

  const ipLiteral = text().check(z.refine((v) => isIpLiteral(v), 'must be a literal IPv4/IPv6 address (use ROS_HOSTNAME for names)'));
  const hostName = text().check(
    z.refine((v) => v.trim() !== '' && !/\s/.test(v), 'must be a non-empty host name without spaces'),
    z.refine((v) => !v.includes('://'), 'must not include a protocol (http://)'),
    z.refine((v) => isIpLiteral(v) || !/:\d+$/.test(v), 'must not include a port'),
  );

  const domainId = z.union(
    [
      z
        .int({ error: 'must be a whole number between 0 and 232' })
        .check(
          z.gte(0, 'must be 0 or more'),
          z.lte(MAX_DOMAIN_ID, `must be at most ${MAX_DOMAIN_ID} (higher IDs overflow the UDP port range)`),
        ),
      text().check(
        z.regex(/^(0|[1-9]\d{0,2})$/, 'must be a plain decimal number (rcl reads "010" as octal 8)'),
        z.refine((v) => Number(v) <= MAX_DOMAIN_ID, `must be at most ${MAX_DOMAIN_ID}`),
      ),
    ],
    { error: 'must be a whole number between 0 and 232' },
  );

  return {
    name: text().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(80, 'must be at most 80 characters')),
    description: z.optional(text()),
    rosVersion: z.optional(z.union([z.literal(1), z.literal(2)], { error: 'must be 1 or 2' })),
    ROS_MASTER_URI: z.optional(masterUri),
    ROS_HOSTNAME: z.optional(hostName),
    ROS_IP: z.optional(ipLiteral),
    ROS_IPV6: z.optional(z.enum(['on', 'off'], { error: "must be 'on' or 'off' (rospy only accepts the exact value 'on')" })),
    ROS_DOMAIN_ID: z.optional(domainId),
    ROS_AUTOMATIC_DISCOVERY_RANGE: z.optional(
      z.enum(DISCOVERY_RANGES, {
        error: `must be one of ${DISCOVERY_RANGES.join(', ')} (exact case; rcl falls back to LOCALHOST otherwise)`,
      }),
    ),
    ROS_STATIC_PEERS: z.optional(
      z.union([text(), z.array(text().check(z.minLength(1, 'must not be empty'), z.maxLength(255, 'must be at most 255 characters')))], {
        error: "must be a ';'-separated string or an array of hosts",
      }),
    ),
    ROS_LOCALHOST_ONLY: z.optional(
      z.union([z.literal('0'), z.literal('1'), z.literal(0), z.literal(1)], { error: "must be '0' or '1' (only a leading 1 enables it)" }),
    ),
    RMW_IMPLEMENTATION: z.optional(text().check(z.regex(/^rmw_[a-z0-9_]+$/, 'must be an rmw package name such as rmw_cyclonedds_cpp'))),
    ROS_DISCOVERY_SERVER: z.optional(text()),
    ROS_SUPER_CLIENT: z.optional(
      z.union([z.boolean(), z.enum(['TRUE', 'true', 'True', '1', 'FALSE', 'false', 'False', '0'])], { error: 'must be true or false' }),
    ),
    CYCLONEDDS_URI: z.optional(text()),
    FASTRTPS_DEFAULT_PROFILES_FILE: z.optional(text()),
    FASTDDS_DEFAULT_PROFILES_FILE: z.optional(text()),
    FASTDDS_BUILTIN_TRANSPORTS: z.optional(text()),
    env: z.optional(
      z.record(
        text().check(z.regex(ENV_NAME, 'is not a valid environment variable name')),
        z.union([text(), z.number(), z.boolean()], { error: 'values must be strings, numbers or booleans' }),
        {
          error: 'must be an object of NAME: value pairs',
        },
      ),
    ),
    unset: z.optional(
      z.array(text().check(z.regex(ENV_NAME, 'is not a valid environment variable name')), { error: 'must be an array of variable names' }),
    ),
  };
}

type ProfileFields = ReturnType<typeof buildProfileFields>;

function buildProfileSchema(fields: ProfileFields) {
  return z.strictObject(fields, { error: 'must be an object' }).check(
    z.superRefine((p, ctx) => {
      for (const k of Object.keys(p.env ?? {})) {
        if ((PROFILE_ENV_KEYS as readonly string[]).includes(k))
          ctx.addIssue({ code: 'custom', path: ['env', k], message: `set ${k} as a profile field, not in env`, input: k });
      }
    }),
  );
}

let fields: ProfileFields | undefined;
let schema: ReturnType<typeof buildProfileSchema> | undefined;

/** The zod schema of each profile field (the manifest's JSON schema is checked against it). */
export function profileFields(): ProfileFields {
  return (fields ??= buildProfileFields());
}

/** The zod schema of one profile. */
export function profileSchema(): ReturnType<typeof buildProfileSchema> {
  return (schema ??= buildProfileSchema(profileFields()));
}

export type ProfileInput = z.input<ReturnType<typeof buildProfileSchema>>;
type ParsedProfile = z.output<ReturnType<typeof buildProfileSchema>>;

export interface Profile {
  readonly name: string;
  readonly description?: string;
  readonly rosVersion: 1 | 2;
  /** True when rosVersion was not written and was inferred from the variables. */
  readonly rosVersionInferred: boolean;
  readonly origin: ProfileOrigin;
  /** The profile's variables as strings, in a stable order: ROS keys first, then extra env. */
  readonly variables: ReadonlyMap<string, string>;
  /** Variables the profile asks to remove from terminals. */
  readonly unset: readonly string[];
}

export function toProfile(p: ParsedProfile, origin: ProfileOrigin): Profile {
  const variables = new Map<string, string>();
  for (const key of PROFILE_ENV_KEYS) {
    const v = p[key];
    if (v === undefined) continue;
    variables.set(key, Array.isArray(v) ? v.join(';') : String(v));
  }
  for (const [k, v] of Object.entries(p.env ?? {})) variables.set(k, String(v));
  const hasRos1 = ROS1_KEYS.some((k) => variables.has(k));
  const inferred: 1 | 2 = hasRos1 ? 1 : [...variables.keys()].some((k) => PROFILE_ENV_KEYS.includes(k as ProfileEnvKey)) ? 2 : 1;
  return {
    name: p.name,
    ...(p.description !== undefined ? { description: p.description } : {}),
    rosVersion: p.rosVersion ?? inferred,
    rosVersionInferred: p.rosVersion === undefined,
    origin,
    variables,
    unset: p.unset ?? [],
  };
}
