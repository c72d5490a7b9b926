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
});
