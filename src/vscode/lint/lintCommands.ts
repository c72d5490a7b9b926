import * as vscode from 'vscode';
import { Commands } from '../../ids';
import type { LintDiagnostics } from './lintDiagnostics';

/** "Lint Workspace": every supported file, results in the Problems panel. */
export function registerLintCommands(diagnostics: LintDiagnostics, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.lintWorkspace, async () => {
    try {
      const r = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: 'ROS Network: linting workspace' },
        () => diagnostics.lintWorkspace(),
      );
      void vscode.window.setStatusBarMessage(`ROS Network: ${r.problems} problem(s) in ${r.files} file(s)`, 5000);
      if (r.problems > 0) void vscode.commands.executeCommand('workbench.actions.view.problems');
      return r;
    } catch (e) {
      log.error(`lint workspace failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      void vscode.window.showErrorMessage(`ROS Network: Lint Workspace failed: ${String(e)}`, 'Show Log').then((c) => c && log.show());
      return undefined;
    }
  });
}
