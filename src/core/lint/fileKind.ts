import type { FileKind } from './types';

/** Which source a path is, by name (and for `.xml` under a launch folder, by place). */
export function detectKind(path: string): FileKind | undefined {
  const p = path.replace(/\\/g, '/');
  const base = p.slice(p.lastIndexOf('/') + 1);
  if (base === '.env' || base.endsWith('.env') || base.startsWith('.env.')) return 'dotenv';
  if (/^(docker-)?compose([.-][\w.-]+)?\.ya?ml$/.test(base)) return 'compose';
  if (base === 'devcontainer.json' || base === '.devcontainer.json') return 'devcontainer';
  if (base === 'settings.json' && /(^|\/)\.vscode\/settings\.json$/.test(p)) return 'settings';
  if (base.endsWith('.launch.py')) return 'ros2-launch-py';
  if (/\.launch\.ya?ml$/.test(base)) return 'ros2-launch-yaml';
  if (base.endsWith('.launch.xml')) return 'ros2-launch-xml';
  if (base.endsWith('.launch') || (base.endsWith('.xml') && /(^|\/)launch\//.test(p))) return 'ros1-launch';
  if (/\.(sh|bash|zsh)$/.test(base) || base === '.bashrc' || base === '.zshrc' || base === '.profile' || base === '.bash_profile')
    return 'shell';
  return undefined;
}
