import type * as vscode from 'vscode';
import type * as LintBundle from '../../bundles/lint';

export type LintEngine = typeof LintBundle;

/**
 * Loads dist/lint.js on first use. A runtime require of a computed path keeps esbuild from inlining
 * the parsers into the extension bundle.
 */
export class LintEngineLoader {
  private engine: LintEngine | undefined;

  constructor(
    private readonly file: string,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** The engine if it is already loaded (code actions run synchronously on a linted document). */
  loaded(): LintEngine | undefined {
    return this.engine;
  }

  get(): LintEngine {
    if (!this.engine) {
      const started = performance.now();
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      this.engine = require(this.file) as LintEngine;
      this.log.info(`lint engine loaded in ${(performance.now() - started).toFixed(1)} ms`);
    }
    return this.engine;
  }
}
