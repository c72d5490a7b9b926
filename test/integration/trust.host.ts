// Restricted Mode: runs in a window whose workspace is NOT trusted.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RosNetworkApi } from '../../src/bundles/extension';
import { waitFor } from './hostUtil';

suite('ROS Network: Restricted Mode', () => {
  test('the window really is untrusted', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  test('a workspace profile is not injected; the status bar says why', async () => {
    const a = await vscode.extensions.getExtension<RosNetworkApi>('ros-network.ros-network')!.activate();
    await a.setActiveProfile('local');
    assert.equal(a.activeProfileName(), undefined);
    assert.match(a.statusText() ?? '', /local \(restricted\)/);
    assert.deepEqual(a.injectedEnvironment(), {}, 'nothing from the workspace profile is written');
  });

  test('a user profile still works in Restricted Mode', async () => {
    const a = await vscode.extensions.getExtension<RosNetworkApi>('ros-network.ros-network')!.activate();
    await a.setActiveProfile('mine');
    assert.equal(a.activeProfileName(), 'mine');
    // Terminals cannot be spawned by an extension in an untrusted window here, so check what we inject.
    const env = await waitFor('user profile env', () =>
      a.injectedEnvironment().ROS_MASTER_URI === 'http://user-master:11311' ? a.injectedEnvironment() : undefined,
    );
    assert.equal(env.ROS_HOSTNAME, 'laptop');
    assert.equal(env.ROS_IP, '');
  });
});
