// Runs inside the real VS Code extension host (code-server) against a real rosmaster started by doctor.test.ts.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RosNetworkApi } from '../../src/bundles/extension';
import type { DoctorReport } from '../../src/core/doctor/types';
import { waitFor } from './hostUtil';

const EXT = 'ros-network.ros-network';
const PROFILE = 'doctor-test';

async function api(): Promise<RosNetworkApi> {
  const ext = vscode.extensions.getExtension<RosNetworkApi>(EXT);
  assert.ok(ext, `${EXT} is installed`);
  return ext.isActive ? ext.exports : await ext.activate();
}

function rawProfile(): Record<string, unknown> | undefined {
  const v = vscode.workspace.getConfiguration('rosNetwork').inspect<unknown[]>('profiles')?.workspaceValue ?? [];
  return v.find((p) => (p as { name?: string }).name === PROFILE) as Record<string, unknown> | undefined;
}

suite('ROS Network: network doctor in a real VS Code', () => {
  const master = process.env.ROSNET_DOCTOR_MASTER!;

  suiteSetup(async () => {
    assert.ok(master, 'ROSNET_DOCTOR_MASTER is set by the wrapper');
    await api();
    const config = vscode.workspace.getConfiguration('rosNetwork');
    const current = config.inspect<unknown[]>('profiles')?.workspaceValue ?? [];
    // An address that is on no interface of this machine: the doctor must flag it and offer the route's source.
    await config.update(
      'profiles',
      [...current, { name: PROFILE, ROS_MASTER_URI: master, ROS_IP: '10.255.255.254' }],
      vscode.ConfigurationTarget.Workspace,
    );
    await (await api()).setActiveProfile(PROFILE);
  });

  test('Run Network Doctor: the command returns the report of the active profile against the real master', async () => {
    const report = (await vscode.commands.executeCommand<DoctorReport | undefined>('rosNetwork.runDoctor'))!;
    assert.ok(report, 'the command returns a report');
    assert.deepEqual(report.source, { kind: 'profile', name: PROFILE });
    const by = (id: string) => report.checks.find((c) => c.id === id);
    assert.equal(by('master.answers')?.verdict, 'ok', JSON.stringify(by('master.answers')));
    assert.equal(by('local.rosIp')?.verdict, 'error');
    assert.deepEqual(by('local.rosIp')?.fix?.action, { kind: 'set-ros-ip', address: '127.0.0.1' });
    const md = await (await api()).doctor.copyMarkdown();
    assert.match(md ?? '', /^## ROS Network doctor: problems found/);
    assert.equal(await vscode.env.clipboard.readText(), md);
  });

  test('"Use 127.0.0.1 as ROS_IP" updates the profile in workspace settings, and the re-run is clean', async () => {
    const a = await api();
    assert.equal(await a.doctor.applyFix('local.rosIp'), true);
    await waitFor('ROS_IP updated in settings', () => rawProfile()?.ROS_IP === '127.0.0.1');
    const report = await waitFor('a clean re-run', async () => {
      const r = await a.doctor.run();
      return r && r.checks.find((c) => c.id === 'local.rosIp')?.verdict === 'ok' ? r : undefined;
    });
    assert.deepEqual(
      report.checks.filter((c) => c.verdict === 'error').map((c) => c.id),
      [],
    );
  });
});
