/**
 * Glob patterns of the files the linter reads, for document selectors and workspace searches.
 * They are a cheap first filter (no parser is loaded to match them); detectKind has the last word.
 */
export const LINT_GLOBS: readonly string[] = [
  '**/.env',
  '**/*.env',
  '**/.env.*',
  '**/*.sh',
  '**/*.bash',
  '**/*.zsh',
  '**/.bashrc',
  '**/.zshrc',
  '**/.profile',
  '**/.bash_profile',
  '**/compose*.{yml,yaml}',
  '**/docker-compose*.{yml,yaml}',
  '**/*.launch',
  '**/launch/**/*.xml',
  '**/*.launch.xml',
  '**/*.launch.py',
  '**/*.launch.{yml,yaml}',
  '**/devcontainer.json',
  '**/.devcontainer.json',
  '**/.vscode/settings.json',
];

export const DEFAULT_LINT_EXCLUDE: readonly string[] = ['**/node_modules/**', '**/.git/**'];
