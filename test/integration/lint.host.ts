// Runs inside the real VS Code extension host (code-server) on test/fixtures/lint-host.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RosNetworkApi } from '../../src/bundles/extension';
import { waitFor } from './hostUtil';

const EXT = 'ros-network.ros-network';
const SOURCE = 'ROS Network';

async function api(): Promise<RosNetworkApi> {
  const ext = vscode.extensions.getExtension<RosNetworkApi>(EXT);
  assert.ok(ext, `${EXT} is installed`);
  return ext.isActive ? ext.exports : await ext.activate();
}

function file(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, rel);
}

const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
const codeOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);
const codes = (uri: vscode.Uri) => ours(uri).map(codeOf).sort();

async function open(rel: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(file(rel));
  await vscode.window.showTextDocument(doc);
  return doc;
}

async function diagnosticsFor(
  uri: vscode.Uri,
  what: string,
  ok: (d: vscode.Diagnostic[]) => boolean = (d) => d.length > 0,
): Promise<vscode.Diagnostic[]> {
  return waitFor(`${what} (${uri.path})`, () => {
    const d = ours(uri);
    return ok(d) ? d : undefined;
  });
}

/** `resolve`: how many actions VS Code resolves (computes the edit of) before returning them. */
async function codeActions(uri: vscode.Uri, range: vscode.Range, kind?: string, resolve = 0): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind, resolve)) ?? [];
}

async function hoverText(uri: vscode.Uri, pos: vscode.Position): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, pos)) ?? [];
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n---\n');
}

function positionOf(doc: vscode.TextDocument, needle: string, delta = 1): vscode.Position {
  const i = doc.getText().indexOf(needle);
  assert.ok(i >= 0, `${needle} is in ${doc.uri.path}`);
  return doc.positionAt(i + delta);
}

async function setLint(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('rosNetwork').update(key, value, vscode.ConfigurationTarget.Workspace);
}

suite('ROS Network: lint in a real VS Code', () => {
  suiteSetup(async () => {
    await api();
  });

  test('opening a bad .env shows ROS Network diagnostics with rule codes, on the exact values', async () => {
    const doc = await open('robot.env');
    const diags = await diagnosticsFor(doc.uri, 'robot.env diagnostics', (d) => d.length >= 5);
    assert.deepEqual(codes(doc.uri), ['DISC002', 'DISC005', 'FMT002', 'HOST001', 'URI001']);
    const uri001 = diags.find((d) => codeOf(d) === 'URI001')!;
    assert.equal(doc.getText(uri001.range), 'hal:11311');
    assert.equal(uri001.severity, vscode.DiagnosticSeverity.Error);
    assert.match(uri001.message, /http:\/\//);
    assert.equal(doc.getText(diags.find((d) => codeOf(d) === 'DISC002')!.range), 'subnet');
    assert.equal(doc.getText(diags.find((d) => codeOf(d) === 'FMT002')!.range), 'ROS_MASTER_URL');
    assert.equal(diags.find((d) => codeOf(d) === 'FMT002')!.severity, vscode.DiagnosticSeverity.Warning);
  });

  test('quick fixes come from the findings, the safe one is preferred, and only for our diagnostics', async () => {
    const doc = await open('robot.env');
    const d = (await diagnosticsFor(doc.uri, 'URI001', (x) => x.some((y) => codeOf(y) === 'URI001'))).find((y) => codeOf(y) === 'URI001')!;
    const actions = await codeActions(doc.uri, d.range);
    const prepend = actions.find((a) => a.title === 'Prepend http://');
    assert.ok(prepend, `actions: ${actions.map((a) => a.title).join(', ')}`);
    assert.equal(prepend.isPreferred, true);
    assert.equal(prepend.kind?.value, vscode.CodeActionKind.QuickFix.value);
    assert.ok(
      actions.some((a) => a.title === 'Fix all ROS Network problems in this file'),
      'fix-all is offered as a quick fix too',
    );
    // A diagnostic of another source on an unflagged line gets nothing from us.
    const other = vscode.languages.createDiagnosticCollection('other-linter');
    try {
      const line0 = new vscode.Range(0, 0, 0, 5);
      const foreign = new vscode.Diagnostic(line0, 'not ours', vscode.DiagnosticSeverity.Warning);
      foreign.source = 'other';
      other.set(doc.uri, [foreign]);
      assert.deepEqual(
        (await codeActions(doc.uri, line0)).filter((a) => /ROS|http|Use |Rename/.test(a.title)).map((a) => a.title),
        [],
      );
    } finally {
      other.dispose();
    }
  });

  test('fix all (source.fixAll.rosNetwork) fixes the file in one edit; re-linting leaves nothing fixable', async () => {
    const doc = await open('robot.env');
    await diagnosticsFor(doc.uri, 'robot.env diagnostics', (d) => d.length >= 5);
    const isFixAll = (a: vscode.CodeAction) => a.kind?.value === 'source.fixAll.rosNetwork';
    // Asked until offered: once in a fresh-clone CI run the first request came back without it (a
    // relint of the file in flight, e.g. after the profile snapshot changed); what matters is its shape.
    const offered = await waitFor('fix-all offered', async () =>
      (await codeActions(doc.uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.rosNetwork')).find(isFixAll),
    );
    assert.ok(!offered.edit, 'offered without its edit: the edit is computed when the action is chosen');
    const [fixAll] = (await codeActions(doc.uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.rosNetwork', 10)).filter(isFixAll);
    assert.ok(fixAll?.edit, 'the resolved fix-all action has its edit');
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
    const text = doc.getText();
    assert.match(text, /^ROS_MASTER_URI=http:\/\/hal:11311$/m);
    assert.match(text, /^ROS_HOSTNAME=robot\.local$/m);
    assert.match(text, /^ROS_AUTOMATIC_DISCOVERY_RANGE=SUBNET$/m);
    assert.match(text, /^RMW_IMPLEMENTATION=rmw_cyclonedds_cpp$/m);
    const version = doc.version;
    const after = await waitFor('re-lint after fix all', () =>
      ours(doc.uri).every((d) => !/hal:11311|subnet|cyclonedds$/.test(doc.getText(d.range))) ? ours(doc.uri) : undefined,
    );
    for (const d of after) {
      const preferred = (await codeActions(doc.uri, d.range)).filter((a) => a.isPreferred);
      assert.deepEqual(
        preferred.map((a) => a.title),
        [],
        `${codeOf(d)} ${d.message} has no preferred fix left`,
      );
    }
    assert.equal(doc.version, version);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('hover on a ROS_DOMAIN_ID value shows the port table; on a name its meaning and the active profile value', async () => {
    const a = await api();
    await a.setActiveProfile('sim');
    const doc = await open('sim.env');
    const table = await hoverText(doc.uri, positionOf(doc, '=7', 1));
    assert.match(table, /ROS_DOMAIN_ID 7/);
    assert.match(table, /Discovery multicast \| 9150 \|/);
    assert.match(table, /\| 0 \| 9160 \| 9161 \|/);
    assert.match(table, /Linux.*\| 120 \|/);
    assert.match(table, /macOS \| 49152–65535 \| 120 \|/);
    const name = await hoverText(doc.uri, positionOf(doc, 'ROS_DOMAIN_ID'));
    assert.match(name, /DDS domain/);
    assert.match(name, /\*In this file:\* `7`/);
    assert.match(name, /\*Active profile 'sim':\* `42`/);
    await a.setActiveProfile(undefined);
  });

  test('typing updates the diagnostics (debounced)', async () => {
    const target = file('scratch.env');
    fs.writeFileSync(target.fsPath, 'ROS_DOMAIN_ID=5\n');
    const doc = await open('scratch.env');
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(1, 0), 'ROS_IP=robot.local\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const d = await diagnosticsFor(doc.uri, 'HOST001 after typing', (x) => x.some((y) => codeOf(y) === 'HOST001'));
    assert.equal(doc.getText(d.find((y) => codeOf(y) === 'HOST001')!.range), 'robot.local');
    const fix = new vscode.WorkspaceEdit();
    fix.replace(doc.uri, d.find((y) => codeOf(y) === 'HOST001')!.range, '10.0.0.5');
    assert.ok(await vscode.workspace.applyEdit(fix));
    await waitFor('HOST001 gone after fixing the value', () => (ours(doc.uri).length === 0 ? true : undefined));
    await doc.save();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a version linted for a code-action request is not linted again when the debounce fires', async () => {
    const target = file('scratch-once.env');
    fs.writeFileSync(target.fsPath, 'ROS_DOMAIN_ID=500\n');
    const doc = await open('scratch-once.env');
    // The open's own lint is published (its finding shows), and its diagnostics event (VS Code fires it
    // 50 ms after the publish) passes, before counting: a fixed sleep was too short under load.
    await diagnosticsFor(doc.uri, 'the open lint of scratch-once.env', (d) => d.length > 0);
    await new Promise((r) => setTimeout(r, 300));
    let events = 0;
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === doc.uri.toString())) events++;
    });
    try {
      const edit = new vscode.WorkspaceEdit();
      edit.insert(doc.uri, new vscode.Position(1, 0), 'ROS_IP=robot.local\n');
      assert.ok(await vscode.workspace.applyEdit(edit));
      // Before the debounce: the request lints the new text and publishes it.
      await codeActions(doc.uri, new vscode.Range(1, 8, 1, 8));
      assert.deepEqual(codes(doc.uri), ['DOM002', 'HOST001']);
      // The debounced lint (300 ms) would publish the same diagnostics again: a second event.
      await new Promise((r) => setTimeout(r, 1200));
      assert.equal(events, 1, 'one publish for one version');
    } finally {
      sub.dispose();
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      fs.rmSync(target.fsPath, { force: true });
    }
  });

  test('rule settings: a rule set to off disappears, a changed severity applies, lint.enabled=false clears everything', async () => {
    const doc = await open('launch/talker.launch');
    await diagnosticsFor(doc.uri, 'talker.launch', (d) => d.some((x) => codeOf(x) === 'URI002') && d.some((x) => codeOf(x) === 'HOST001'));
    try {
      await setLint('lint.rules', { HOST001: 'off', URI002: 'info' });
      const d = await diagnosticsFor(
        doc.uri,
        'rules applied',
        (x) =>
          !x.some((y) => codeOf(y) === 'HOST001') &&
          x.some((y) => codeOf(y) === 'URI002' && y.severity === vscode.DiagnosticSeverity.Information),
      );
      assert.deepEqual(d.map(codeOf), ['URI002']);
      await setLint('lint.enabled', false);
      await waitFor('no diagnostics while disabled', () => (ours(doc.uri).length === 0 ? true : undefined));
    } finally {
      await setLint('lint.rules', undefined);
      await setLint('lint.enabled', undefined);
    }
    await diagnosticsFor(doc.uri, 'back on with default severities', (x) => x.some((y) => codeOf(y) === 'HOST001'));
  });

  test('a file matching rosNetwork.lint.exclude gets no diagnostics', async () => {
    const excluded = await open('ignored/bad.env');
    // Opened after the excluded file, so linted after it: once it has diagnostics the excluded one was decided.
    const control = await open('sim.env');
    await new Promise<void>((resolve) => {
      const edit = new vscode.WorkspaceEdit();
      edit.insert(control.uri, new vscode.Position(0, 0), 'ROS_MASTER_URI=hal:11311\n');
      void vscode.workspace.applyEdit(edit).then(() => resolve());
    });
    await diagnosticsFor(control.uri, 'control file linted', (d) => d.some((x) => codeOf(x) === 'URI001'));
    assert.deepEqual(codes(excluded.uri), []);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a broken XML launch file yields one parse diagnostic and linting goes on', async () => {
    const doc = await open('launch/broken.launch');
    const d = await diagnosticsFor(doc.uri, 'broken.launch');
    assert.equal(d.length, 1, d.map((x) => `${codeOf(x)} ${x.message}`).join('; '));
    assert.equal(codeOf(d[0]!), 'FMT005');
    assert.match(d[0]!.message, /^XML:/);
    assert.ok(d[0]!.range.start.isBeforeOrEqual(d[0]!.range.end));
    const next = await open('scripts/setup_robot.sh');
    assert.deepEqual((await diagnosticsFor(next.uri, 'setup_robot.sh')).map(codeOf), ['FMT003']);
  });

  test('compose, devcontainer.json and ROS 2 files are linted with their own parsers (lazy bundle loaded in the host)', async () => {
    const compose = await open('deploy/compose.yaml');
    assert.deepEqual((await diagnosticsFor(compose.uri, 'compose', (d) => d.length >= 3)).map(codeOf).sort(), [
      'DC004',
      'DISC001',
      'DISC002',
    ]);
    const dev = await open('.devcontainer/devcontainer.json');
    const d = await diagnosticsFor(dev.uri, 'devcontainer');
    assert.deepEqual(d.map(codeOf), ['DOM001']);
    assert.equal(dev.getText(d[0]!.range), '010');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('files whose names say nothing are linted by content: a roslaunch .xml, a Python launch description', async () => {
    const xml = await open('roslaunch_tests/machine-env.xml');
    assert.deepEqual((await diagnosticsFor(xml.uri, 'machine-env.xml')).map(codeOf), ['FMT005']);
    const py = await open('bringup/robot.py');
    assert.ok((await diagnosticsFor(py.uri, 'robot.py')).map(codeOf).includes('DOM002'));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Lint Workspace fills the Problems panel for files never opened, skipping excluded ones', async () => {
    const root = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    fs.mkdirSync(path.join(root, 'node_modules', 'pkg'), { recursive: true });
    fs.writeFileSync(path.join(root, 'node_modules', 'pkg', '.env'), 'ROS_MASTER_URI=hal:11311\n');
    fs.mkdirSync(path.join(root, 'more'), { recursive: true });
    fs.writeFileSync(
      path.join(root, 'more', 'docker-compose.yml'),
      'services:\n  robot:\n    image: ros:noetic\n    environment:\n      - ROS_MASTER_URI=localhost:11311\n',
    );
    const unopened = vscode.Uri.file(path.join(root, 'more', 'docker-compose.yml'));
    assert.equal(
      vscode.workspace.textDocuments.some((d) => d.uri.toString() === unopened.toString()),
      false,
    );
    const r = await vscode.commands.executeCommand<{ files: number; problems: number }>('rosNetwork.lintWorkspace');
    assert.ok(r && r.files >= 8, JSON.stringify(r));
    assert.ok(codes(unopened).includes('URI001'), codes(unopened).join(','));
    assert.ok(codes(file('deploy/compose.yaml')).includes('DISC002'));
    assert.deepEqual(codes(file('ignored/bad.env')), []);
    assert.deepEqual(codes(vscode.Uri.file(path.join(root, 'node_modules', 'pkg', '.env'))), []);
  });

  test("the active profile's addresses are checked against this machine (URI004, HOST003 on the values); an inactive profile with the same values is not", async () => {
    const a = await api();
    const doc = await open('.vscode/settings.json');
    const text = doc.getText();
    const active = text.indexOf('"this-machine"');
    const inactive = text.indexOf('"elsewhere"');
    assert.ok(active >= 0 && inactive > active);
    const inProfile = (d: vscode.Diagnostic, from: number, to: number) =>
      doc.offsetAt(d.range.start) > from && doc.offsetAt(d.range.end) < to;
    try {
      await a.setActiveProfile('this-machine');
      const d = await diagnosticsFor(
        doc.uri,
        'URI004 and HOST003',
        (x) => x.some((y) => codeOf(y) === 'URI004') && x.some((y) => codeOf(y) === 'HOST003'),
      );
      const host = d.filter((y) => ['URI004', 'HOST003'].includes(codeOf(y)));
      assert.deepEqual(host.map((y) => `${codeOf(y)} ${doc.getText(y.range)}`).sort(), [
        'HOST003 10.255.255.1',
        'URI004 no-such-host.invalid',
      ]);
      assert.ok(
        host.every((y) => inProfile(y, active, inactive)),
        'only on the active profile',
      );
      assert.ok(host.every((y) => y.severity === vscode.DiagnosticSeverity.Warning && y.source === SOURCE));
      assert.match(
        host.find((y) => codeOf(y) === 'HOST003')!.message,
        /^ROS_IP may be incorrect: ROS_IP \[10\.255\.255\.1\] does not appear to be an IP address of a local network interface \(one of .*127\.0\.0\.1/,
      );
      assert.equal(host.find((y) => codeOf(y) === 'URI004')!.message, "Cannot resolve hostname 'no-such-host.invalid' in ROS_MASTER_URI");
      // Switching the active profile moves the checks away from these values.
      await a.setActiveProfile('lab');
      await waitFor('host diagnostics gone from the profile that is no longer active', () =>
        ours(doc.uri).every((y) => !inProfile(y, active, inactive)) ? true : undefined,
      );
    } finally {
      await a.setActiveProfile(undefined);
    }
    await waitFor('no host diagnostics without an active profile', () =>
      ours(doc.uri).some((y) => ['URI004', 'HOST003'].includes(codeOf(y))) ? undefined : true,
    );
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Show Domain Ports opens a Markdown document with the calculator for the given domain', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('rosNetwork.showDomainPorts', 101);
    assert.ok(uri);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    assert.ok(doc);
    assert.equal(doc.languageId, 'markdown');
    assert.match(doc.getText(), /# ROS 2 domain 101/);
    assert.match(doc.getText(), /Discovery multicast \| 32650 \|/);
    assert.match(doc.getText(), /Linux.*\| \*\*54\*\* \|/);
  });

  test('the packaged extension ships the lint engine as a separate bundle; the main bundle has no parsers', () => {
    const dir = vscode.extensions.getExtension(EXT)!.extensionPath;
    const main = fs.readFileSync(path.join(dir, 'dist', 'extension.js'), 'utf8');
    assert.ok(fs.existsSync(path.join(dir, 'dist', 'lint.js')), 'dist/lint.js is in the VSIX');
    // saxes' error messages survive minification: they mark the XML parser.
    assert.doesNotMatch(main, /disallowed character in attribute name|Symbol\.for\("yaml\./);
    assert.ok(main.length < 250 * 1024, `dist/extension.js is ${main.length} bytes`);
    assert.match(fs.readFileSync(path.join(dir, 'dist', 'lint.js'), 'utf8'), /disallowed character in attribute name/);
  });
});
