import * as vscode from 'vscode';
import { applyRuleSettings } from '../../core/lint/settings/ruleSettings';
import type { Fix, TextEdit } from '../../core/lint/types';
import type { LintEngineLoader } from './lintEngineLoader';
import type { LintContextProvider } from './lintContext';
import { LINT_SOURCE, spanToRange, type LintDiagnostics, type LintedText } from './lintDiagnostics';
import { readLintSettings } from './lintSettings';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('rosNetwork');
const FIX_ALL_TITLE = 'Fix all ROS Network problems in this file';

/**
 * Quick fixes from the findings' own fixes (only for our diagnostics; the safe one is preferred),
 * and "Fix all": every preferred fix of the file in one WorkspaceEdit, also as source.fixAll.rosNetwork
 * for `editor.codeActionsOnSave`.
 */
export class LintCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND] };

  constructor(
    private readonly diagnostics: LintDiagnostics,
    private readonly engine: LintEngineLoader,
    private readonly contexts: LintContextProvider,
  ) {}

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const wantsFixAll = context.only ? context.only.contains(FIX_ALL_KIND) || FIX_ALL_KIND.contains(context.only) : false;
    const wantsQuickFix =
      !context.only || context.only.contains(vscode.CodeActionKind.QuickFix) || vscode.CodeActionKind.QuickFix.contains(context.only);
    if (!wantsFixAll && !wantsQuickFix) return [];
    const linted = this.diagnostics.current(doc);
    if (!linted) return [];
    const actions: vscode.CodeAction[] = [];
    if (wantsQuickFix) {
      for (const d of context.diagnostics) {
        if (d.source !== LINT_SOURCE) continue;
        const entry = linted.entries.find(
          (e) =>
            e.finding.code === String(typeof d.code === 'object' ? d.code.value : d.code) &&
            e.diagnostic.range.isEqual(d.range) &&
            e.finding.message === d.message,
        );
        for (const fix of entry?.finding.fixes ?? []) actions.push(this.quickFix(doc, linted, fix, d));
      }
      const fixable = linted.entries.filter((e) => e.finding.fixes?.some((f) => f.isPreferred)).length;
      if (actions.length && fixable > 1) {
        const all = this.fixAll(doc, linted, vscode.CodeActionKind.QuickFix);
        if (all) actions.push(all);
      }
    }
    if (wantsFixAll) {
      const all = this.fixAll(doc, linted, FIX_ALL_KIND);
      if (all) actions.push(all);
    }
    return actions;
  }

  private edit(doc: vscode.TextDocument, linted: LintedText, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
    const we = new vscode.WorkspaceEdit();
    for (const e of edits) we.replace(doc.uri, spanToRange(linted.lines, e.span), e.newText);
    return we;
  }

  private quickFix(doc: vscode.TextDocument, linted: LintedText, fix: Fix, diagnostic: vscode.Diagnostic): vscode.CodeAction {
    const a = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
    a.diagnostics = [diagnostic];
    a.isPreferred = fix.isPreferred === true;
    a.edit = this.edit(doc, linted, fix.edits);
    return a;
  }

  /** The "Fix all" action without its edit: resolveCodeAction computes it if the user picks it. */
  private fixAll(doc: vscode.TextDocument, linted: LintedText, kind: vscode.CodeActionKind): vscode.CodeAction | undefined {
    const fixable = linted.entries.filter((e) => e.finding.fixes?.some((f) => f.isPreferred));
    if (fixable.length === 0) return undefined;
    const a = new FixAllAction(doc, linted, kind);
    a.diagnostics = fixable.map((e) => e.diagnostic);
    return a;
  }

  resolveCodeAction(action: vscode.CodeAction): vscode.CodeAction {
    if (!(action instanceof FixAllAction)) return action;
    const { doc, linted } = action;
    const engine = this.engine.get();
    const rules = readLintSettings(doc.uri).rules;
    const ctx = this.contexts.forUri(doc.uri);
    const edits = engine.fixAllEdits(linted.text, (t) =>
      applyRuleSettings(engine.lintText(doc.uri.fsPath, t, ctx, linted.kind).findings, rules),
    );
    action.edit = this.edit(doc, linted, edits);
    return action;
  }
}

class FixAllAction extends vscode.CodeAction {
  constructor(
    readonly doc: vscode.TextDocument,
    readonly linted: LintedText,
    kind: vscode.CodeActionKind,
  ) {
    super(FIX_ALL_TITLE, kind);
  }
}
