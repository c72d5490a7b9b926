import type * as vscode from 'vscode';

/**
 * One of our bundles (dist/lint.js, dist/doctor.js) required on first use, so activation does not pay
 * for its parsers. The path is computed at run time, which keeps esbuild from inlining the bundle.
 */
export class LazyBundle<T> {
  private module: T | undefined;

  constructor(
    private readonly file: string,
    /** Named in the log line ("doctor loaded in 12.3 ms"). */
    private readonly what: string,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** The module if it is already loaded (code actions run synchronously on a linted document). */
  loaded(): T | undefined {
    return this.module;
  }

  get(): T {
    if (!this.module) {
      const started = performance.now();
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      this.module = require(this.file) as T;
      this.log.info(`${this.what} loaded in ${(performance.now() - started).toFixed(1)} ms`);
    }
    return this.module;
  }
}
