// Inside the extension host, for bench/keystroke.bench.ts: timestamps every change of the watched
// documents (with the change itself, to rebuild each version's text). (Not the diagnostics:
// onDidChangeDiagnostics is a 50 ms debounced event in VS Code.) When the benchmark creates `<dir>/dump`, it replays the same texts
// through the extension's own dist/lint.js (the floor: the lint call alone, same process, same JIT
// state) and writes everything to `<dir>/events.json`. Times are epoch milliseconds with
// sub-millisecond resolution (timeOrigin + now), comparable with the browser's.
import * as vscode from 'vscode';
import { watch, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const now = () => performance.timeOrigin + performance.now();

interface Change {
  readonly version: number;
  readonly t: number;
  readonly edits: ReadonlyArray<{ readonly offset: number; readonly length: number; readonly text: string }>;
}

interface Tracked {
  readonly uri: vscode.Uri;
  readonly text: string;
  readonly version: number;
  readonly changes: Change[];
}

interface LintBundle {
  lintText(path: string, text: string, ctx: { os: string }): { findings: readonly unknown[] };
  prepareLint(kind: string | undefined): Promise<void>;
  detectKind(path: string, text?: string): string | undefined;
}

/** Rebuilds the text after each recorded change from the text first seen. */
function versions(t: Tracked): Array<{ version: number; text: string }> {
  let text = t.text;
  return t.changes.map((c) => {
    // VS Code reports a change's edits against the text before it, last first when several.
    for (const e of [...c.edits].sort((a, b) => b.offset - a.offset))
      text = text.slice(0, e.offset) + e.text + text.slice(e.offset + e.length);
    return { version: c.version, text };
  });
}

export function recordKeystrokes(dir: string, names: readonly string[]): vscode.Disposable {
  const tracked = new Map<string, Tracked>();
  const watched = (d: vscode.TextDocument) => d.uri.scheme === 'file' && names.includes(basename(d.uri.fsPath));
  const track = (d: vscode.TextDocument) => {
    const key = d.uri.toString();
    if (watched(d) && !tracked.has(key)) tracked.set(key, { uri: d.uri, text: d.getText(), version: d.version, changes: [] });
  };
  vscode.workspace.textDocuments.forEach(track);
  const subs = [
    vscode.workspace.onDidOpenTextDocument(track),
    vscode.workspace.onDidChangeTextDocument((e) => {
      const t = tracked.get(e.document.uri.toString());
      if (!t || !e.contentChanges.length) return;
      t.changes.push({
        version: e.document.version,
        t: now(),
        edits: e.contentChanges.map((c) => ({ offset: c.rangeOffset, length: c.rangeLength, text: c.text })),
      });
    }),
  ];
  const dump = async () => {
    const out: Record<string, unknown> = { files: {} as Record<string, unknown> };
    try {
      const ext = vscode.extensions.getExtension('ros-network.ros-network');
      if (!ext) throw new Error('ros-network.ros-network is not installed');
      // The module the extension itself loaded (same path, so the same instance from require's cache).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const engine = require(join(ext.extensionPath, 'dist', 'lint.js')) as LintBundle;
      for (const t of tracked.values()) {
        const path = t.uri.fsPath;
        await engine.prepareLint(engine.detectKind(path, t.text));
        const floor: number[] = [];
        // The texts the extension linted, in the order it linted them.
        for (const v of versions(t)) {
          const t0 = performance.now();
          engine.lintText(path, v.text, { os: 'linux' });
          floor.push(performance.now() - t0);
          await new Promise((r) => setTimeout(r, 5));
        }
        (out.files as Record<string, unknown>)[basename(path)] = {
          initialVersion: t.version,
          changes: t.changes.map((c) => ({ version: c.version, t: c.t })),
          floorMs: floor,
        };
      }
    } catch (e) {
      out.error = String(e instanceof Error ? e.stack : e);
    }
    writeFileSync(join(dir, 'events.json'), JSON.stringify(out));
  };
  // inotify on the folder: nothing runs in this host between edits.
  let dumped = false;
  const watcher = watch(dir, (_event, file) => {
    if (file !== 'dump' || dumped) return;
    dumped = true;
    void dump();
  });
  return { dispose: () => (watcher.close(), subs.forEach((s) => s.dispose())) };
}
