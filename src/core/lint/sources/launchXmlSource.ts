import { parseXmlTree, type XmlAttribute, type XmlElement } from './xmlTree';
import type { Assignment, Finding, SourceModel } from '../types';

function attr(e: XmlElement, name: string): XmlAttribute | undefined {
  return e.attributes.find((a) => a.key === name);
}

/** Tags only ROS 2 launch XML has (and <node exec=…>): a `.launch` file with one is ROS 2. */
function isRos2Element(e: XmlElement): boolean {
  switch (e.name) {
    case 'set_env':
    case 'unset_env':
    case 'append_env':
    case 'executable':
    case 'let':
    case 'set_parameter':
      return true;
    case 'node':
      return attr(e, 'exec') !== undefined;
    default:
      return false;
  }
}

/** The only tags whose attributes are read (env, machine and node checks, dialect detection). */
const READ_ATTRIBUTES = new Set(['env', 'set_env', 'unset_env', 'append_env', 'machine', 'node', 'executable', 'test']);

const ARG_VARS: Record<string, string> = { __master: 'ROS_MASTER_URI', __ip: 'ROS_IP', __hostname: 'ROS_HOSTNAME' };

/** ROS 1 roslaunch XML (`.launch`) or ROS 2 launch XML (`.launch.xml`), by content when ambiguous. */
export function launchXmlSource(text: string, hint: 'ros1' | 'ros2' | 'auto'): SourceModel {
  const findings: Finding[] = [];
  const assignments: Assignment[] = [];
  let ros2Seen = false;
  const { root, error } = parseXmlTree(text, {
    attributesOf: READ_ATTRIBUTES,
    ...(hint === 'auto' ? { onElement: (e) => void (ros2Seen ||= isRos2Element(e)) } : {}),
  });
  if (error) findings.push({ code: 'FMT005', severity: 'error', message: `XML: ${error.message}`, span: error.span });
  const ros: 1 | 2 = hint === 'ros2' || ros2Seen ? 2 : 1;
  const machines = new Map<string, string>();
  let groupSeq = 0;

  // Pre-order walk with an explicit stack (document order, as groupSeq numbering needs): hostile
  // nesting cannot overflow the call stack. Parallel arrays: no object per visited element.
  const todoE: XmlElement[] = [];
  const todoScope: string[] = [];
  const todoParent: (string | undefined)[] = [];
  const visit = (e: XmlElement, scope: string, parent: string | undefined) => {
    const tag = e.name;
    if (tag === 'env' || tag === 'set_env' || tag === 'unset_env' || tag === 'append_env') {
      const n = attr(e, 'name');
      const v = attr(e, 'value');
      if (!n || (tag !== 'unset_env' && !v)) {
        findings.push({
          code: 'FMT005',
          severity: 'error',
          message: `<${tag}> tag is missing required ${!n ? 'name' : 'value'} attribute`,
          span: e.nameSpan,
        });
      } else if (n.value === '') {
        findings.push({
          code: 'FMT005',
          severity: 'error',
          message: `Invalid <${tag}> tag: 'name' attribute must be non-empty`,
          span: n.keySpan,
        });
      } else {
        assignments.push({
          name: n.value,
          value: v?.value,
          keySpan: n.valueSpan,
          valueSpan: v ? v.valueSpan : n.valueSpan,
          op: tag === 'unset_env' ? 'unset' : tag === 'append_env' ? 'append' : 'set',
          scope,
        });
      }
      if (ros === 1 && parent === 'machine')
        findings.push({
          code: 'FMT005',
          severity: 'error',
          message: '<machine>: <env> tag is not supported since ROS Fuerte. Please use env-loader instead',
          span: e.nameSpan,
        });
      if (ros === 2 && tag === 'env' && parent !== 'node' && parent !== 'executable') {
        findings.push({
          code: 'FMT005',
          severity: 'error',
          message: `<env> is only allowed inside <node> or <executable> in ROS 2 launch XML${parent === 'include' ? '; use <set_env> before the <include>' : '; use <set_env>'}`,
          span: e.nameSpan,
          fixes: !e.hasText
            ? [
                {
                  title: 'Rename to set_env',
                  edits: [
                    { span: e.nameSpan, newText: 'set_env' },
                    ...(e.closeNameSpan ? [{ span: e.closeNameSpan, newText: 'set_env' }] : []),
                  ],
                  isPreferred: true,
                },
              ]
            : [],
        });
      }
      if (ros === 2 && tag === 'env' && (attr(e, 'if') || attr(e, 'unless')))
        findings.push({
          code: 'FMT005',
          severity: 'error',
          message: '<env> inside a node does not accept if/unless in ROS 2 launch XML',
          span: (attr(e, 'if') ?? attr(e, 'unless'))!.keySpan,
        });
      if (
        tag === 'append_env' &&
        n &&
        ['ROS_STATIC_PEERS', 'ROS_DISCOVERY_SERVER'].includes(n.value) &&
        attr(e, 'separator')?.value !== ';'
      ) {
        findings.push({
          code: 'FMT005',
          severity: 'error',
          message: `append_env on ${n.value} joins with ':' by default, which breaks the ';'-separated list; add separator=";"`,
          span: e.nameSpan,
          fixes: [
            {
              title: 'Add separator=";"',
              edits: [{ span: { start: e.nameSpan.end, end: e.nameSpan.end }, newText: ' separator=";"' }],
              isPreferred: true,
            },
          ],
        });
      }
      return;
    }
    if (tag === 'machine') {
      if (ros === 2)
        findings.push({ code: 'FMT005', severity: 'error', message: '<machine> is not supported in ROS 2 launch files', span: e.nameSpan });
      for (const bad of ['ros-ip', 'ros-hostname', 'ros-root', 'ros-package-path']) {
        const a = attr(e, bad);
        if (a)
          findings.push({
            code: 'FMT005',
            severity: 'error',
            message: '<machine>: ros-* attributes are not supported since ROS Fuerte. Please use env-loader instead',
            span: a.keySpan,
          });
      }
      const t = attr(e, 'timeout');
      if (t) {
        const v = t.value;
        if (v === '') findings.push({ code: 'FMT005', severity: 'error', message: "'timeout' cannot be empty", span: t.valueSpan });
        else if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(v))
          findings.push({ code: 'FMT005', severity: 'error', message: `'timeout' be a number: [${v}]`, span: t.valueSpan });
        else if (Number(v) <= 0)
          findings.push({ code: 'FMT005', severity: 'error', message: `'timeout' be a positive number: [${v}]`, span: t.valueSpan });
      }
      const d = attr(e, 'default');
      if (d && !['true', 'false', 'never'].includes(d.value.toLowerCase()))
        findings.push({ code: 'FMT005', severity: 'error', message: `Invalid value for 'default': ${d.value}`, span: d.valueSpan });
      const pw = attr(e, 'password');
      if (pw)
        findings.push({
          code: 'FMT005',
          severity: 'warning',
          message: '<machine password=…> stores an SSH password in the launch file; use SSH keys',
          span: pw.keySpan,
        });
      const nm = attr(e, 'name');
      const addr = attr(e, 'address');
      if (!nm || !addr)
        findings.push({
          code: 'FMT005',
          severity: 'error',
          message: `<machine> tag is missing required attribute: ${!nm ? 'name' : 'address'}`,
          span: e.nameSpan,
        });
      if (nm?.value && addr?.value) {
        const sig = e.attributes
          .map((a) => `${a.key}=${a.value}`)
          .sort()
          .join(' ');
        const prev = machines.get(nm.value);
        if (prev !== undefined && prev !== sig)
          findings.push({
            code: 'FMT005',
            severity: 'error',
            message: `Machine [${nm.value}] already added and does not match duplicate entry`,
            span: nm.valueSpan,
          });
        machines.set(nm.value, sig);
        assignments.push({
          name: '__machine_address',
          value: addr.value,
          keySpan: addr.keySpan,
          valueSpan: addr.valueSpan,
          op: 'arg',
          scope,
        });
      }
    }
    let childScope = scope;
    if (tag === 'group' || tag === 'include') childScope = `${scope}/${tag}#${++groupSeq}`;
    if (tag === 'node' || tag === 'executable' || tag === 'test') {
      const nodeName = attr(e, 'name')?.value ?? attr(e, 'type')?.value ?? attr(e, 'exec')?.value ?? `node#${++groupSeq}`;
      childScope = `${scope}/node:${nodeName}`;
      const args = attr(e, 'args');
      if (args?.value) {
        const vs = args.valueSpan;
        const re = /(__master|__ip|__hostname):=(\S*)/g;
        let m: RegExpExecArray | null;
        while ((m = re.exec(args.value))) {
          const start = vs.start + m.index;
          assignments.push({
            name: ARG_VARS[m[1]!]!,
            value: m[2]!,
            keySpan: { start, end: start + m[1]!.length },
            valueSpan: { start: start + m[1]!.length + 2, end: start + m[0].length },
            op: 'arg',
            scope: childScope,
          });
        }
      }
    }
    for (let i = e.children.length - 1; i >= 0; i--) {
      todoE.push(e.children[i]!);
      todoScope.push(childScope);
      todoParent.push(tag);
    }
  };
  if (root) {
    todoE.push(root);
    todoScope.push('launch');
    todoParent.push(undefined);
  }
  for (let e = todoE.pop(); e; e = todoE.pop()) visit(e, todoScope.pop()!, todoParent.pop());
  return { kind: ros === 1 ? 'ros1-launch' : 'ros2-launch-xml', text, assignments, findings, ros };
}
