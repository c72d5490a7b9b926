// Restricted Mode: linting only reads files, so it keeps working in an untrusted window.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor } from './hostUtil';

suite('ROS Network: lint in Restricted Mode', () => {
  test('the window really is untrusted', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  test('a bad .env still gets diagnostics, quick fixes and hovers', async () => {
    await vscode.extensions.getExtension('ros-network.ros-network')!.activate();
    const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'robot.env');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const d = await waitFor('diagnostics in Restricted Mode', () => {
      const x = vscode.languages.getDiagnostics(uri).filter((y) => y.source === 'ROS Network');
      return x.some((y) => y.code === 'URI001') ? x : undefined;
    });
    const actions =
      (await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        uri,
        d.find((y) => y.code === 'URI001')!.range,
      )) ?? [];
    assert.ok(actions.some((a) => a.title === 'Prepend http://' && a.isPreferred));
    const hovers =
      (await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        uri,
        doc.positionAt(doc.getText().indexOf('ROS_IP') + 1),
      )) ?? [];
    assert.match(hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n'), /Literal IP address/);
  });
});
