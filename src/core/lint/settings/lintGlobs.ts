/**
 * Glob patterns of the files the linter reads, for document selectors and workspace searches.
 * They are a cheap first filter (no parser is loaded to match them); detectKind has the last word.
 */
export const LINT_GLOBS: readonly string[] = [
  '**/.env',
  '**/*.env',
  '**/.env.*',
  '**/*.{sh,bash,zsh}',
  '**/*.{sh,bash,zsh}.in',
  '**/{.bashrc,bashrc,bash.rc,.zshrc,zshrc,.profile,.bash_profile,.bash_aliases,.zprofile,.bash_login,.zshenv,.zlogin}',
  '**/compose*.{yml,yaml}',
  '**/*docker-compose*.{yml,yaml}',
  '**/*.compose.{yml,yaml}',
  '**/*.launch',
  '**/*{.,_}launch.xml',
  '**/*{.,_}launch.py',
  '**/*{.,_}launch.{yml,yaml}',
  '**/devcontainer.json',
  '**/.devcontainer.json',
  '**/.vscode/settings.json',
];

export const DEFAULT_LINT_EXCLUDE: readonly string[] = ['**/node_modules/**', '**/.git/**'];
