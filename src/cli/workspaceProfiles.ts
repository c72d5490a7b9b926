import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { parseProfiles, PROFILES_SETTING, type ParsedProfiles } from '../core/profiles/parseProfiles';

/**
 * The profiles of `<cwd>/.vscode/settings.json` (JSONC), validated one by one as the editor does;
 * `parsed` is undefined when the file cannot be read. Each subcommand words its own errors.
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
