import type { Node } from 'web-tree-sitter';
import { parseShell, shellParserReady } from './shellParser';
import { shellWord } from './shellWords';
import { containerFindings, containerRun, type ArgWord, type ContainerRun } from './dockerRun';
import { shellQuote } from '../../env/exportFormats';
import { isRuledName } from '../rules/valueRules';
import type { Assignment, Finding, SourceModel, TextEdit } from '../types';
import type { Span } from '../../text/positions';

/** Variables whose values are `;`/`&`-separated lists (or carry `&` options): FMT003 (catalogue §6.6). */
const LIST_VARIABLES: ReadonlySet<string> = new Set([
  'ROS_STATIC_PEERS',
  'ROS_DISCOVERY_SERVER',
  'ZENOH_CONFIG_OVERRIDE',
  'FASTDDS_STATISTICS',
  'FASTDDS_BUILTIN_TRANSPORTS',
]);

/** Characters a glued continuation may hold for the quoting fix to be exact (no quote, expansion or operator). */
const PLAIN_CONTINUATION = /^[A-Za-z0-9_.,:/?=&;@%+[\]-]*$/;
/** A value bash reads the same bare, or inside "…" unchanged. */
const BARE = /^[A-Za-z0-9_@%+=:,./-]*$/;
const DOUBLE_SAFE = /^[^$`"\\]*$/;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A container tool's name; containerTools() adds the path before it (the tree confirms it is a command name). */
const CONTAINER_TOOL = /(?:docker-compose|docker|podman)(?![\w.-])/g;
/** After quote and backslash removal, what a command's text holds when it runs or creates a container. */
const RUN_OR_CREATE = /run|create/;
/** Where a name with a ruled prefix (isRuledName) is followed by `=` or `+=`: assignment candidates. */
const RULED_ASSIGNMENT = /(?:^|[^\w$])((?:ROS|RMW|FAST|CYCLONEDDS|ZENOH)\w*)\+?=/dgm;
/** `NAME =…` / `export NAME =…` for a ruled name: where FMT003's spaced assignment can be (the tree confirms). */
const SPACED =
  /(?:^|[\s;&|(])(?:(?:export|declare|typeset|readonly|local)(?:\s+-\w+)*\s+)?((?:ROS|RMW|FAST|CYCLONEDDS|ZENOH)\w*)[ \t]+=/dgm;

/**
 * Where `docker`, `docker-compose` or `podman` starts a word, with the path before it (/usr/bin/docker):
 * a regular expression with that path in front tried a match at every character of the script.
 */
function containerTools(text: string): number[] {
  const found: number[] = [];
  for (const m of text.matchAll(CONTAINER_TOOL)) {
    let s = m.index;
    while (s > 0 && /[\w./-]/.test(text[s - 1]!)) s--;
    if (s === m.index || text[m.index - 1] === '/') found.push(s);
  }
  return found;
}

/** The text of a tree node. */
const textOf = (n: Node, text: string) => text.slice(n.startIndex, n.endIndex);

function isBlank(c: string | undefined): boolean {
  return c === undefined || c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

/** Whether only blanks lie between `from` and `to`, with a line break among them (not a `\`-newline). */
function newlineBetween(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text[i] === '\n' && text[i - 1] !== '\\') return true;
  return false;
}

/**
 * The whole line of a top-level statement that is alone on it (blanks, a `;` and a comment may
 * follow), for "remove" fixes; undefined when deleting it would take something else with it.
 */
function aloneOnLine(text: string, stmt: Node): Span | undefined {
  if (stmt.parent?.type !== 'program') return undefined;
  const start = text.lastIndexOf('\n', stmt.startIndex - 1) + 1;
  if (text.slice(start, stmt.startIndex).trim() !== '') return undefined;
  const nl = text.indexOf('\n', stmt.endIndex);
  const end = nl < 0 ? text.length : nl;
  if (!/^\s*;?\s*(#.*)?$/.test(text.slice(stmt.endIndex, end))) return undefined;
  return { start, end: nl < 0 ? end : end + 1 };
}

function notLinted(text: string, message: string, span: Span): SourceModel {
  return { kind: 'shell', text, assignments: [], findings: [{ code: 'FMT001', severity: 'info', message, span }] };
}

/**
 * Shell scripts, from bash's grammar (tree-sitter-bash): assignments of `export`/`declare -x`/
 * `typeset`/`readonly`/`local`, plain `NAME=value` and prefix assignments `NAME=value cmd` (their own
 * scope: they reach that command only). Values built from expansions are "computed at run time"
 * and get no value verdict. Heredoc bodies are text, not commands.
 */
export function shellSource(text: string): SourceModel {
  if (!shellParserReady()) return notLinted(text, 'Not linted yet: the shell parser is still loading', { start: 0, end: 0 });
  const tree = parseShell(text);
  if (!tree) return notLinted(text, 'Not linted: the shell parser is not available', { start: 0, end: 0 });
  const root = tree.rootNode;
  if (root.hasError) {
    const err = root.descendantsOfType('ERROR')[0] ?? root;
    const eol = text.indexOf('\n', err.startIndex);
    return notLinted(
      text,
      `Not linted: bash cannot parse this script (near line ${err.startPosition.row + 1}), so no value in it is checked`,
      {
        start: err.startIndex,
        end: Math.min(err.endIndex, eol < 0 ? text.length : eol),
      },
    );
  }
  return readScript(text, root);
}

function readScript(text: string, root: Node): SourceModel {
  const findings: Finding[] = [];
  const assignments: Assignment[] = [];
  const removals = new Map<Assignment, Span>();
  // Heredoc bodies are data; an expansion inside one is not an assignment of this script. Asked of
  // each candidate's ancestors: listing the bodies walks the whole tree (a fifth of a lint).
  const heredocs = text.includes('<<');
  const inHeredoc = (n: Node) => {
    for (let p = n.parent; p; p = p.parent) if (p.type === 'heredoc_body') return true;
    return false;
  };
  let rosVersion: Assignment | undefined;
  let distro: Assignment | undefined;

  // Each node read from JavaScript is a call into WebAssembly, and a walk of the whole tree costs
  // more than the parse: the text says where a ruled name is assigned, the tree confirms it.
  for (const m of text.matchAll(RULED_ASSIGNMENT)) {
    const at = m.indices![1]![0];
    const nameNode = root.descendantForIndex(at);
    const n = nameNode?.parent;
    if (!nameNode || !n || nameNode.type !== 'variable_name' || n.type !== 'variable_assignment' || nameNode.startIndex !== at) continue;
    if (heredocs && inHeredoc(n)) continue;
    const a = assignment(text, n, nameNode, findings, removals);
    assignments.push(a);
    if (!rosVersion && a.name === 'ROS_VERSION') rosVersion = a;
    else if (!distro && a.name === 'ROS_DISTRO') distro = a;
  }
  for (const m of text.matchAll(SPACED)) {
    const at = m.indices![1]![0];
    const n = root.descendantForIndex(at);
    const stmt = n?.parent?.type === 'command_name' ? n.parent.parent : n?.parent;
    if (!stmt || (heredocs && inHeredoc(stmt))) continue;
    if (stmt.type === 'declaration_command') spacedDeclaration(text, stmt, findings);
    else if (stmt.type === 'command') spacedCommand(text, stmt, findings);
  }
  // Containers started here: `docker run -e … --network …` read as compose reads a service.
  const runs: ContainerRun[] = [];
  for (const at of containerTools(text)) {
    const leaf = root.descendantForIndex(at);
    const nameNode = leaf?.parent?.type === 'command_name' ? leaf.parent : undefined;
    const cmd = nameNode?.parent;
    if (!leaf || !cmd || cmd.type !== 'command' || nameNode.startIndex !== at || (heredocs && inHeredoc(cmd))) continue;
    // `docker ps`, `docker stop …`: not a run, and reading every argument's node is the costly part.
    if (!RUN_OR_CREATE.test(text.slice(cmd.startIndex, cmd.endIndex).replace(/[\\'"]/g, ''))) continue;
    const words = [leaf, ...cmd.childrenForFieldName('argument')].flatMap((w) => (w ? [argWord(w, text)] : []));
    const run = containerRun(words, `container@${cmd.startIndex}`);
    if (!run) continue;
    runs.push(run);
    for (const a of run.env) if (isRuledName(a.name)) assignments.push(a);
  }
  const containers = runs.length ? containerFindings(runs, text, 'shell') : undefined;
  if (containers) findings.push(...containers.findings);
  const v = rosVersion?.value;
  const d = distro?.value;
  const byStart = new Map<number, Assignment[]>();
  for (const a of assignments)
    for (const at of [a.keySpan.start, a.valueSpan.start]) {
      const list = byStart.get(at);
      if (list) list.push(a);
      else byStart.set(at, [a]);
    }
  return {
    kind: 'shell',
    text,
    assignments,
    findings,
    ...(v === '1' || v === '2' ? { ros: Number(v) as 1 | 2 } : {}),
    ...(d ? { distro: d } : {}),
    ...(containers ? { scopes: containers.scopes } : {}),
    removal: (a) => removals.get(a),
    fixEdit: (e) => safeEdit(e, byStart),
  };
}

/** Nodes whose bodies run instead of each other (if/elif/else, case arms) or only when called (functions). */
const BRANCHES: ReadonlySet<string> = new Set(['elif_clause', 'else_clause', 'case_item', 'function_definition']);

/**
 * The scope of an assignment inside branches: `file/then@12/case_item@40`. Scopes of one `if` or
 * `case` are siblings, so `ROS_HOSTNAME` in one arm and `ROS_IP` in another never meet in a rule,
 * while each arm still sees what the file sets outside it.
 */
function branchScope(n: Node): string {
  const path: string[] = [];
  for (let c: Node = n, p = n.parent; p; c = p, p = p.parent) {
    if (BRANCHES.has(p.type)) path.push(`${p.type}@${p.startIndex}`);
    else if (p.type === 'if_statement' && !BRANCHES.has(c.type)) path.push(`then@${p.startIndex}`);
  }
  return ['file', ...path.reverse()].join('/');
}

/** One `NAME=value` node, wherever it stands. */
function assignment(text: string, n: Node, nameNode: Node, findings: Finding[], removals: Map<Assignment, Span>): Assignment {
  const name = textOf(nameNode, text);
  const parent = n.parent;
  const valueNode = n.childForFieldName('value');
  const opEnd = nameNode.endIndex + (text[nameNode.endIndex] === '+' ? 2 : 1);
  const append = text[nameNode.endIndex] === '+';
  const outer = branchScope(n);
  let scope = outer;
  let exported = false;
  let statement: Node | undefined = n;
  if (parent?.type === 'declaration_command') {
    const kw = parent.child(0)!.type;
    const flags = parent.namedChildren.filter((c) => c!.type === 'word' && textOf(c!, text).startsWith('-')).map((c) => textOf(c!, text));
    exported = (kw === 'export' && !flags.includes('-n')) || flags.some((f) => /^-[a-z]*x/.test(f));
    statement =
      parent.namedChildren.filter((c) => c!.type === 'variable_assignment' || c!.type === 'variable_name').length === 1
        ? parent
        : undefined;
  } else if (parent?.type === 'command') {
    const cmd = parent.childForFieldName('name');
    // tree-sitter-bash joins `NAME=v >file` and the next line's command; bash runs them apart.
    if (cmd && !newlineBetween(text, n.endIndex, cmd.startIndex)) {
      scope = `${outer}/cmd@${parent.startIndex}`;
      statement = undefined;
    }
  } else if (parent?.type === 'variable_assignments') statement = undefined;

  const rawStart = valueNode ? valueNode.startIndex : opEnd;
  const rawEnd = valueNode ? valueNode.endIndex : opEnd;
  const raw = { start: rawStart, end: rawEnd };
  const word = valueNode ? shellWord(valueNode, text) : { parts: [], literal: '', quote: 'none' as const };
  // `NAME=foo\` + newline + `bar` is one word for bash (foobar); the grammar ends the value at the backslash.
  const continued = text[rawEnd] === '\\' && (text[rawEnd + 1] === '\n' || text[rawEnd + 1] === '\r');
  const computed = append || continued || word.literal === undefined;
  const inner = word.quote !== 'none' && valueNode ? { start: rawStart + 1, end: rawEnd - 1 } : raw;
  const a: Assignment = {
    name,
    value: computed ? undefined : word.literal,
    keySpan: { start: nameNode.startIndex, end: nameNode.endIndex },
    valueSpan: inner,
    rawSpan: raw,
    op: 'set',
    scope,
    quote: word.quote,
    exported,
    ...(computed ? { computed: word.parts.length ? word.parts : [{ text: textOf(n, text), dynamic: true }] } : {}),
  };
  if (LIST_VARIABLES.has(name)) listSeparator(text, a, word.literal, findings);
  if (statement) {
    const span = aloneOnLine(text, statement);
    if (span) removals.set(a, span);
  }
  return a;
}

/**
 * FMT003: `ROS_STATIC_PEERS=a;b`, `FASTDDS_BUILTIN_TRANSPORTS=LARGE_DATA?x=1&y=2`: the `;`/`&` right
 * after the value ends the command there, and what is glued to it runs as another command.
 */
function listSeparator(text: string, a: Assignment, literal: string | undefined, findings: Finding[]): void {
  const end = a.rawSpan!.end;
  const c = text[end];
  if (c !== ';' && c !== '&') return;
  const next = text[end + 1];
  // `;;` ends a case item, `&&` is a list, `&>` a redirection; a blank after it is a deliberate separator.
  if (next === c || (c === '&' && next === '>') || isBlank(next) || next === '#') return;
  let stop = end + 1;
  while (stop < text.length && !isBlank(text[stop])) stop++;
  const rest = text.slice(end + 1, stop);
  const shown = literal ?? text.slice(a.rawSpan!.start, end);
  const message =
    c === ';'
      ? `Unquoted ';' ends the command in sh/bash: only '${shown}' is assigned to ${a.name} and '${rest}' runs as a command`
      : `Unquoted '&' ends the command in sh/bash and runs it in the background: ${a.name} is not set in this shell, and '${rest}' runs as a separate command`;
  const whole = literal !== undefined && PLAIN_CONTINUATION.test(rest) ? `${literal}${c}${rest}` : undefined;
  const span = { start: a.rawSpan!.start, end: stop };
  findings.push({
    code: 'FMT003',
    severity: 'error',
    message,
    span: { start: end, end: end + 1 },
    ...(whole !== undefined
      ? { fixes: [{ title: `Quote the value: "${whole}"`, edits: [{ span, newText: `"${whole}"` }], isPreferred: true }] }
      : {}),
  });
}

/** FMT003: `export ROS_IP = 10.0.0.2` exports ROS_IP, then fails on the words '=' and '10.0.0.2'. */
function spacedDeclaration(text: string, n: Node, findings: Finding[]): void {
  const kids = n.namedChildren;
  for (let i = 0; i + 1 < kids.length; i++) {
    const k = kids[i]!;
    const eq = kids[i + 1]!;
    if (k.type !== 'variable_name' || eq.type !== 'word' || !textOf(eq, text).startsWith('=')) continue;
    spaced(
      text,
      k,
      eq,
      kids[i + 2] ?? undefined,
      findings,
      `'${textOf(n.child(0)!, text)}' gets the words '${textOf(k, text)}', '=' … instead of an assignment`,
    );
  }
}

/** FMT003: `ROS_IP = 10.0.0.2` runs a command named ROS_IP. */
function spacedCommand(text: string, n: Node, findings: Finding[]): void {
  const cmd = n.childForFieldName('name');
  if (!cmd || n.namedChildCount < 2) return;
  const name = textOf(cmd, text);
  if (!NAME.test(name) || !isRuledName(name)) return;
  const args = n.childrenForFieldName('argument');
  const eq = args[0];
  if (!eq || !textOf(eq, text).startsWith('=')) return;
  spaced(text, cmd, eq, args[1] ?? undefined, findings, `the shell runs '${name}' as a command instead of assigning it`);
}

function spaced(text: string, key: Node, eq: Node, after: Node | undefined, findings: Finding[], why: string): void {
  const eqText = textOf(eq, text);
  // `NAME = value` (value in the next word) or `NAME =value`.
  const valueStart = eqText === '=' && after ? after.startIndex : eq.startIndex + 1;
  const span = { start: key.endIndex, end: valueStart };
  findings.push({
    code: 'FMT003',
    severity: 'error',
    message: `Spaces around '=': ${why}`,
    span: { start: key.endIndex, end: eq.endIndex },
    fixes: [{ title: 'Remove the spaces', edits: [{ span, newText: '=' }], isPreferred: true }],
  });
}

/**
 * A rule's edit made safe for the shell: a new value in an unquoted word is quoted when bash would
 * read it differently bare; in "…" the characters bash expands there are escaped; in '…' a quote
 * drops the fix. Key renames must stay names.
 */
function safeEdit(e: TextEdit, byStart: ReadonlyMap<number, readonly Assignment[]>): TextEdit | undefined {
  const here = byStart.get(e.span.start) ?? [];
  const a = here.find((x) => x.valueSpan.start === e.span.start && x.valueSpan.end === e.span.end);
  if (a) {
    if (a.quote === 'single') return e.newText.includes("'") ? undefined : e;
    if (a.quote === 'double') return DOUBLE_SAFE.test(e.newText) ? e : { ...e, newText: e.newText.replace(/[$`"\\]/g, (c) => `\\${c}`) };
    return BARE.test(e.newText) ? e : { ...e, newText: shellQuote(e.newText) };
  }
  if (here.some((x) => x.keySpan.start === e.span.start && x.keySpan.end === e.span.end)) return NAME.test(e.newText) ? e : undefined;
  // Other edits (whole-line removals) come from the source's own spans.
  return e;
}

/** A command argument as the container reader takes it, with offsets where its text maps one to one. */
function argWord(n: Node, text: string): ArgWord {
  const w = shellWord(n, text);
  const span = { start: n.startIndex, end: n.endIndex };
  const raw = text.slice(span.start, span.end);
  const inner =
    w.literal === undefined
      ? undefined
      : raw === w.literal
        ? span
        : w.quote !== 'none' && raw.slice(1, -1) === w.literal
          ? { start: span.start + 1, end: span.end - 1 }
          : undefined;
  // `"NAME=$X"`: the literal head maps to the text after the quote.
  const head =
    w.literal === undefined && w.quote === 'double' && raw.slice(1).startsWith(w.parts[0]?.text ?? '\0')
      ? { start: span.start + 1, end: span.end - 1 }
      : undefined;
  return { text: w.literal, parts: w.parts, span, ...(inner || head ? { inner: inner ?? head } : {}) };
}
