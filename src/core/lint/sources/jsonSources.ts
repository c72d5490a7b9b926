import { parseTree, findNodeAtLocation, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { imageContext } from '../imageContext';
import { JsonTooDeep, jsonNestsDeeper } from '../../util/jsoncData';
import { PROFILES_SETTING } from '../../profiles/parseProfiles';
import type { Assignment, Finding, SourceModel, WordPart } from '../types';
import { containerFindings, containerRun, type ArgWord } from './dockerRun';
import { ROS1_KEYS, type RosGeneration } from '../../ros/variables';

function parseJson(text: string, findings: Finding[]): JsonNode | undefined {
  // parseTree recurses per level: a 100k-deep array would overflow the stack.
  if (jsonNestsDeeper(text)) {
    findings.push({
      code: 'FMT001',
      severity: 'error',
      message: `JSON: not read, ${new JsonTooDeep().message}`,
      span: { start: 0, end: 0 },
    });
    return undefined;
  }
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

/** devcontainer.json: containerEnv, remoteEnv, and runArgs read as `docker run` options (-e, --network, --ipc, -p …). */
export function devcontainerSource(text: string): SourceModel {
  const findings: Finding[] = [];
  const assignments: Assignment[] = [];
  const root = parseJson(text, findings);
  if (!root) return { kind: 'devcontainer', text, assignments, findings };
  objectEntries(findNodeAtLocation(root, ['containerEnv']), 'container', assignments);
  objectEntries(findNodeAtLocation(root, ['remoteEnv']), 'container', assignments);
  const image = findNodeAtLocation(root, ['image'])?.value;
  const runArgs = findNodeAtLocation(root, ['runArgs']);
  const scopes = new Map<string, { ros?: RosGeneration; distro?: string }>();
  if (runArgs?.type === 'array') {
    // runArgs are `docker run` options: the same reader and container rules as a script's docker run.
    const at = { start: runArgs.offset, end: runArgs.offset };
    const implicit = (t: string): ArgWord => ({ text: t, parts: [{ text: t, dynamic: false }], span: at });
    const words = (runArgs.children ?? []).map((n): ArgWord => {
      const span = { start: n.offset, end: n.offset + n.length };
      if (n.type !== 'string') return { text: undefined, parts: [{ text: text.slice(span.start, span.end), dynamic: true }], span };
      const v = String(n.value);
      // ${localEnv:X} and friends are substituted when the container is created.
      const dynamic = v.includes('${');
      const inner = strSpan(n);
      return {
        text: dynamic ? undefined : v,
        parts: dynamic ? splitSubstitutions(v) : [{ text: v, dynamic: false }],
        span,
        ...(text.slice(inner.start, inner.end) === v ? { inner } : {}),
      };
    });
    const run = containerRun([implicit('docker'), implicit('run'), ...words, implicit('image')], 'container');
    if (run) {
      for (const a of run.env) assignments.push(a);
      const env = assignments.filter((a) => a.scope === 'container');
      const c = containerFindings([{ ...run, env, ...(typeof image === 'string' ? { image } : {}) }], text, 'json');
      findings.push(...c.findings);
      for (const [k, v] of c.scopes) scopes.set(k, v);
    }
  }
  const ctx = typeof image === 'string' ? imageContext(image) : {};
  return {
    kind: 'devcontainer',
    text,
    assignments,
    findings,
    ...(ctx.ros ? { ros: ctx.ros } : {}),
    ...(ctx.distro ? { distro: ctx.distro } : {}),
    ...(scopes.size ? { scopes } : {}),
  };
}

/** `a${localEnv:X}b` as literal and substituted parts. */
function splitSubstitutions(v: string): WordPart[] {
  return v
    .split(/(\$\{[^}]*\})/)
    .filter(Boolean)
    .map((p) => ({ text: p, dynamic: p.startsWith('${') }));
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
  if (jsonNestsDeeper(text)) return undefined;
  const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  const list = root && findNodeAtLocation(root, [PROFILES_SETTING]);
  const i = (list?.type === 'array' ? (list.children ?? []) : []).findIndex(
    (p) => p.type === 'object' && findNodeAtLocation(p, ['name'])?.value === name,
  );
  return i < 0 ? undefined : `profile#${i}`;
}
