import { innerSpan, isYMap, isYScalar, isYSeq, nodeSpan, readYaml, type YMap, type YNode } from './yamlFast';
import type { Assignment, Finding, SourceModel } from '../types';

function field(m: YMap, key: string): YNode | null | undefined {
  return m.items.find((p) => isYScalar(p.key) && p.key.value === key)?.value;
}

/**
 * Every key whose value this source reads, at any depth. Other values (params, remaps, arguments,
 * includes …) are checked for syntax by the fast YAML reader but not built: they are most of a launch
 * file and were most of its allocations.
 */
const READ_KEYS: ReadonlySet<string> = new Set([
  'launch',
  'set_env',
  'unset_env',
  'append_env',
  'group',
  'actions',
  'children',
  'node',
  'executable',
  'name',
  'value',
  'separator',
  'exec',
  'cmd',
  'env',
]);
const skipUnread = (key: string): boolean => !READ_KEYS.has(key);

/** ROS 2 YAML launch files: set_env / unset_env / append_env actions and node `env:` lists, in groups. */
export function launchYamlSource(text: string): SourceModel {
  const findings: Finding[] = [];
  const assignments: Assignment[] = [];
  const doc = readYaml(text, { uniqueKeys: false }, skipUnread);
  for (const e of doc.errors)
    findings.push({
      code: 'FMT005',
      severity: 'error',
      message: `YAML: ${e.message.split('\n')[0]}`,
      span: { start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1) },
    });
  let seq = 0;
  const entry = (action: string, body: YNode | null, scope: string, keyNode: YNode | null) => {
    if (!isYMap(body)) return;
    const name = field(body, 'name');
    const value = field(body, 'value');
    if (!isYScalar(name)) {
      findings.push({ code: 'FMT005', severity: 'error', message: `${action} needs a name`, span: nodeSpan(keyNode) });
      return;
    }
    assignments.push({
      name: String(name.value),
      value: isYScalar(value) && value.value !== null ? String(value.value) : undefined,
      keySpan: innerSpan(name),
      valueSpan: value ? innerSpan(value) : innerSpan(name),
      op: action === 'unset_env' ? 'unset' : action === 'append_env' ? 'append' : 'set',
      scope,
    });
    const sep = field(body, 'separator');
    if (
      action === 'append_env' &&
      ['ROS_STATIC_PEERS', 'ROS_DISCOVERY_SERVER'].includes(String(name.value)) &&
      !(isYScalar(sep) && sep.value === ';')
    ) {
      findings.push({
        code: 'FMT005',
        severity: 'error',
        message: `append_env on ${name.value} joins with ':' by default, which breaks the ';'-separated list; add separator: ";"`,
        span: nodeSpan(keyNode),
      });
    }
  };
  const walk = (list: YNode | null | undefined, scope: string) => {
    if (!isYSeq(list)) return;
    for (const item of list.items) {
      if (!isYMap(item)) continue;
      for (const p of item.items) {
        const k = p.key;
        const action = isYScalar(k) ? String(k.value) : '';
        const body = p.value;
        if (['set_env', 'unset_env', 'append_env'].includes(action)) entry(action, body, scope, k);
        else if (action === 'group' && isYMap(body)) walk(field(body, 'actions') ?? field(body, 'children'), `${scope}/group#${++seq}`);
        else if ((action === 'node' || action === 'executable') && isYMap(body)) {
          const nodeName = field(body, 'name') ?? field(body, 'exec') ?? field(body, 'cmd');
          const nodeScope = `${scope}/node:${isYScalar(nodeName) ? String(nodeName.value) : ++seq}`;
          const env = field(body, 'env');
          if (isYSeq(env)) for (const e of env.items) entry('env', e, nodeScope, e);
        }
      }
    }
  };
  const root = doc.contents;
  if (isYMap(root)) walk(field(root, 'launch'), 'launch');
  else if (isYSeq(root)) walk(root, 'launch');
  return { kind: 'ros2-launch-yaml', text, assignments, findings, ros: 2 };
}
