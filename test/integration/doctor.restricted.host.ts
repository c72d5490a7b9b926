// Restricted Mode and the network doctor: runs in a window whose workspace is NOT trusted. The
// doctor connects to the hosts a profile names and binds its address, so a profile from an
// untrusted repository's settings must not run; a user profile still does.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RosNetworkApi } from '../../src/bundles/extension';
import type { DoctorReport } from '../../src/core/doctor/types';

async function api(): Promise<RosNetworkApi> {
  return vscode.extensions.getExtension<RosNetworkApi>('ros-network.ros-network')!.activate();
}

function doctorTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.label === 'ROS Network Doctor');
}

suite('ROS Network: the doctor in Restricted Mode', () => {
  test('the window really is untrusted', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  test('a workspace profile is refused, with the reason, and no check runs', async () => {
    const a = await api();
    await a.setActiveProfile('local');
    assert.match(a.statusText() ?? '', /local \(restricted\)/);
    const report = await vscode.commands.executeCommand<DoctorReport | undefined>('rosNetwork.runDoctor');
    assert.equal(report, undefined, 'no report: the doctor did not run');
    assert.match(
      a.doctor.refusal() ?? '',
      /does not run profile 'local' in Restricted Mode: it comes from this workspace's settings, and the doctor would connect to the hosts it names/,
    );
    assert.deepEqual(doctorTabs(), [], 'no doctor panel was opened');
  });

  test('a user profile is still checked in Restricted Mode', async () => {
    const a = await api();
    await a.setActiveProfile('mine-local');
    const report = await a.doctor.run();
    assert.ok(report, 'the doctor ran');
    assert.deepEqual(report.source, { kind: 'profile', name: 'mine-local' });
    assert.equal(a.doctor.refusal(), undefined);
    assert.equal(report.checks.find((c) => c.id === 'local.rosIp')?.verdict, 'ok');
    assert.equal(report.checks.find((c) => c.id === 'master.answers')?.verdict, 'error', 'nothing listens on the discard port');
  });
});
