import { parseTree, findNodeAtLocation, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { imageContext } from '../imageContext';
import { PROFILES_SETTING } from '../../profiles/parseProfiles';
import type { Assignment, Finding, SourceModel } from '../types';
import { ROS1_KEYS, type RosGeneration } from '../../ros/variables';

function parseJson(text: string, findings: Finding[]): JsonNode | undefined {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  for (const e of errors.slice(0, 3))
    findings.push({
      code: 'FMT001',
      severity: 'error',
      message: `JSON: ${printParseErrorCode(e.error)}`,
      span: { start: e.offset, end: e.offset + Math.max(1, e.length) },
    });
  return root;
}

function strSpan(n: JsonNode): { start: number; end: number } {
  // An unterminated string at end of input has no closing quote (length 1 for a lone '"').
  return n.type === 'string'
    ? { start: n.offset + 1, end: Math.max(n.offset + 1, n.offset + n.length - 1) }
    : { start: n.offset, end: n.offset + n.length };
}

function objectEntries(obj: JsonNode | undefined, scope: string, out: Assignment[]): void {
  if (!obj || obj.type !== 'object') return;
  for (const prop of obj.children ?? []) {
    const [k, v] = prop.children ?? [];
    if (!k || typeof k.value !== 'string') continue;
    out.push({
      name: k.value,
      value: v && v.value !== null && v.value !== undefined && typeof v.value !== 'object' ? String(v.value) : undefined,
      keySpan: strSpan(k),
      valueSpan: v ? strSpan(v) : strSpan(k),
      op: 'set',
      scope,
    });
  }
}

/** devcontainer.json: containerEnv, remoteEnv, and `-e K=V` / `--env` / `--net` in runArgs. */
export function devcontainerSource(text: string): SourceModel {
  const findings: Finding[] = [];
  const assignments: Assignment[] = [];
  const root = parseJson(text, findings);
  if (!root) return { kind: 'devcontainer', text, assignments, findings };
  objectEntries(findNodeAtLocation(root, ['containerEnv']), 'container', assignments);
  objectEntries(findNodeAtLocation(root, ['remoteEnv']), 'container', assignments);
  const runArgs = findNodeAtLocation(root, ['runArgs']);
  const args = (runArgs?.children ?? []).filter((n) => n.type === 'string');
  args.forEach((n, i) => {
    let v = String(n.value);
    let s = strSpan(n);
    if ((v === '-e' || v === '--env') && args[i + 1]) {
      v = String(args[i + 1]!.value);
      s = strSpan(args[i + 1]!);
    } else if (v.startsWith('--env=')) {
      s = { start: s.start + 6, end: s.end };
      v = v.slice(6);
    } else return;
    const eq = v.indexOf('=');
    const key = eq < 0 ? v : v.slice(0, eq);
    assignments.push({
      name: key,
      value: eq < 0 ? undefined : v.slice(eq + 1),
      keySpan: { start: s.start, end: s.start + key.length },
      valueSpan: eq < 0 ? { start: s.end, end: s.end } : { start: s.start + eq + 1, end: s.end },
      op: 'set',
      scope: 'container',
    });
  });
  const image = findNodeAtLocation(root, ['image'])?.value;
  const ctx = typeof image === 'string' ? imageContext(image) : {};
  return {
    kind: 'devcontainer',
    text,
    assignments,
    findings,
    ...(ctx.ros ? { ros: ctx.ros } : {}),
    ...(ctx.distro ? { distro: ctx.distro } : {}),
  };
}

/** settings.json: each profile of rosNetwork.profiles is one scope. */
export function settingsSource(text: string): SourceModel {
  const findings: Finding[] = [];
  const assignments: Assignment[] = [];
  const scopes = new Map<string, { ros?: RosGeneration }>();
  const root = parseJson(text, findings);
  const list = root && findNodeAtLocation(root, [PROFILES_SETTING]);
  (list?.type === 'array' ? (list.children ?? []) : []).forEach((p, i) => {
    if (p.type !== 'object') return;
    const scope = `profile#${i}`;
    const before = assignments.length;
    objectEntries(p, scope, assignments);
    const env = findNodeAtLocation(p, ['env']);
    objectEntries(env, scope, assignments);
    // Only environment variables: drop the profile's own fields.
    const own = assignments.splice(before).filter((a) => /^[A-Z][A-Z0-9_]*$/.test(a.name));
    for (const a of own) assignments.push(a);
    const version = findNodeAtLocation(p, ['rosVersion'])?.value;
    const ros = version === 1 || version === 2 ? version : own.some((a) => ROS1_KEYS.includes(a.name)) ? 1 : own.length ? 2 : undefined;
    scopes.set(scope, ros ? { ros } : {});
  });
  return { kind: 'settings', text, assignments, findings, scopes };
}

/** The scope (`profile#i`) of the profile named `name` in a settings.json text, or undefined. */
export function settingsProfileScope(text: string, name: string): string | undefined {
  const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  const list = root && findNodeAtLocation(root, [PROFILES_SETTING]);
  const i = (list?.type === 'array' ? (list.children ?? []) : []).findIndex(
    (p) => p.type === 'object' && findNodeAtLocation(p, ['name'])?.value === name,
  );
  return i < 0 ? undefined : `profile#${i}`;
}
