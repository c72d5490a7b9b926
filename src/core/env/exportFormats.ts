import type { EnvPlan } from './envPlan';

export type ExportFormat = 'shell' | 'dotenv' | 'docker' | 'compose';

export const EXPORT_FORMATS: ReadonlyArray<{ id: ExportFormat; label: string; detail: string }> = [
  { id: 'shell', label: 'Shell export lines', detail: 'export ROS_MASTER_URI=… for bash/zsh/sh' },
  { id: 'dotenv', label: '.env file content', detail: 'KEY=value lines for docker compose, python-dotenv and `set -a; source`' },
  { id: 'docker', label: 'docker run -e flags', detail: '-e KEY=value arguments for docker run' },
  { id: 'compose', label: 'Compose environment: block', detail: 'environment: mapping for a docker compose service' },
];

/**
 * POSIX single-quoting: the only character that needs care inside '…' is the quote itself.
 * Nothing inside single quotes is expanded, so `$`, `;`, `&`, backticks and newlines are inert.
 */
export function shellQuote(value: string): string {
  if (value !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * A .env value readable by docker compose, python-dotenv and bash `source` alike: single quotes are
 * literal in all three. A value containing a single quote is double-quoted with `\\`, `"`, `$` and
 * backtick escaped (bash and compose agree on these escapes).
 */
export function dotenvQuote(value: string): string {
  if (!value.includes("'")) return `'${value}'`;
  return `"${value.replace(/[\\"$`]/g, (c) => `\\${c}`)}"`;
}

/** A YAML double-quoted scalar with compose interpolation disabled (`$` → `$$`). */
export function composeQuote(value: string): string {
  return JSON.stringify(value.replace(/\$/g, '$$$$'));
}

export function renderExport(plan: EnvPlan, format: ExportFormat): string {
  const lines: string[] = [];
  const header = `ROS Network profile: ${plan.profileName}`.replace(/[\r\n]+/g, ' ');
  switch (format) {
    case 'shell':
      lines.push(`# ${header}`);
      for (const e of plan.entries) lines.push(e.kind === 'blanked' ? `unset ${e.name}` : `export ${e.name}=${shellQuote(e.value)}`);
      break;
    case 'dotenv':
      lines.push(`# ${header}`);
      for (const e of plan.entries) lines.push(`${e.name}=${e.kind === 'blanked' ? '' : dotenvQuote(e.value)}`);
      break;
    case 'docker':
      return plan.entries.map((e) => `-e ${shellQuote(`${e.name}=${e.value}`)}`).join(' ');
    case 'compose':
      lines.push(`# ${header}`, 'environment:');
      for (const e of plan.entries) lines.push(`  ${e.name}: ${composeQuote(e.value)}`);
      break;
  }
  return lines.join('\n') + '\n';
}
