import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { parseProfiles, PROFILES_SETTING, type ParsedProfiles } from '../core/profiles/parseProfiles';
import type { Profile } from '../core/profiles/profileSchema';
import { UsageError } from './cliTypes';

/**
 * The profiles of `<cwd>/.vscode/settings.json` (JSONC), validated one by one as the editor does;
 * `parsed` is undefined when the file cannot be read.
 */
export function readWorkspaceProfiles(cwd: string): { readonly file: string; readonly parsed: ParsedProfiles | undefined } {
  const file = join(cwd, '.vscode', 'settings.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { file, parsed: undefined };
  }
  const settings = parseJsonc(text, [], { allowTrailingComma: true }) as Record<string, unknown> | undefined;
  return { file, parsed: parseProfiles(settings?.[PROFILES_SETTING], 'workspace') };
}

/** `--profile NAME`: that profile of `<cwd>/.vscode/settings.json`, or a usage error saying what is there. */
export function workspaceProfile(name: string, cwd: string): Profile {
  const { file, parsed } = readWorkspaceProfiles(cwd);
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
