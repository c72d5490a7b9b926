import { settingsProfileScope, settingsSource } from './sources/jsonSources';
import { hostFindings, hostInputs, type HostDeps, type HostFindingOptions } from './hostRules';
import type { Finding } from './types';

/**
 * URI004/HOST003 for one profile of a settings.json text: the active one, the only profile that
 * describes this machine. Nothing for a profile that is not in the text or targets ROS 2.
 */
export async function settingsHostFindings(
  text: string,
  profileName: string,
  deps: HostDeps,
  opts: HostFindingOptions = {},
): Promise<Finding[]> {
  const scope = settingsProfileScope(text, profileName);
  if (!scope) return [];
  const model = settingsSource(text);
  if (model.scopes?.get(scope)?.ros === 2) return [];
  return hostFindings(hostInputs(model.assignments, scope), deps, opts);
}
