import { asMap, asScalar, asSeq, deref, entries, innerSpan, nodeSpan, readYaml, type YamlDoc } from './yamlDoc';
import { placeholderNear, templateFinding } from './templatePlaceholder';
import type { Assignment, Finding, SourceModel } from '../types';

type YMap = NonNullable<ReturnType<typeof asMap>>;

function field(y: YamlDoc, m: YMap, key: string): unknown {
  return entries(y, m).find((e) => e.key === key)?.value;
}

/** ROS 2 YAML launch files: set_env / unset_env / append_env actions and node `env:` lists, in groups. */
export function launchYamlSource(text: string): SourceModel {
  const findings: Finding[] = [];
  const assignments: Assignment[] = [];
  const y = readYaml(text);
  const bad = y.errors[0];
  if (bad) {
    const placeholder = placeholderNear(text, bad.pos[0]);
    if (placeholder)
      return { kind: 'ros2-launch-yaml', text, assignments, findings: [templateFinding('FMT005', placeholder, 'ros2 launch')], ros: 2 };
    findings.push({
      code: 'FMT005',
      severity: 'error',
      message: `YAML: ${bad.message.split('\n')[0]}`,
      span: { start: bad.pos[0], end: Math.max(bad.pos[1], bad.pos[0] + 1) },
    });
  }
  let seq = 0;
  const entry = (action: string, bodyNode: unknown, scope: string, keyNode: unknown) => {
    const body = asMap(y, bodyNode);
    if (!body) return;
    const name = asScalar(y, field(y, body, 'name'));
    const valueNode = deref(y, field(y, body, 'value'));
    const value = asScalar(y, valueNode);
    if (!name) {
      findings.push({ code: 'FMT005', severity: 'error', message: `${action} needs a name`, span: nodeSpan(keyNode) });
      return;
    }
    assignments.push({
      name: String(name.value),
      value: value && value.value !== null ? String(value.value) : undefined,
      keySpan: innerSpan(name),
      valueSpan: valueNode ? innerSpan(valueNode) : innerSpan(name),
      op: action === 'unset_env' ? 'unset' : action === 'append_env' ? 'append' : 'set',
      scope,
    });
    const sep = asScalar(y, field(y, body, 'separator'));
    if (action === 'append_env' && ['ROS_STATIC_PEERS', 'ROS_DISCOVERY_SERVER'].includes(String(name.value)) && sep?.value !== ';') {
      findings.push({
        code: 'FMT005',
        severity: 'error',
        message: `append_env on ${name.value} joins with ':' by default, which breaks the ';'-separated list; add separator: ";"`,
        span: nodeSpan(keyNode),
      });
    }
  };
  // An alias can name a collection that contains it: each list is walked once.
  const walked = new Set<unknown>();
  const walk = (listNode: unknown, scope: string) => {
    const list = asSeq(y, listNode);
    if (!list || walked.has(list)) return;
    walked.add(list);
    for (const it of list.items) {
      const item = asMap(y, it);
      if (!item) continue;
      for (const p of entries(y, item)) {
        const action = p.key;
        const body = asMap(y, p.value);
        if (['set_env', 'unset_env', 'append_env'].includes(action)) entry(action, p.value, scope, p.keyNode);
        else if (action === 'group' && body) walk(field(y, body, 'actions') ?? field(y, body, 'children'), `${scope}/group#${++seq}`);
        else if ((action === 'node' || action === 'executable') && body) {
          const nodeName = asScalar(y, field(y, body, 'name') ?? field(y, body, 'exec') ?? field(y, body, 'cmd'));
          const nodeScope = `${scope}/node:${nodeName ? String(nodeName.value) : ++seq}`;
          const env = asSeq(y, field(y, body, 'env'));
          if (env) for (const e of env.items) entry('env', e, nodeScope, deref(y, e));
        }
      }
    }
  };
  const root = deref(y, y.doc.contents);
  const rootMap = asMap(y, root);
  if (rootMap) walk(field(y, rootMap, 'launch'), 'launch');
  else walk(root, 'launch');
  return { kind: 'ros2-launch-yaml', text, assignments, findings, ros: 2 };
}
