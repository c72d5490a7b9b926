import * as vscode from 'vscode';
import type { LintEngineLoader } from './lintEngineLoader';
import type { LintContextProvider } from './lintContext';
import { LineIndex } from '../../core/text/positions';
import { spanToRange } from './lintDiagnostics';

/** Positions the core's hover Markdown: ROS variables (meaning, precedence, values) and the domain port table. */
export class LintHover implements vscode.HoverProvider {
  constructor(
    private readonly engine: LintEngineLoader,
    private readonly contexts: LintContextProvider,
  ) {}

  async provideHover(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    await this.contexts.ready();
    const text = doc.getText();
    const lines = new LineIndex(text);
    const r = this.engine.get().hoverAt(doc.uri.fsPath, text, lines.offsetAt(position), this.contexts.forUri(doc.uri));
    if (!r) return undefined;
    const md = new vscode.MarkdownString(r.markdown);
    md.supportHtml = false;
    return new vscode.Hover(md, spanToRange(lines, r.span));
  }
}
