import { parse } from '@xml-tools/parser';
import { buildAst, type XMLElement, type XMLAttribute } from '@xml-tools/ast';
import type { Assignment, Finding, SourceModel } from '../types';

type Span = { start: number; end: number };

function keySpan(a: XMLAttribute): Span {
  const k = a.syntax.key;
  return k ? { start: k.startOffset, end: k.endOffset + 1 } : { start: a.position.startOffset, end: a.position.endOffset + 1 };
}

/** The attribute value without its quotes. */
function valueSpan(a: XMLAttribute): Span {
  const v = a.syntax.value;
  return v ? { start: v.startOffset + 1, end: Math.max(v.startOffset + 1, v.endOffset) } : keySpan(a);
}

function attr(e: XMLElement, name: string): XMLAttribute | undefined {
  return e.attributes.find((a) => a.key === name);
}

function nameSpan(e: XMLElement): Span {
  const o = e.syntax.openName;
  return o ? { start: o.startOffset, end: o.endOffset + 1 } : { start: e.position.startOffset, end: e.position.startOffset + 1 };
}

const ARG_VARS: Record<string, string> = { __master: 'ROS_MASTER_URI', __ip: 'ROS_IP', __hostname: 'ROS_HOSTNAME' };

/** ROS 1 roslaunch XML (`.launch`) or ROS 2 launch XML (`.launch.xml`), by content when ambiguous. */
export function launchXmlSource(text: string, hint: 'ros1' | 'ros2' | 'auto'): SourceModel {
  const findings: Finding[] = [];
  const assignments: Assignment[] = [];
  const { cst, tokenVector, lexErrors, parseErrors } = parse(text);
  // Later syntax errors cascade from the first one: report only the first. The EOF token has NaN
  // offsets, so spans are clamped into the text (a NaN end reached editors as an inverted range).
  const syntax = [
    ...lexErrors.map((e) => ({ message: e.message, start: e.offset, end: e.offset + Math.max(1, e.length) })),
    ...parseErrors.map((e) => {
      const start = Number.isFinite(e.token.startOffset) ? e.token.startOffset : text.length;
      const end = e.token.endOffset;
      return { message: e.message, start, end: end !== undefined && Number.isFinite(end) ? end + 1 : start + 1 };
    }),
  ].sort((x, y) => x.start - y.start)[0];
  if (syntax) {
    const start = Math.min(syntax.start, text.length);
    findings.push({ code: 'FMT005', severity: 'error', message: `XML: ${syntax.message}`, span: { start, end: Math.min(Math.max(syntax.end, start), text.length) } });
  }
  const doc = buildAst(cst as never, tokenVector);
  const root = doc.rootElement;
  let ros: 1 | 2 = hint === 'ros2' ? 2 : 1;
  if (hint === 'auto' && root) {
    const all: XMLElement[] = [];
    const walk = (e: XMLElement) => {
      all.push(e);
      e.subElements.forEach(walk);
    };
    walk(root);
    if (all.some((e) => ['set_env', 'unset_env', 'append_env', 'executable', 'let', 'set_parameter'].includes(e.name ?? '') || (e.name === 'node' && attr(e, 'exec')))) ros = 2;
  }
  const machines = new Map<string, string>();
  let groupSeq = 0;

  const visit = (e: XMLElement, scope: string, parent: string | undefined) => {
    const tag = e.name ?? '';
    if (tag === 'env' || tag === 'set_env' || tag === 'unset_env' || tag === 'append_env') {
      const n = attr(e, 'name');
      const v = attr(e, 'value');
      if (!n || (tag !== 'unset_env' && !v)) {
        findings.push({ code: 'FMT005', severity: 'error', message: `<${tag}> tag is missing required ${!n ? 'name' : 'value'} attribute`, span: nameSpan(e) });
      } else if (n.value === '' || n.value === null) {
        findings.push({ code: 'FMT005', severity: 'error', message: `Invalid <${tag}> tag: 'name' attribute must be non-empty`, span: keySpan(n) });
      } else {
        assignments.push({ name: n.value!, value: v?.value ?? undefined, keySpan: valueSpan(n), valueSpan: v ? valueSpan(v) : valueSpan(n), op: tag === 'unset_env' ? 'unset' : tag === 'append_env' ? 'append' : 'set', scope });
      }
      if (ros === 1 && parent === 'machine') findings.push({ code: 'FMT005', severity: 'error', message: '<machine>: <env> tag is not supported since ROS Fuerte. Please use env-loader instead', span: nameSpan(e) });
      if (ros === 2 && tag === 'env' && parent !== 'node' && parent !== 'executable') {
        findings.push({ code: 'FMT005', severity: 'error', message: `<env> is only allowed inside <node> or <executable> in ROS 2 launch XML${parent === 'include' ? '; use <set_env> before the <include>' : '; use <set_env>'}`, span: nameSpan(e), fixes: e.syntax.openName && !e.textContents.length ? [{ title: 'Rename to set_env', edits: [{ span: nameSpan(e), newText: 'set_env' }, ...(e.syntax.closeName ? [{ span: { start: e.syntax.closeName.startOffset, end: e.syntax.closeName.endOffset + 1 }, newText: 'set_env' }] : [])], isPreferred: true }] : [] });
      }
      if (ros === 2 && tag === 'env' && (attr(e, 'if') || attr(e, 'unless'))) findings.push({ code: 'FMT005', severity: 'error', message: '<env> inside a node does not accept if/unless in ROS 2 launch XML', span: keySpan((attr(e, 'if') ?? attr(e, 'unless'))!) });
      if (tag === 'append_env' && n && ['ROS_STATIC_PEERS', 'ROS_DISCOVERY_SERVER'].includes(n.value ?? '') && attr(e, 'separator')?.value !== ';') {
        findings.push({ code: 'FMT005', severity: 'error', message: `append_env on ${n.value} joins with ':' by default, which breaks the ';'-separated list; add separator=";"`, span: nameSpan(e), fixes: [{ title: 'Add separator=";"', edits: [{ span: { start: nameSpan(e).end, end: nameSpan(e).end }, newText: ' separator=";"' }], isPreferred: true }] });
      }
      return;
    }
    if (tag === 'machine') {
      if (ros === 2) findings.push({ code: 'FMT005', severity: 'error', message: '<machine> is not supported in ROS 2 launch files', span: nameSpan(e) });
      for (const bad of ['ros-ip', 'ros-hostname', 'ros-root', 'ros-package-path']) {
        const a = attr(e, bad);
        if (a) findings.push({ code: 'FMT005', severity: 'error', message: '<machine>: ros-* attributes are not supported since ROS Fuerte. Please use env-loader instead', span: keySpan(a) });
      }
      const t = attr(e, 'timeout');
      if (t) {
        const v = t.value ?? '';
        if (v === '') findings.push({ code: 'FMT005', severity: 'error', message: "'timeout' cannot be empty", span: valueSpan(t) });
        else if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(v)) findings.push({ code: 'FMT005', severity: 'error', message: `'timeout' be a number: [${v}]`, span: valueSpan(t) });
        else if (Number(v) <= 0) findings.push({ code: 'FMT005', severity: 'error', message: `'timeout' be a positive number: [${v}]`, span: valueSpan(t) });
      }
      const d = attr(e, 'default');
      if (d && !['true', 'false', 'never'].includes((d.value ?? '').toLowerCase())) findings.push({ code: 'FMT005', severity: 'error', message: `Invalid value for 'default': ${d.value}`, span: valueSpan(d) });
      const pw = attr(e, 'password');
      if (pw) findings.push({ code: 'FMT005', severity: 'warning', message: "<machine password=…> stores an SSH password in the launch file; use SSH keys", span: keySpan(pw) });
      const nm = attr(e, 'name');
      const addr = attr(e, 'address');
      if (!nm || !addr) findings.push({ code: 'FMT005', severity: 'error', message: `<machine> tag is missing required attribute: ${!nm ? 'name' : 'address'}`, span: nameSpan(e) });
      if (nm?.value && addr?.value) {
        const sig = e.attributes.map((a) => `${a.key}=${a.value}`).sort().join(' ');
        const prev = machines.get(nm.value);
        if (prev !== undefined && prev !== sig) findings.push({ code: 'FMT005', severity: 'error', message: `Machine [${nm.value}] already added and does not match duplicate entry`, span: valueSpan(nm) });
        machines.set(nm.value, sig);
        assignments.push({ name: '__machine_address', value: addr.value, keySpan: keySpan(addr), valueSpan: valueSpan(addr), op: 'arg', scope });
      }
    }
    let childScope = scope;
    if (tag === 'group' || tag === 'include') childScope = `${scope}/${tag}#${++groupSeq}`;
    if (tag === 'node' || tag === 'executable' || tag === 'test') {
      const nodeName = attr(e, 'name')?.value ?? attr(e, 'type')?.value ?? attr(e, 'exec')?.value ?? `node#${++groupSeq}`;
      childScope = `${scope}/node:${nodeName}`;
      const args = attr(e, 'args');
      if (args?.value) {
        const vs = valueSpan(args);
        const re = /(__master|__ip|__hostname):=(\S*)/g;
        let m: RegExpExecArray | null;
        while ((m = re.exec(args.value))) {
          const start = vs.start + m.index;
          assignments.push({ name: ARG_VARS[m[1]!]!, value: m[2]!, keySpan: { start, end: start + m[1]!.length }, valueSpan: { start: start + m[1]!.length + 2, end: start + m[0].length }, op: 'arg', scope: childScope });
        }
      }
    }
    for (const c of e.subElements) visit(c, childScope, tag);
  };
  if (root) visit(root, 'launch', undefined);
  return { kind: ros === 1 ? 'ros1-launch' : 'ros2-launch-xml', text, assignments, findings, ros };
}
