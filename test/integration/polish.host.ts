// Runs inside the real VS Code extension host (code-server) against a real rosmaster started by polish.test.ts (issue 14 §7).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RosNetworkApi } from '../../src/bundles/extension';
import { waitFor } from './hostUtil';

const EXT = 'ros-network.ros-network';
const PROFILE = 'polish';
const PARAM = '/rosnet_polish/gain';

async function api(): Promise<RosNetworkApi> {
  const ext = vscode.extensions.getExtension<RosNetworkApi>(EXT);
  assert.ok(ext, `${EXT} is installed`);
  return ext.isActive ? ext.exports : await ext.activate();
}

/** `rosparam set` through the master's XML-RPC API. */
async function setParam(master: string, name: string, value: number): Promise<void> {
  const body = `<?xml version="1.0"?><methodCall><methodName>setParam</methodName><params><param><value>/polish-test</value></param><param><value>${name}</value></param><param><value><int>${value}</int></value></param></params></methodCall>`;
  const res = await fetch(master, { method: 'POST', headers: { 'Content-Type': 'text/xml' }, body });
  assert.match(await res.text(), /<int>1<\/int>/, 'setParam answered code 1');
}

type Node = { kind: string; group?: string; name?: string; active?: boolean };

/** The view's tree as VS Code walks it: the active profile → its Parameters group → the parameter's item. */
async function paramItem(a: RosNetworkApi, name: string): Promise<{ node: Node; item: vscode.TreeItem }> {
  const roots = ((await a.view.getChildren()) ?? []) as Node[];
  const profile = roots.find((n) => n.kind === 'profile' && n.active);
  assert.ok(profile, 'the active profile is in the view');
  const groups = ((await a.view.getChildren(profile)) ?? []) as Node[];
  const params = groups.find((n) => n.kind === 'group' && n.group === 'params');
  assert.ok(params, `a Parameters group (got ${JSON.stringify(groups)})`);
  const node = (((await a.view.getChildren(params)) ?? []) as Node[]).find((n) => n.name === name);
  assert.ok(node, `${name} is listed`);
  return { node, item: await a.view.getTreeItem(node) };
}

suite('ROS Network: polish in a real VS Code (issue 14 §7)', () => {
  const master = process.env.ROSNET_POLISH_MASTER!;

  suiteSetup(async () => {
    assert.ok(master, 'ROSNET_POLISH_MASTER is set by the wrapper');
    const config = vscode.workspace.getConfiguration('rosNetwork');
    const current = config.inspect<unknown[]>('profiles')?.workspaceValue ?? [];
    await config.update(
      'profiles',
      [...current, { name: PROFILE, ROS_MASTER_URI: master, ROS_IP: '127.0.0.1' }],
      vscode.ConfigurationTarget.Workspace,
    );
    const a = await api();
    await a.setActiveProfile(PROFILE);
    await waitFor('the master reachable', () => a.masterState().kind === 'reachable' || undefined, 20000);
  });

  test('Show Domain Ports opens a read-only virtual document, not an Untitled one that asks to be saved', async () => {
    const untitled = () => vscode.workspace.textDocuments.filter((d) => d.isUntitled).length;
    const before = untitled();
    const uri = await vscode.commands.executeCommand<vscode.Uri>('rosNetwork.showDomainPorts', 42);
    assert.ok(uri);
    assert.equal(uri.scheme, 'rosnet-ports');
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())!;
    assert.ok(doc, 'the document is open');
    assert.equal(doc.isUntitled, false);
    assert.equal(doc.isDirty, false);
    assert.equal(doc.languageId, 'markdown');
    assert.match(doc.getText(), /# ROS 2 domain 42: UDP ports/);
    assert.equal(untitled(), before, 'no Untitled document was created');
    // No file system behind the scheme: nothing can be written, so VS Code never offers to save it.
    assert.notEqual(vscode.workspace.fs.isWritableFileSystem('rosnet-ports'), true);
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.isDirty, false);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Copy Master URI copies the active profile master (or the URI the tooltip link passes)', async () => {
    await vscode.env.clipboard.writeText('');
    assert.equal(await vscode.commands.executeCommand('rosNetwork.copyMasterUri'), master);
    assert.equal(await vscode.env.clipboard.readText(), master);
    assert.equal(await vscode.commands.executeCommand('rosNetwork.copyMasterUri', 'http://hal:11311'), 'http://hal:11311');
    assert.equal(
      await vscode.commands.executeCommand('rosNetwork.copyMasterUri', 'javascript:alert(1)'),
      master,
      'only an http URI argument',
    );
  });

  test('a parameter value shown in the view is read again with the graph (rosparam set shows without a click)', async () => {
    const a = await api();
    await setParam(master, PARAM, 1);
    let p = await paramItem(a, PARAM);
    assert.equal(p.item.description, 'click to fetch the value');
    assert.equal(await vscode.commands.executeCommand('rosNetwork.showParamValue', p.node), '1');
    p = await paramItem(a, PARAM);
    assert.equal(p.item.description, '1');
    await setParam(master, PARAM, 2);
    await vscode.commands.executeCommand('rosNetwork.refreshView');
    p = await paramItem(a, PARAM);
    assert.equal(p.item.description, '2', 'the new value, without clicking again');
  });

  test('a shell start-up file opened in the editor is linted against the active profile (XF004, issue 14 §1)', async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'rosnet-polish-home-'));
    const rc = path.join(home, '.bashrc');
    fs.writeFileSync(rc, '# lab\nexport ROS_MASTER_URI=http://wrong:11311\n');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(rc));
    const d = await waitFor('XF004 on .bashrc', () => vscode.languages.getDiagnostics(vscode.Uri.file(rc)).find((x) => x.code === 'XF004'));
    assert.equal(d.range.start.line, 1);
    assert.match(d.message, /wrong:11311/);
    assert.match(d.message, new RegExp(master.replace(/[.:/]/g, '\\$&')));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the walkthrough steps complete on the real events: status known, terminal with the profile, file linted, doctor report', async () => {
    const a = await api();
    const t = vscode.window.createTerminal({ name: 'walkthrough', shellPath: '/bin/bash', shellArgs: ['--norc'] });
    const env = path.join(os.tmpdir(), `rosnet-polish-${Date.now()}.env`);
    fs.writeFileSync(env, 'ROS_MASTER_URI=localhost:11311\n');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(env));
    await waitFor('diagnostics of the .env file', () => (vscode.languages.getDiagnostics(vscode.Uri.file(env)).length ? true : undefined));
    const report = await vscode.commands.executeCommand('rosNetwork.runDoctor');
    assert.ok(report, 'the doctor produced a report');
    const done = await waitFor('all four walkthrough keys', () => {
      const c = a.walkthroughCompleted();
      return c.length === 4 ? c : undefined;
    });
    assert.deepEqual([...done].sort(), ['doctorRan', 'fileLinted', 'statusChecked', 'terminalWithProfile']);
    t.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
