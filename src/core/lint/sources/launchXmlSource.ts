import { placeholderNear, templateFinding } from './templatePlaceholder';
import { parseXmlTree, type XmlAttribute, type XmlElement } from './xmlTree';
import type { Assignment, Finding, SourceModel } from '../types';
import { argWordEnd, resolveValue, type ArgTable, type ArgValue } from './launchSubstitutions';
import { isLoopbackHost } from '../../ros/masterUri';

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
    case 'node_container':
    case 'composable_node':
    case 'load_composable_node':
    case 'push_ros_namespace':
    case 'push-ros-namespace':
    case 'set_remap':
      return true;
    case 'node':
      return attr(e, 'exec') !== undefined;
    default:
      return false;
  }
}

/** The only tags whose attributes are read (env, machine and node checks, dialect detection). */
const READ_ATTRIBUTES = new Set([
  'env',
  'set_env',
  'unset_env',
  'append_env',
  'machine',
  'node',
  'executable',
  'test',
  'node_container',
  'composable_node',
  'arg',
  'let',
]);

/** Elements that start a process and take `<env>` children (a ComposableNodeContainer is a Node). */
const NODE_TAGS = new Set(['node', 'executable', 'test', 'node_container', 'composable_node']);

/** Substitutions only ROS 2 launch has. */
const ROS2_SUBSTITUTION = /\$\((?:var|find-pkg-share|find-pkg-prefix|find-exec|exec-in-pkg|command)\s/;

/**
 * The file's own `<arg>` (ROS 1 and 2) and `<let>` (ROS 2) values: `value=` or `default=`, the first
 * declaration of a name. Declarations inside `<include>` pass values to the included file, and
 * those inside a node are node arguments: neither is collected.
 */
function fileArgs(root: XmlElement | undefined): ArgTable {
  const args = new Map<string, ArgValue>();
  const todo = root ? [root] : [];
  for (let e = todo.pop(); e; e = todo.pop()) {
    if (e.name === 'arg' || e.name === 'let') {
      const name = attr(e, 'name')?.value;
      const v = attr(e, 'value') ?? attr(e, 'default');
      if (name && v && !args.has(name)) args.set(name, { value: v.value, span: v.valueSpan });
    }
    if (e.name === 'include' || NODE_TAGS.has(e.name)) continue;
    for (let i = e.children.length - 1; i >= 0; i--) todo.push(e.children[i]!);
  }
  return args;
}

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
  if (error) {
    const placeholder = placeholderNear(text, error.span.start);
    if (placeholder) {
      const ros = hint === 'ros2' ? 2 : 1;
      return {
        kind: ros === 1 ? 'ros1-launch' : 'ros2-launch-xml',
        text,
        assignments,
        findings: [templateFinding('FMT005', placeholder, 'roslaunch')],
        ros,
      };
    }
    findings.push({ code: 'FMT005', severity: 'error', message: `XML: ${error.message}`, span: error.span });
  }
  const ros: 1 | 2 = hint === 'ros2' || ros2Seen || (hint === 'auto' && ROS2_SUBSTITUTION.test(text)) ? 2 : 1;
  const args = fileArgs(root);
  // Where each group, include and node starts: an <env> written after it does not reach it.
  const scopeStarts = new Map<string, number>();
  const machines = new Map<string, string>();
  let groupSeq = 0;
  let remoteMachine: { name: string; address: string } | undefined;

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
        const r = v ? resolveValue(v.value, v.valueSpan, args) : undefined;
        assignments.push({
          name: n.value,
          // An unknown substitution stays as written: the value rules leave `$(…)` alone.
          value: r?.value ?? v?.value,
          keySpan: n.valueSpan,
          valueSpan: r?.value !== undefined ? r.span : v ? v.valueSpan : n.valueSpan,
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
      if (ros === 2 && tag === 'env' && !(parent && NODE_TAGS.has(parent))) {
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
      // roslaunch resolves substitutions before it validates: an unknown one is not checked.
      const literal = (a: XmlAttribute | undefined) => a && resolveValue(a.value, a.valueSpan, args);
      const t = attr(e, 'timeout');
      const tv = literal(t);
      if (t && tv?.value !== undefined) {
        const v = tv.value;
        if (v === '') findings.push({ code: 'FMT005', severity: 'error', message: "'timeout' cannot be empty", span: t.valueSpan });
        else if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(v))
          findings.push({ code: 'FMT005', severity: 'error', message: `'timeout' be a number: [${v}]`, span: tv.span });
        else if (Number(v) <= 0)
          findings.push({ code: 'FMT005', severity: 'error', message: `'timeout' be a positive number: [${v}]`, span: tv.span });
      }
      const d = literal(attr(e, 'default'));
      if (d?.value !== undefined && !['true', 'false', 'never'].includes(d.value.toLowerCase()))
        findings.push({ code: 'FMT005', severity: 'error', message: `Invalid value for 'default': ${d.value}`, span: d.span });
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
      const address = literal(addr);
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
          value: address?.value ?? addr.value,
          keySpan: addr.keySpan,
          valueSpan: address?.value !== undefined ? address.span : addr.valueSpan,
          op: 'arg',
          scope,
        });
        if (address?.value !== undefined && !isLoopbackHost(address.value)) remoteMachine ??= { name: nm.value, address: address.value };
      }
    }
    let childScope = scope;
    if (tag === 'group' || tag === 'include') childScope = `${scope}/${tag}#${++groupSeq}`;
    if (NODE_TAGS.has(tag)) {
      const nodeName = attr(e, 'name')?.value ?? attr(e, 'type')?.value ?? attr(e, 'exec')?.value ?? `node#${++groupSeq}`;
      // Two nodes of one name get scopes of their own (each starts where it is written).
      childScope = `${scope}/node:${nodeName}`;
      if (scopeStarts.has(childScope)) childScope = `${scope}/node:${nodeName}#${++groupSeq}`;
      const nodeArgs = attr(e, 'args');
      if (nodeArgs?.value) {
        const vs = nodeArgs.valueSpan;
        const re = /(?<![\w])(__master|__ip|__hostname):=/g;
        let m: RegExpExecArray | null;
        while ((m = re.exec(nodeArgs.value))) {
          const at = m.index + m[0].length;
          const end = argWordEnd(nodeArgs.value, at);
          const raw = nodeArgs.value.slice(at, end);
          const r = resolveValue(raw, { start: vs.start + at, end: vs.start + end }, args);
          const start = vs.start + m.index;
          assignments.push({
            name: ARG_VARS[m[1]!]!,
            value: r.value ?? raw,
            keySpan: { start, end: start + m[1]!.length },
            valueSpan: r.value !== undefined ? r.span : { start: vs.start + at, end: vs.start + end },
            op: 'arg',
            scope: childScope,
          });
          re.lastIndex = end;
        }
      }
    }
    if (childScope !== scope) scopeStarts.set(childScope, e.nameSpan.start);
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
  if (ros === 1 && remoteMachine) findings.push(...loopbackNextToMachine(assignments, remoteMachine));
  return { kind: ros === 1 ? 'ros1-launch' : 'ros2-launch-xml', text, assignments, findings, ros, scopeStarts };
}

/**
 * HOST004 for a launch that starts nodes on a remote `<machine>` while advertising a loopback
 * ROS_IP/ROS_HOSTNAME: the nodes on either side cannot reach each other. A remote master already
 * gets HOST004 from the scope rules, so this is only about files without one.
 */
function loopbackNextToMachine(assignments: readonly Assignment[], m: { name: string; address: string }): Finding[] {
  const remoteMaster = assignments.some((a) => a.name === 'ROS_MASTER_URI' && a.value && !/localhost|127\.|\[::1\]/.test(a.value));
  if (remoteMaster) return [];
  return assignments
    .filter((a) => (a.name === 'ROS_IP' || a.name === 'ROS_HOSTNAME') && a.op !== 'unset' && a.value && isLoopbackHost(a.value))
    .map((a) => ({
      code: 'HOST004',
      severity: 'error' as const,
      message: `Advertising a loopback address (${a.value}) while this launch starts nodes on machine '${m.name}' (${m.address}): nodes there cannot reach the nodes of this host, nor this host theirs`,
      span: a.valueSpan,
    }));
}
