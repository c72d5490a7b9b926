import { detectKind, MAX_LINT_BYTES } from '../lintEngine';
import { ROS_VARIABLE_BY_NAME, type RosVariable } from '../../ros/variables';
import { parseDomainIdLikeRcl, type PortRange, type TargetOs } from '../../ros/domain';
import { LineIndex, type Span } from '../../text/positions';
import { domainForCalculator, domainPortsMarkdown } from './domainPortsMarkdown';
import { sourceModel } from './sourceModel';
import type { Assignment } from '../types';

export interface HoverContext {
  readonly os: TargetOs;
  readonly ephemeral?: PortRange;
  /** The active profile for this file's folder; undefined when none is active. */
  readonly profile?: {
    readonly name: string;
    readonly variables: ReadonlyMap<string, string>;
    /** What VS Code terminals of the profile get (the env plan, pins included), and why each pin. */
    readonly terminal?: ReadonlyMap<string, string>;
    readonly pinned?: ReadonlyMap<string, string>;
  };
}

export interface HoverResult {
  readonly span: Span;
  readonly markdown: string;
}

function code(v: string): string {
  if (v === '') return '*(empty)*';
  const flat = v.replace(/\r?\n/g, ' ');
  return flat.includes('`') ? `\`\` ${flat} \`\`` : `\`${flat}\``;
}

function isAncestor(outer: string, inner: string): boolean {
  return inner === outer || inner.startsWith(`${outer}/`);
}

function scopeLabel(scope: string): string {
  // The file-level scopes ('file', 'launch') go unnamed; nested ones read better without the root.
  const inner = scope.replace(/^launch\//, '');
  return inner === 'file' || inner === 'launch' || inner === '' ? '' : ` (${inner})`;
}

/** The assignment that wins for `name` in `scope`: the last one in the file in that scope or an enclosing one. */
function effectiveIn(assignments: readonly Assignment[], name: string, scope: string): Assignment | undefined {
  let winner: Assignment | undefined;
  for (const a of assignments)
    if (a.name === name && isAncestor(a.scope, scope) && (!winner || a.keySpan.start >= winner.keySpan.start)) winner = a;
  return winner;
}

function describeValue(a: Assignment): string {
  if (a.op === 'unset') return 'unset';
  if (a.value === undefined) return 'taken from the environment (no value written)';
  return a.op === 'append' ? `${code(a.value)} appended` : code(a.value);
}

/** Markdown for a ROS variable: meaning, precedence, the value in this file/scope and the active profile's value. */
export function variableHoverMarkdown(
  v: RosVariable,
  where: { text: string; assignments: readonly Assignment[]; at?: Assignment },
  ctx: HoverContext,
): string {
  const lines = new LineIndex(where.text);
  const lineOf = (a: Assignment) => lines.positionAt(a.keySpan.start).line + 1;
  const out = [`**${v.name}**${v.ros ? ` (ROS ${v.ros})` : ''}`, '', v.summary];
  if (v.precedence) out.push('', `*Precedence:* ${v.precedence}`);
  out.push('');
  const mine = where.assignments.filter((a) => a.name === v.name);
  if (where.at) {
    const eff = effectiveIn(where.assignments, v.name, where.at.scope);
    if (eff && eff !== where.at)
      out.push(`*In this file${scopeLabel(where.at.scope)}:* overridden by line ${lineOf(eff)}: ${describeValue(eff)}`);
    else out.push(`*In this file${scopeLabel(where.at.scope)}:* ${describeValue(where.at)}`);
  } else if (mine.length) {
    const shown = mine.slice(0, 5).map((a) => `line ${lineOf(a)}${scopeLabel(a.scope)}: ${describeValue(a)}`);
    out.push(`*In this file:* ${shown.join('; ')}${mine.length > 5 ? `; and ${mine.length - 5} more` : ''}`);
  } else out.push('*In this file:* not set');
  out.push('');
  if (!ctx.profile) out.push('*Active profile:* none');
  else {
    const p = ctx.profile.variables.get(v.name);
    out.push(`*Active profile '${ctx.profile.name}':* ${p === undefined ? 'does not set it' : code(p)}`);
  }
  const wins = where.at && v.name === 'ROS_IP' ? rosIpWinner(where.at, where.assignments, lineOf, ctx) : undefined;
  if (wins) out.push('', `*What wins:* ${wins}`);
  return out.join('\n');
}

/**
 * ROS_HOSTNAME wins over ROS_IP (rosgraph, roscpp), also when it comes from the terminal the
 * launch or script runs in: say which address nodes started from here advertise.
 */
function rosIpWinner(
  at: Assignment,
  assignments: readonly Assignment[],
  lineOf: (a: Assignment) => number,
  ctx: HoverContext,
): string | undefined {
  if (at.op !== 'set' || at.value === undefined) return undefined;
  const ip = code(at.value);
  const h = effectiveIn(assignments, 'ROS_HOSTNAME', at.scope);
  if (h && h.op === 'set' && h.value)
    return `ROS_HOSTNAME on line ${lineOf(h)} (${code(h.value)}): nodes advertise it and ignore this ROS_IP.`;
  const p = ctx.profile;
  const th = p?.terminal?.get('ROS_HOSTNAME');
  if (p && th) {
    const why = p.pinned?.get('ROS_HOSTNAME');
    return `started from a VS Code terminal of '${p.name}', nodes advertise ${code(th)}, not ${ip}: the terminal has ROS_HOSTNAME=${code(th)} (${why ? `pinned: ${why}` : 'set by the profile'}), and ROS_HOSTNAME wins over ROS_IP. Set ROS_HOSTNAME to the same address here for this value to take effect.`;
  }
  if (p?.terminal)
    return `this value, when started from a VS Code terminal of '${p.name}': it does not set ROS_HOSTNAME (a ROS_HOSTNAME from another shell would still win).`;
  return undefined;
}

function domainHover(raw: string, ctx: HoverContext): string {
  const parsed = parseDomainIdLikeRcl(raw);
  if (parsed.kind === 'unset')
    return `**ROS_DOMAIN_ID** is empty: rcl uses domain 0.\n\n${domainPortsMarkdown(0, { os: ctx.os, ...(ctx.ephemeral ? { linuxEphemeral: ctx.ephemeral } : {}) })}`;
  if (parsed.kind === 'error') return `**ROS_DOMAIN_ID ${code(raw)}**: ${parsed.why}. Use a plain decimal from 0 to 232.`;
  const opts = { os: ctx.os, rows: 2, ...(ctx.ephemeral ? { linuxEphemeral: ctx.ephemeral } : {}) };
  const table =
    domainForCalculator(parsed.value) === undefined ? domainPortsMarkdown(parsed.value) : domainPortsMarkdown(parsed.value, opts);
  return parsed.kind === 'lenient' ? `${code(raw)} is read by rcl as **${parsed.value}** (${parsed.why}).\n\n${table}` : table;
}

function wordAt(text: string, offset: number): Span | undefined {
  const isWord = (i: number) => i >= 0 && i < text.length && /[A-Za-z0-9_]/.test(text[i]!);
  let start = offset;
  let end = offset;
  while (isWord(start - 1)) start--;
  while (isWord(end)) end++;
  return end > start ? { start, end } : undefined;
}

const within = (s: Span, o: number) => o >= s.start && o <= s.end;

/**
 * What to show when hovering at `offset` of a supported file: the port table on a ROS_DOMAIN_ID
 * value, the variable's documentation on a ROS variable name (or its value). Never throws.
 */
export function hoverAt(path: string, text: string, offset: number, ctx: HoverContext): HoverResult | undefined {
  const kind = detectKind(path, text);
  if (!kind || text.length > MAX_LINT_BYTES) return undefined;
  let assignments: readonly Assignment[] = [];
  try {
    assignments = sourceModel(kind, text).assignments.filter((a) => !a.name.startsWith('__'));
  } catch {
    // A file the parsers cannot read still gets hovers on variable names.
  }
  const onValue = assignments.find(
    (a) => a.value !== undefined && a.op !== 'unset' && within(a.valueSpan, offset) && a.valueSpan.end > a.valueSpan.start,
  );
  if (onValue?.name === 'ROS_DOMAIN_ID') return { span: onValue.valueSpan, markdown: domainHover(onValue.value!, ctx) };
  const onKey = assignments.find((a) => within(a.keySpan, offset));
  const at = onKey ?? onValue;
  if (at) {
    const v = ROS_VARIABLE_BY_NAME.get(at.name);
    if (v) return { span: onKey ? onKey.keySpan : at.valueSpan, markdown: variableHoverMarkdown(v, { text, assignments, at }, ctx) };
  }
  const word = wordAt(text, offset);
  const v = word && ROS_VARIABLE_BY_NAME.get(text.slice(word.start, word.end));
  return word && v ? { span: word, markdown: variableHoverMarkdown(v, { text, assignments }, ctx) } : undefined;
}
