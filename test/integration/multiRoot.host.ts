// Multi-root: each folder gets its own profile through scoped environment collections.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RosNetworkApi } from '../../src/bundles/extension';
import { terminalEnv, waitFor } from './hostUtil';

suite('ROS Network: multi-root workspace', () => {
  test("two folders, two profiles, each terminal gets its folder's", async () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 2);
    const a = await vscode.extensions.getExtension<RosNetworkApi>('ros-network.ros-network')!.activate();
    await a.setActiveProfile('local', folders[0]!.name);
    await a.setActiveProfile('sim (ROS 2)', folders[1]!.name);
    const first = await waitFor('folder A env', async () => {
      const e = await terminalEnv(folders[0]!.uri);
      return e.ROS_MASTER_URI === 'http://127.0.0.1:11311' ? e : undefined;
    });
    assert.notEqual(first.ROS_DOMAIN_ID, '42');
    const second = await waitFor('folder B env', async () => {
      const e = await terminalEnv(folders[1]!.uri);
      return e.ROS_DOMAIN_ID === '42' ? e : undefined;
    });
    assert.equal(second.RMW_IMPLEMENTATION, 'rmw_cyclonedds_cpp');
    assert.notEqual(second.ROS_MASTER_URI, 'http://127.0.0.1:11311');
  });

  test("the status bar, the poller and the doctor follow the active editor's folder and its own profile", async () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const a = await vscode.extensions.getExtension<RosNetworkApi>('ros-network.ros-network')!.activate();
    // Each folder defines a profile of its own, in its folder settings (the reported reproduction).
    const own = [
      { name: 'A local', ROS_MASTER_URI: 'http://127.0.0.1:11311', ROS_IP: '127.0.0.1' },
      { name: 'B sim', ROS_DOMAIN_ID: 7 },
    ];
    for (const [i, f] of folders.entries()) {
      const c = vscode.workspace.getConfiguration('rosNetwork', f.uri);
      await c.update(
        'profiles',
        [...((c.inspect('profiles')?.workspaceFolderValue as unknown[]) ?? []), own[i]],
        vscode.ConfigurationTarget.WorkspaceFolder,
      );
    }
    await a.setActiveProfile('A local', folders[0]!.name);
    await a.setActiveProfile('B sim', folders[1]!.name);
    const open = async (folder: vscode.WorkspaceFolder) => {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'README.md'));
      await vscode.window.showTextDocument(doc);
    };
    for (let round = 0; round < 2; round++) {
      await open(folders[1]!);
      await waitFor('status bar shows folder B profile', () => (/B sim · domain 7/.test(a.statusText() ?? '') ? true : undefined));
      assert.equal(a.masterState().kind, 'ros2', 'the poller follows folder B (ROS 2: nothing to poll)');
      const b = await a.doctor.run();
      assert.ok(
        b?.checks.some((c) => c.id === 'ros2.domain' && c.verdict !== 'skipped'),
        'the doctor checks B sim (ROS 2)',
      );
      await open(folders[0]!);
      await waitFor('status bar shows folder A profile', () =>
        /A local/.test(a.statusText() ?? '') && !/\?/.test(a.statusText() ?? '') ? true : undefined,
      );
      const m = a.masterState();
      assert.ok('uri' in m && m.uri === 'http://127.0.0.1:11311', `the poller follows folder A (${JSON.stringify(m.kind)})`);
      const r = await a.doctor.run();
      assert.ok(
        r?.checks.some((c) => c.id === 'ros2.domain' && c.verdict === 'skipped'),
        'the doctor checks A local (ROS 1)',
      );
    }
  });
});
