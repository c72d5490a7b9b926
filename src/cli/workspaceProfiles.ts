import { readRegularFile } from '../core/util/readRegularFile';
import { join } from 'node:path';
import { parseJsoncData } from '../core/util/jsoncData';
import { parseProfiles, PROFILES_SETTING, type ParsedProfiles } from '../core/profiles/parseProfiles';
import type { Profile } from '../core/profiles/profileSchema';
import { UsageError } from './cliTypes';

/**
 * The profiles of `<cwd>/.vscode/settings.json` (JSONC), validated one by one as the editor does;
 * `parsed` is undefined when the file cannot be read.
 */
export function readWorkspaceProfiles(cwd: string): {
  readonly file: string;
  readonly parsed: ParsedProfiles | undefined;
  /** Why it cannot be read (not a regular file, too deep), when that is known. */
  readonly reason?: string;
} {
  const file = join(cwd, '.vscode', 'settings.json');
  const r = readRegularFile(file);
  if (!r.ok) return { file, parsed: undefined, ...(r.reason ? { reason: r.reason } : {}) };
  let settings: unknown;
  try {
    settings = parseJsoncData(r.text);
  } catch (e) {
    return { file, parsed: undefined, reason: e instanceof Error ? e.message : String(e) };
  }
  // An own key only: `"__proto__": {"rosNetwork.profiles": …}` is data, not a second settings object.
  const list =
    typeof settings === 'object' && settings !== null && Object.hasOwn(settings, PROFILES_SETTING)
      ? (settings as Record<string, unknown>)[PROFILES_SETTING]
      : undefined;
  return { file, parsed: parseProfiles(list, 'workspace') };
}

/** `--profile NAME`: that profile of `<cwd>/.vscode/settings.json`, or a usage error saying what is there. */
export function workspaceProfile(name: string, cwd: string): Profile {
  const { file, parsed, reason } = readWorkspaceProfiles(cwd);
  // A file that exists but cannot be read is not a usage error (exit 1, not 2).
  if (!parsed && reason) throw new Error(`--profile reads ${file}, which cannot be read: ${reason}`);
  if (!parsed) throw new UsageError(`--profile reads ${file}, which cannot be read`);
  const found = parsed.profiles.find((p) => p.name === name);
  if (found) return found;
  const own = parsed.problems.filter((p) => p.profileName === name).map((p) => `${p.path} ${p.message}`);
  if (own.length) throw new UsageError(`profile '${name}' is invalid: ${own.join('; ')}`);
  const names = parsed.profiles.map((p) => p.name);
  const invalid = parsed.problems
    .map((p) => `\n  (invalid: ${p.path}${p.profileName ? ` ('${p.profileName}')` : ''} ${p.message})`)
    .join('');
  throw new UsageError(
    `no profile '${name}' in .vscode/settings.json (${PROFILES_SETTING}); profiles: ${names.length ? names.join(', ') : 'none'}${invalid}`,
  );
}
