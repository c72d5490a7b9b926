// Inside the extension host: runs the mocha suites bundled at $ROSNET_HOST_TESTS and writes the
// results to $ROSNET_HOST_RESULTS. Suites get `vscode` through a global set here, because a module
// outside any extension folder is not handed the API by the host's require interceptor.
import * as vscode from 'vscode';
import Mocha from 'mocha';
import { writeFileSync } from 'node:fs';

interface Result {
  passes: Array<{ title: string; durationMs?: number }>;
  failures: Array<{ title: string; error: string }>;
  pending: string[];
  done: boolean;
}

export function activate(): void {
  const suites = process.env.ROSNET_HOST_TESTS;
  const out = process.env.ROSNET_HOST_RESULTS;
  if (!suites || !out) return;
  (globalThis as { __rosnetVscode?: unknown }).__rosnetVscode = vscode;
  const result: Result = { passes: [], failures: [], pending: [], done: false };
  const write = () => writeFileSync(out, JSON.stringify(result, null, 2));
  try {
    const mocha = new Mocha({ ui: 'tdd', timeout: Number(process.env.ROSNET_HOST_TIMEOUT ?? 60_000), reporter: 'spec' });
    mocha.suite.emit('pre-require', globalThis, suites, mocha);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(suites);
    const runner = mocha.run(() => {
      result.done = true;
      write();
    });
    runner.on('pass', (t) => result.passes.push({ title: t.fullTitle(), durationMs: t.duration }));
    runner.on('fail', (t, err: Error) => result.failures.push({ title: t.fullTitle(), error: String(err?.stack ?? err) }));
    runner.on('pending', (t) => result.pending.push(t.fullTitle()));
  } catch (e) {
    result.failures.push({ title: 'loading the suites', error: String(e instanceof Error ? e.stack : e) });
    result.done = true;
    write();
  }
}
