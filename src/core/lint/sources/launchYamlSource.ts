import { readYaml, type YMap, type YNode, type YScalar, type YSeq } from './yamlFast';
import type { Assignment, Finding, SourceModel } from '../types';

type Span = { start: number; end: number };

const isMap = (n: YNode | null | undefined): n is YMap => n?.kind === 'map';
const isScalar = (n: YNode | null | undefined): n is YScalar => n?.kind === 'scalar';
const isSeq = (n: YNode | null | undefined): n is YSeq => n?.kind === 'seq';

function span(n: YNode | null | undefined): Span {
  return n ? { start: n.start, end: n.end } : { start: 0, end: 0 };
}
function inner(n: YNode): Span {
  const s = span(n);
  return isScalar(n) && (n.style === 'double' || n.style === 'single') ? { start: s.start + 1, end: Math.max(s.start + 1, s.end - 1) } : s;
}
function field(m: YMap, key: string): YNode | null | undefined {
  return m.items.find((p) => isScalar(p.key) && p.key.value === key)?.value;
}

/**
 * Every key whose value this source reads, at any depth. Other values (params, remaps, arguments,
 * includes …) are checked for syntax by the fast YAML reader but not built: they are most of a launch
 * file and were most of its allocations.
 */
const READ_KEYS: ReadonlySet<string> = new Set(['launch', 'set_env', 'unset_env', 'append_env', 'group', 'actions', 'children', 'node', 'executable', 'name', 'value', 'separator', 'exec', 'cmd', 'env']);
const skipUnread = (key: string): boolean => !READ_KEYS.has(key);

/** ROS 2 YAML launch files: set_env / unset_env / append_env actions and node `env:` lists, in groups. */
export function launchYamlSource(text: string): SourceModel {
  const findings: Finding[] = [];
  const assignments: Assignment[] = [];
  const doc = readYaml(text, { uniqueKeys: false }, skipUnread);
  for (const e of doc.errors) findings.push({ code: 'FMT005', severity: 'error', message: `YAML: ${e.message.split('\n')[0]}`, span: { start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1) } });
  let seq = 0;
  const entry = (action: string, body: YNode | null, scope: string, keyNode: YNode | null) => {
    if (!isMap(body)) return;
    const name = field(body, 'name');
    const value = field(body, 'value');
    if (!isScalar(name)) {
      findings.push({ code: 'FMT005', severity: 'error', message: `${action} needs a name`, span: span(keyNode) });
      return;
    }
    assignments.push({ name: String(name.value), value: isScalar(value) && value.value !== null ? String(value.value) : undefined, keySpan: inner(name), valueSpan: value ? inner(value) : inner(name), op: action === 'unset_env' ? 'unset' : action === 'append_env' ? 'append' : 'set', scope });
    const sep = field(body, 'separator');
    if (action === 'append_env' && ['ROS_STATIC_PEERS', 'ROS_DISCOVERY_SERVER'].includes(String(name.value)) && !(isScalar(sep) && sep.value === ';')) {
      findings.push({ code: 'FMT005', severity: 'error', message: `append_env on ${name.value} joins with ':' by default, which breaks the ';'-separated list; add separator: ";"`, span: span(keyNode) });
    }
  };
  const walk = (list: YNode | null | undefined, scope: string) => {
    if (!isSeq(list)) return;
    for (const item of list.items) {
      if (!isMap(item)) continue;
      for (const p of item.items) {
        const k = p.key;
        const action = isScalar(k) ? String(k.value) : '';
        const body = p.value;
        if (['set_env', 'unset_env', 'append_env'].includes(action)) entry(action, body, scope, k);
        else if (action === 'group' && isMap(body)) walk(field(body, 'actions') ?? field(body, 'children'), `${scope}/group#${++seq}`);
        else if ((action === 'node' || action === 'executable') && isMap(body)) {
          const nodeName = field(body, 'name') ?? field(body, 'exec') ?? field(body, 'cmd');
          const nodeScope = `${scope}/node:${isScalar(nodeName) ? String(nodeName.value) : ++seq}`;
          const env = field(body, 'env');
          if (isSeq(env)) for (const e of env.items) entry('env', e, nodeScope, e);
        }
      }
    }
  };
  const root = doc.contents;
  if (isMap(root)) walk(field(root, 'launch'), 'launch');
  else if (isSeq(root)) walk(root, 'launch');
  return { kind: 'ros2-launch-yaml', text, assignments, findings, ros: 2 };
}
