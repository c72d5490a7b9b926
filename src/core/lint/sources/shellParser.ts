import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Parser as TsParser, Tree } from 'web-tree-sitter';

// The bash grammar (tree-sitter-bash) on web-tree-sitter. Both are WebAssembly, whose loading is
// asynchronous: loadShellParser() runs once, on the first shell file, and parseShell() is synchronous
// after it. Nothing is loaded with the lint bundle itself.

let parser: TsParser | undefined;
let loading: Promise<void> | undefined;

/**
 * Where a WASM file is: next to the bundle (esbuild.js copies both into dist/), else in node_modules
 * (tests and tools that run the sources).
 */
function wasmPath(file: string, module: string): string {
  const bundled = join(__dirname, file);
  return existsSync(bundled) ? bundled : require.resolve(module);
}

/** Loads the runtime and the bash grammar once; later calls return the same promise. */
export function loadShellParser(): Promise<void> {
  loading ??= (async () => {
    // require(), not import: esbuild then takes the package's CommonJS build, which finds no
    // import.meta it cannot have in dist/lint.js. The runtime is handed its bytes (no locateFile).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ts = require('web-tree-sitter') as typeof import('web-tree-sitter');
    const runtime = readFileSync(wasmPath('tree-sitter.wasm', 'web-tree-sitter/tree-sitter.wasm'));
    await ts.Parser.init({ wasmBinary: runtime } as never);
    const bash = await ts.Language.load(readFileSync(wasmPath('tree-sitter-bash.wasm', 'tree-sitter-bash/tree-sitter-bash.wasm')));
    const p = new ts.Parser();
    p.setLanguage(bash);
    parser = p;
  })();
  // A failed load (missing file) is retried on the next shell file rather than cached.
  loading.catch(() => (loading = undefined));
  return loading;
}

/** Whether parseShell can run now. */
export function shellParserReady(): boolean {
  return parser !== undefined;
}

/** The last trees parsed, newest first: the editor lints and hovers the same few texts, edit after edit. */
const recent: Array<{ text: string; tree: Tree }> = [];
const KEEP = 4;

/** Row and column (UTF-16 units, as web-tree-sitter counts them for JS strings) of an offset. */
function pointAt(text: string, offset: number): { row: number; column: number } {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

/**
 * The syntax tree of a script, owned by this module (callers must not delete it). A text that shares
 * most of itself with a recent one is parsed incrementally from that tree: after a keystroke in a
 * 2,000-line script that is a few milliseconds instead of a full parse.
 */
export function parseShell(text: string): Tree | undefined {
  if (!parser) return undefined;
  let best = -1;
  let bestShared = 0;
  let bestPrefix = 0;
  let bestSuffix = 0;
  for (let k = 0; k < recent.length; k++) {
    const old = recent[k]!.text;
    if (old === text) {
      const hit = recent.splice(k, 1)[0]!;
      recent.unshift(hit);
      return hit.tree;
    }
    let p = 0;
    const max = Math.min(old.length, text.length);
    while (p < max && old.charCodeAt(p) === text.charCodeAt(p)) p++;
    let q = 0;
    while (q < max - p && old.charCodeAt(old.length - 1 - q) === text.charCodeAt(text.length - 1 - q)) q++;
    if (p + q > bestShared) {
      best = k;
      bestShared = p + q;
      bestPrefix = p;
      bestSuffix = q;
    }
  }
  let tree: Tree | null;
  if (best >= 0 && bestShared * 2 >= text.length) {
    const [{ text: old, tree: oldTree }] = recent.splice(best, 1) as [{ text: string; tree: Tree }];
    oldTree.edit({
      startIndex: bestPrefix,
      oldEndIndex: old.length - bestSuffix,
      newEndIndex: text.length - bestSuffix,
      startPosition: pointAt(old, bestPrefix),
      oldEndPosition: pointAt(old, old.length - bestSuffix),
      newEndPosition: pointAt(text, text.length - bestSuffix),
    });
    tree = parser.parse(text, oldTree);
    oldTree.delete();
  } else tree = parser.parse(text);
  if (!tree) return undefined;
  recent.unshift({ text, tree });
  // Trees live in WebAssembly memory, which the garbage collector does not see.
  while (recent.length > KEEP) recent.pop()!.tree.delete();
  return tree;
}
