import { tokenizePython, stringInner, stringValue, type Tok } from './pythonTokens';
import type { Assignment, Finding, SourceModel } from '../types';

interface Arg {
  readonly keyword?: Tok;
  /** The argument's significant tokens (newlines dropped), after `keyword=`. */
  readonly tokens: readonly Tok[];
}

const isOp = (t: Tok | undefined, op: string) => t?.kind === 'op' && t.text === op;

function toArg(toks: Tok[]): Arg {
  return toks.length > 2 && toks[0]!.kind === 'name' && isOp(toks[1], '=')
    ? { keyword: toks[0]!, tokens: toks.slice(2) }
    : { tokens: toks };
}

/** Splits the arguments of the call whose '(' is at toks[open]; returns them and the index of ')'. */
function callArgs(toks: readonly Tok[], open: number): { args: Arg[]; close: number } {
  const args: Arg[] = [];
  let depth = 0;
  let cur: Tok[] = [];
  let i = open + 1;
  const push = () => {
    if (cur.length) args.push(toArg(cur));
    cur = [];
  };
  for (; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.kind === 'op') {
      if ('([{'.includes(t.text)) depth++;
      if (')]}'.includes(t.text)) {
        if (depth === 0) break;
        depth--;
      }
      if (depth === 0 && t.text === ',') {
        push();
        continue;
      }
    }
    if (t.kind !== 'newline') cur.push(t);
  }
  push();
  return { args, close: i };
}

/** `{ 'K': 'V', … }` literal entries. */
function dictEntries(tokens: readonly Tok[]): Array<{ key: Tok; value: readonly Tok[] }> {
  if (tokens[0]?.text !== '{') return [];
  const out: Array<{ key: Tok; value: Tok[] }> = [];
  let depth = 0;
  let key: Tok | undefined;
  let value: Tok[] = [];
  let inValue = false;
  for (const t of tokens.slice(1)) {
    if (t.kind === 'newline') continue;
    if (t.kind === 'op' && '([{'.includes(t.text)) depth++;
    if (t.kind === 'op' && ')]}'.includes(t.text)) {
      if (depth === 0) break;
      depth--;
    }
    if (depth === 0 && t.text === ',' && t.kind === 'op') {
      if (key) out.push({ key, value });
      key = undefined;
      value = [];
      inValue = false;
    } else if (depth === 0 && t.text === ':' && t.kind === 'op' && !inValue) inValue = true;
    else if (!inValue && !key) key = t;
    else if (inValue) value.push(t);
  }
  if (key) out.push({ key, value });
  return out;
}

const ENV_ACTIONS = new Set(['SetEnvironmentVariable', 'AppendEnvironmentVariable', 'UnsetEnvironmentVariable']);
const PROCESS_ACTIONS = new Set(['Node', 'ExecuteProcess', 'ComposableNodeContainer', 'LifecycleNode']);

/** ROS 2 Python launch files: env actions and Node/ExecuteProcess env dictionaries. */
export function launchPySource(text: string): SourceModel {
  const findings: Finding[] = [];
  const assignments: Assignment[] = [];
  const toks = tokenizePython(text);
  let seq = 0;
  for (let i = 0; i < toks.length - 1; i++) {
    const t = toks[i]!;
    if (t.kind !== 'name' || !isOp(toks[i + 1], '(') || (i > 0 && toks[i - 1]!.text === 'def')) continue;
    const callee = t.text;
    if (!ENV_ACTIONS.has(callee) && !PROCESS_ACTIONS.has(callee)) continue;
    const { args } = callArgs(toks, i + 1);
    const byKw = (k: string, pos: number) => args.find((a) => a.keyword?.text === k) ?? args.filter((a) => !a.keyword)[pos];
    if (ENV_ACTIONS.has(callee)) {
      const nameArg = byKw('name', 0);
      const valueArg = callee === 'UnsetEnvironmentVariable' ? undefined : byKw('value', 1);
      const nameTok = nameArg?.tokens.length === 1 ? nameArg.tokens[0] : undefined;
      const name = nameTok && stringValue(nameTok);
      if (!name || !nameTok) continue;
      const vt = valueArg?.tokens.length === 1 ? valueArg.tokens[0] : undefined;
      if (vt && vt.kind === 'number') {
        findings.push({
          code: 'FMT005',
          severity: 'error',
          message: `${callee} value must be a str: launch raises TypeError ("Failed to normalize given item of type int")`,
          span: { start: vt.start, end: vt.end },
          fixes: [
            { title: `Use '${vt.text}'`, edits: [{ span: { start: vt.start, end: vt.end }, newText: `'${vt.text}'` }], isPreferred: true },
          ],
        });
      }
      const value = vt ? (stringValue(vt) ?? (vt.kind === 'number' ? vt.text : undefined)) : undefined;
      assignments.push({
        name,
        value,
        keySpan: stringInner(nameTok),
        valueSpan: vt ? (vt.kind === 'string' ? stringInner(vt) : { start: vt.start, end: vt.end }) : stringInner(nameTok),
        op: callee === 'UnsetEnvironmentVariable' ? 'unset' : callee === 'AppendEnvironmentVariable' ? 'append' : 'set',
        scope: 'launch',
      });
      if (callee === 'AppendEnvironmentVariable' && ['ROS_STATIC_PEERS', 'ROS_DISCOVERY_SERVER'].includes(name)) {
        const sep = byKw('separator', 3);
        if (!sep || stringValue(sep.tokens[0]!) !== ';') {
          findings.push({
            code: 'FMT005',
            severity: 'error',
            message: `AppendEnvironmentVariable joins ${name} with os.pathsep (':') by default, which breaks the ';'-separated list; pass separator=';'`,
            span: { start: t.start, end: t.end },
          });
        }
      }
      continue;
    }
    // Node / ExecuteProcess: additional_env merges, env replaces the whole environment.
    for (const kw of ['additional_env', 'env']) {
      const a = args.find((x) => x.keyword?.text === kw);
      if (!a) continue;
      const scope = `launch/node#${++seq}`;
      if (kw === 'env') {
        findings.push({
          code: 'FMT005',
          severity: 'warning',
          message: `${callee}(env=…) starts the process from a clean environment (no PATH, no ROS_DISTRO, no inherited ROS variables); use additional_env to add variables`,
          span: { start: a.keyword!.start, end: a.keyword!.end },
          fixes: [
            {
              title: 'Use additional_env=',
              edits: [{ span: { start: a.keyword!.start, end: a.keyword!.end }, newText: 'additional_env' }],
              isPreferred: true,
            },
          ],
        });
      }
      for (const { key, value } of dictEntries(a.tokens)) {
        const name = stringValue(key);
        if (!name) continue;
        const vt = value.length === 1 ? value[0] : undefined;
        if (vt && vt.kind === 'number') {
          findings.push({
            code: 'FMT005',
            severity: 'error',
            message: `${kw} values must be str: launch raises TypeError ("Failed to normalize given item of type int")`,
            span: { start: vt.start, end: vt.end },
            fixes: [
              {
                title: `Use '${vt.text}'`,
                edits: [{ span: { start: vt.start, end: vt.end }, newText: `'${vt.text}'` }],
                isPreferred: true,
              },
            ],
          });
        }
        assignments.push({
          name,
          value: vt ? (stringValue(vt) ?? (vt.kind === 'number' ? vt.text : undefined)) : undefined,
          keySpan: stringInner(key),
          valueSpan: vt ? (vt.kind === 'string' ? stringInner(vt) : { start: vt.start, end: vt.end }) : stringInner(key),
          op: 'set',
          scope,
        });
      }
    }
  }
  return { kind: 'ros2-launch-py', text, assignments, findings, ros: 2 };
}
