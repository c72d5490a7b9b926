import type { EnvPlan } from './envPlan';
import { sanitizeForTerminal } from '../text/sanitize';

export type ExportFormat = 'shell' | 'dotenv' | 'dotenv-python' | 'dotenv-node' | 'docker' | 'compose';

// The .env readers disagree (test/unit/core/exportConsumers.test.ts reads every format back with the
// real ones): python-dotenv decodes `\\` and `\'` even in single quotes and expands `${X}` even there;
// Node's util.parseEnv and the dotenv package decode nothing but `\n`/`\r` in double quotes and turn
// every CR into LF. So `dotenv` writes only what all of them read alike and refuses the rest, and the
// two variants target one reader each.
export const EXPORT_FORMATS: ReadonlyArray<{ id: ExportFormat; label: string; detail: string }> = [
  { id: 'shell', label: 'Shell export lines', detail: 'export ROS_MASTER_URI=… for bash, zsh, dash (source or eval)' },
  {
    id: 'dotenv',
    label: '.env file content',
    detail: 'read alike by docker compose, python-dotenv, Node (dotenv, util.parseEnv) and `set -a; source`',
  },
  { id: 'dotenv-python', label: '.env for python-dotenv', detail: 'python-dotenv (and docker-compose v1, which uses it)' },
  { id: 'dotenv-node', label: '.env for Node', detail: "Node's util.parseEnv / --env-file and the dotenv package" },
  { id: 'docker', label: 'docker run -e flags', detail: '-e KEY=value arguments for docker run' },
  { id: 'compose', label: 'Compose environment: block', detail: 'environment: mapping for a docker compose service' },
];

/** A value a format cannot carry: the text names the value, why, and the formats that can. */
export class ExportRefused extends Error {
  override readonly name = 'ExportRefused';
}

/**
 * POSIX single-quoting: the only character that needs care inside '…' is the quote itself.
 * Nothing inside single quotes is expanded, so `$`, `;`, `&`, backticks and newlines are inert.
 */
export function shellQuote(value: string): string {
  // Not starting with '=': zsh expands a word that begins with it (`=cmd` is the path of cmd).
  if (/^[A-Za-z0-9_@%+:,./-][A-Za-z0-9_@%+=:,./-]*$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Why no environment can hold the value at all, or undefined. */
function unrepresentable(value: string): string | undefined {
  if (value.includes('\0')) return 'it contains a NUL character, which no environment variable can hold';
  if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value))
    return 'it contains a lone UTF-16 surrogate, which UTF-8 cannot carry';
  return undefined;
}

/** python-dotenv expands `${NAME}` and `${NAME:-default}` in every kind of value, with no escape. */
const PY_INTERPOLATION = /\$\{[^}]*\}/;

/**
 * The portable .env value: single-quoted, for values every reader takes literally there (no quote, no
 * backslash, no CR, no `${…}`); undefined otherwise.
 */
export function dotenvQuote(value: string): string | undefined {
  if (/['\\\r]/.test(value) || PY_INTERPOLATION.test(value)) return undefined;
  return `'${value}'`;
}

/** Whether bash, sourcing the file by mistake, would expand or run anything inside "…": $ and backticks. */
const SHELL_ACTIVE_IN_DOUBLE = /[$`]/;

/**
 * python-dotenv (Debian's 0.21): single quotes when the value has no quote, backslash or CR (it decodes
 * `\\` and `\'` even there); else double quotes, in which it decodes `\\`, `\"` and `\r`. It expands
 * `${…}` in every kind of value and has no escape for `$`: such values are refused, and so is a `$` or
 * backtick in double quotes, which bash would run if the file were sourced.
 */
export function pythonDotenvQuote(value: string): string | undefined {
  if (PY_INTERPOLATION.test(value)) return undefined;
  if (!/['\\\r]/.test(value)) return `'${value}'`;
  // Its quoted-value regex takes `\\"` (an escaped backslash, then the closing quote) as an escaped
  // quote and runs on into the next lines: a value ending in a backslash goes unquoted, where nothing
  // is decoded, if it is one plain word.
  if (value.endsWith('\\')) return /^[A-Za-z0-9_@%+=:,./\\-]+$/.test(value) ? value : undefined;
  if (SHELL_ACTIVE_IN_DOUBLE.test(value)) return undefined;
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\r/g, '\\r')}"`;
}

/**
 * Node's util.parseEnv and the dotenv package: quotes are literal, only double quotes decode `\n`, a
 * CR in the file is read as LF (and util.parseEnv decodes no `\r`): CR is refused. Single quotes,
 * else double quotes for a value bash would also read inertly (backticks, which Node accepts too,
 * would run a command if the file were sourced).
 */
export function nodeDotenvQuote(value: string): string | undefined {
  if (value.includes('\r')) return undefined;
  if (!value.includes("'")) return `'${value}'`;
  if (!/["\\$`]/.test(value)) return `"${value.replace(/\n/g, '\\n')}"`;
  return undefined;
}

/**
 * For the linter's "Quote the value" fix in a file the user keeps: the portable quoting when it
 * fits, else double quotes with `\\ " $ `` escaped, which bash and docker compose read alike.
 */
export function dotenvFixQuote(value: string): string {
  return dotenvQuote(value) ?? `"${value.replace(/[\\"$`]/g, (c) => `\\${c}`)}"`;
}

/**
 * A YAML double-quoted scalar with compose interpolation disabled (`$` → `$$`). Characters that YAML
 * 1.1 readers (PyYAML, libyaml) take as line breaks (U+0085, U+2028, U+2029) or refuse as
 * non-printable (C0, DEL, C1, U+FEFF, U+FFFE/F) are written as \u escapes, which both YAML versions read.
 */
export function composeQuote(value: string): string {
  return JSON.stringify(value.replace(/\$/g, '$$$$')).replace(
    /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

const QUOTERS: Partial<Record<ExportFormat, (v: string) => string | undefined>> = {
  dotenv: dotenvQuote,
  'dotenv-python': pythonDotenvQuote,
  'dotenv-node': nodeDotenvQuote,
};

/** The value as quoted in a refusal: one line, no control reaches a terminal or toast, at most ~80 characters. */
function excerpt(value: string): string {
  const q = sanitizeForTerminal(JSON.stringify(value));
  return q.length > 80 ? `${q.slice(0, 60)}…" (${value.length} characters)` : q;
}

/** The formats that can carry `value` (for the refusal message). */
function carriers(value: string): string {
  return EXPORT_FORMATS.filter((f) => (QUOTERS[f.id] ? QUOTERS[f.id]!(value) !== undefined : true))
    .map((f) => f.label)
    .join(', ');
}

export function renderExport(plan: EnvPlan, format: ExportFormat): string {
  for (const e of plan.entries) {
    const why = e.kind === 'blanked' ? undefined : unrepresentable(e.value);
    if (why) throw new ExportRefused(`${e.name} cannot be exported: ${why}.`);
  }
  const lines: string[] = [];
  // The profile name is the user's text: one line, controls and line separators shown as escapes.
  const header = `# ${sanitizeForTerminal(`ROS Network profile: ${plan.profileName}`)}`;
  switch (format) {
    case 'shell':
      lines.push(header);
      for (const e of plan.entries) lines.push(e.kind === 'blanked' ? `unset ${e.name}` : `export ${e.name}=${shellQuote(e.value)}`);
      break;
    case 'dotenv':
    case 'dotenv-python':
    case 'dotenv-node': {
      const quote = QUOTERS[format]!;
      lines.push(header);
      for (const e of plan.entries) {
        if (e.kind === 'blanked') {
          lines.push(`${e.name}=`);
          continue;
        }
        // Quoted only where a consumer needs it: dotenv-linter's QuoteCharacter reports quotes that are not.
        const q = /^[A-Za-z0-9_@%+:,./-]+$/.test(e.value) ? e.value : quote(e.value);
        if (q === undefined) {
          const label = EXPORT_FORMATS.find((f) => f.id === format)!.label;
          throw new ExportRefused(
            `${e.name} cannot be written as ${label}: its value ${excerpt(e.value)} would be read back differently. It fits: ${carriers(e.value)}.`,
          );
        }
        lines.push(`${e.name}=${q}`);
      }
      break;
    }
    case 'docker':
      return plan.entries.map((e) => `-e ${shellQuote(`${e.name}=${e.value}`)}`).join(' ');
    case 'compose':
      lines.push(header, 'environment:');
      for (const e of plan.entries) lines.push(`  ${e.name}: ${composeQuote(e.value)}`);
      break;
  }
  return lines.join('\n') + '\n';
}
