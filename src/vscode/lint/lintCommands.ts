import * as vscode from 'vscode';
import { Commands } from '../../ids';
import type { LintDiagnostics } from './lintDiagnostics';
import { plural } from '../../core/text/plural';

/** "Lint Workspace": every supported file, results in the Problems panel. */
export function registerLintCommands(diagnostics: LintDiagnostics, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.lintWorkspace, async () => {
    try {
      const r = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'ROS Network: linting the workspace…' },
        () => diagnostics.lintWorkspace(),
      );
      const msg =
        r.problems > 0
          ? `ROS Network: ${plural(r.problems, 'problem')} in ${plural(r.filesWithProblems, 'file')} (${plural(r.files, 'file')} linted).`
          : `ROS Network: no problems in ${plural(r.files, 'file')}.`;
      // Not awaited: the command's result is the lint, not the click.
      void vscode.window
        .showInformationMessage(msg, ...(r.problems > 0 ? ['Show Problems'] : []))
        .then((c) => c && vscode.commands.executeCommand('workbench.actions.view.problems'));
      return r;
    } catch (e) {
      log.error(`lint workspace failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      void vscode.window.showErrorMessage(`ROS Network: Lint Workspace failed: ${String(e)}`, 'Show Log').then((c) => c && log.show());
      return undefined;
    }
  });
}
