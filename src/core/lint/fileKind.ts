import { isStartupFileName } from '../env/startupFiles';
import type { FileKind } from './types';

const SHELL_RC = new Set(['.bashrc', 'bashrc', 'bash.rc', '.zshrc', 'zshrc', '.profile', '.bash_profile', '.bash_aliases', '.zprofile']);

/** Which source a path is by its name alone (other `.xml` files by their root element: kindByContent). */
export function kindByName(path: string): FileKind | undefined {
  const p = path.replace(/\\/g, '/');
  const base = p.slice(p.lastIndexOf('/') + 1);
  const lower = base.toLowerCase();
  if (base === '.env' || base.endsWith('.env') || base.startsWith('.env.')) return 'dotenv';
  if (
    /^(docker-)?compose([.-][\w.-]+)?\.ya?ml$/.test(lower) ||
    /[\w.-][.-]docker-compose([.-][\w.-]+)?\.ya?ml$/.test(lower) ||
    /[\w-]\.compose\.ya?ml$/.test(lower)
  )
    return 'compose';
  if (base === 'devcontainer.json' || base === '.devcontainer.json') return 'devcontainer';
  // Workspace settings, and user settings (where the Create Profile wizard writes by default).
  if (base === 'settings.json' && /(^|\/)(\.vscode|User|User\/profiles\/[^/]+)\/settings\.json$/.test(p)) return 'settings';
  if (/[._]launch\.py$/.test(base)) return 'ros2-launch-py';
  if (/[._]launch\.ya?ml$/.test(base)) return 'ros2-launch-yaml';
  if (/[._]launch\.xml$/.test(base)) return 'ros2-launch-xml';
  if (base.endsWith('.launch')) return 'ros1-launch';
  if (/\.(sh|bash|zsh)(\.in)?$/.test(base) || SHELL_RC.has(lower) || isStartupFileName(base)) return 'shell';
  return undefined;
}

/** Names whose content decides: XML, rostest, Python, YAML, and files without an extension (shebang). */
export function mayBeKindByContent(path: string): boolean {
  const p = path.replace(/\\/g, '/');
  const base = p.slice(p.lastIndexOf('/') + 1);
  return /\.(xml|test|py|ya?ml)$/i.test(base) || !base.slice(1).includes('.');
}

const XML_LAUNCH_ROOT = /^(?:\uFEFF)?\s*(?:<\?xml[^>]*\?>\s*)?(?:(?:<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)\s*)*<launch[\s>/]/;
const SHEBANG_SHELL = /^#!\s*(?:\/usr)?\/bin\/(?:env\s+(?:-\S+\s+)*)?(?:ba|z|da|k)?sh\b/;
const PY_LAUNCH = /^\s*def\s+generate_launch_description\s*\(/m;
const YAML_LAUNCH = /^launch\s*:/m;
const YAML_SERVICES = /^services\s*:/m;
const YAML_IMAGE_OR_BUILD = /^\s+(?:image|build)\s*:/m;

/** The kind the content shows, for a file whose name says nothing. */
export function kindByContent(path: string, text: string): FileKind | undefined {
  const base = path.replace(/\\/g, '/').split('/').pop()!;
  const ext = /\.([A-Za-z]+)$/.exec(base)?.[1]?.toLowerCase();
  if (ext === 'xml' || ext === 'test') return XML_LAUNCH_ROOT.test(text) ? 'ros1-launch' : undefined;
  if (ext === 'py') return PY_LAUNCH.test(text) ? 'ros2-launch-py' : undefined;
  if (ext === 'yaml' || ext === 'yml') {
    if (YAML_LAUNCH.test(text)) return 'ros2-launch-yaml';
    if (YAML_SERVICES.test(text) && YAML_IMAGE_OR_BUILD.test(text)) return 'compose';
    return undefined;
  }
  return SHEBANG_SHELL.test(text) ? 'shell' : undefined;
}

/**
 * Which source a file is: by name, then (with its text) by content where names lie — roslaunch
 * XML and rostest files anywhere, Python with generate_launch_description, YAML launch and
 * compose files under other names, shell scripts by shebang.
 */
export function detectKind(path: string, text?: string): FileKind | undefined {
  return kindByName(path) ?? (text !== undefined && mayBeKindByContent(path) ? kindByContent(path, text) : undefined);
}
