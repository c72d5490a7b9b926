import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

// Package-level layering of src/: the folders that tell the architecture must also hold in the
// imports. A package is `core/<area>`, `vscode/<capability>`, `cli` or `bundles`.
const SRC = path.resolve(__dirname, '../../src');

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

function packageOf(file: string): string {
  const parts = path.relative(SRC, file).split(path.sep);
  if ((parts[0] === 'core' || parts[0] === 'vscode') && parts.length > 2) return `${parts[0]}/${parts[1]}`;
  return parts.length > 1 ? parts[0]! : path.basename(parts[0]!, '.ts');
}

/** Every relative import of every file under src, resolved to the package it lands in. */
export function packageImports(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of files(SRC)) {
    const text = fs.readFileSync(file, 'utf8');
    const from = packageOf(file);
    for (const m of text.matchAll(/(import type [^;]*?from|from|import)\s*\(?\s*'(\.\.?\/[^']+)'/g)) {
      const to = packageOf(path.resolve(path.dirname(file), m[2]!));
      // The lazy loaders take the type of the bundle they load; only that type-only edge is allowed.
      if (to === from || (to === 'bundles' && m[1]!.startsWith('import type'))) continue;
      const edges = graph.get(from) ?? new Map<string, string>();
      if (!edges.has(to)) edges.set(to, `${path.relative(SRC, file)} imports '${m[2]}'`);
      graph.set(from, edges);
    }
  }
  return graph;
}

/** A cycle in the graph, as the list of packages and the first import of each step, or undefined. */
export function findCycle(graph: ReadonlyMap<string, ReadonlyMap<string, string>>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string): string[] | undefined => {
    if (state.get(n) === 'done') return undefined;
    if (state.get(n) === 'open') return stack.slice(stack.indexOf(n)).concat(n);
    state.set(n, 'open');
    stack.push(n);
    for (const m of graph.get(n)?.keys() ?? []) {
      const c = visit(m);
      if (c) return c;
    }
    stack.pop();
    state.set(n, 'done');
    return undefined;
  };
  for (const n of graph.keys()) {
    const c = visit(n);
    if (c) return c;
  }
  return undefined;
}

test('no import cycle between packages of src (e.g. core/lint ↔ core/doctor)', () => {
  const graph = packageImports();
  const cycle = findCycle(graph);
  const why = cycle?.slice(1).map((to, i) => graph.get(cycle[i]!)!.get(to)!);
  assert.equal(cycle, undefined, `package cycle ${cycle?.join(' → ')}:\n  ${why?.join('\n  ')}`);
});

test('the cycle finder reports a cycle it is given', () => {
  const g = new Map([
    ['core/lint', new Map([['core/net', 'a']])],
    ['core/net', new Map([['core/doctor', 'b']])],
    ['core/doctor', new Map([['core/lint', 'c']])],
  ]);
  assert.deepEqual(findCycle(g), ['core/lint', 'core/net', 'core/doctor', 'core/lint']);
});

test('core imports only core; vscode adapters never import the CLI; the CLI never imports vscode adapters', () => {
  const bad: string[] = [];
  for (const [from, edges] of packageImports()) {
    for (const [to, where] of edges) {
      if (from.startsWith('core/') && !to.startsWith('core/')) bad.push(where);
      if (from.startsWith('vscode/') && to === 'cli') bad.push(where);
      if (from === 'cli' && to.startsWith('vscode/')) bad.push(where);
    }
  }
  assert.deepEqual(bad, []);
});
