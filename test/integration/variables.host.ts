// Runs inside the real VS Code extension host (code-server), bundled by test/harness/hostTests.ts.
// The workspace is test/fixtures/workspace-denied: its profile 'lab' sets PATH and LD_PRELOAD.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RosNetworkApi } from '../../src/bundles/extension';
import { terminalEnv, waitFor } from './hostUtil';

const EXT = 'ros-network.ros-network';
const NAMES = /^(PATH|LD_PRELOAD|TZ|ROS_MASTER_URI)$/;
const EVIL_PATH = '/tmp/evil:/usr/bin';
const USER_PATH = '/opt/mine/bin:/usr/bin:/bin';

async function api(): Promise<RosNetworkApi> {
  const ext = vscode.extensions.getExtension<RosNetworkApi>(EXT);
  assert.ok(ext, `${EXT} is installed`);
  return ext.isActive ? ext.exports : await ext.activate();
}

/** A terminal's variables once the profile (recognised by `ready`) reached it. */
async function terminalWith(ready: (e: Record<string, string>) => boolean, what: string): Promise<Record<string, string>> {
  return waitFor(what, async () => {
    const e = await terminalEnv(undefined, NAMES);
    return ready(e) ? e : undefined;
  });
}

async function setWorkspaceProfiles(profiles: unknown[]): Promise<void> {
  await vscode.workspace.getConfiguration('rosNetwork').update('profiles', profiles, vscode.ConfigurationTarget.Workspace);
}

suite('ROS Network: deny-by-default variables of workspace profiles', () => {
  suiteSetup(async () => {
    await api();
  });

  test('the Switch picker shows every variable of a profile, the extra and deny-by-default ones marked', async () => {
    const a = await api();
    const detail = a.profileVariables.pickerDetail('lab') ?? '';
    assert.match(detail, /ROS_MASTER_URI=http:\/\/127\.0\.0\.1:11311/);
    assert.match(detail, /ROS_IP=127\.0\.0\.1/);
    assert.match(detail, /extra: TZ=UTC/);
    assert.match(detail, /⚠ can run code \(not applied until you allow them\): PATH=\/tmp\/evil:\/usr\/bin, LD_PRELOAD=\/tmp\/evil\.so/);
    assert.match(a.profileVariables.pickerDetail('mine') ?? '', /from your user settings\): PATH=\/opt\/mine\/bin/);
  });

  test('a workspace profile with PATH and LD_PRELOAD: terminals get it without them, the user is asked and told', async () => {
    const a = await api();
    await a.setActiveProfile('lab');
    const env = await terminalWith((e) => e.ROS_MASTER_URI === 'http://127.0.0.1:11311' && e.TZ === 'UTC', 'lab in a terminal');
    assert.notEqual(env.PATH, EVIL_PATH);
    assert.ok(!env.PATH?.startsWith('/tmp/evil'), `PATH is the inherited one: ${env.PATH}`);
    assert.equal(env.LD_PRELOAD, undefined);
    const injected = a.injectedEnvironment();
    assert.equal(injected.PATH, undefined);
    assert.equal(injected.LD_PRELOAD, undefined);
    assert.equal(injected.TZ, 'UTC');
    assert.equal(a.profileVariables.state(), 'withheld');
    const prompt = await waitFor('the confirmation', () => a.profileVariables.lastPrompt());
    assert.match(prompt.message, /'lab' from this workspace's settings/);
    assert.match(prompt.detail, /PATH=\/tmp\/evil:\/usr\/bin/);
    assert.match(prompt.detail, /LD_PRELOAD=\/tmp\/evil\.so/);
    assert.match(prompt.detail, /load a library into every program/);
    assert.match(a.statusTooltip() ?? '', /Terminals get this profile \*\*without\*\* `PATH`, `LD_PRELOAD`/);
  });

  test('once allowed, terminals get PATH and LD_PRELOAD; the approval is stored for this workspace', async () => {
    const a = await api();
    const asked = a.profileVariables.lastPrompt()?.count ?? 0;
    await a.profileVariables.allow();
    const env = await terminalWith((e) => e.PATH === EVIL_PATH, 'the allowed PATH in a terminal');
    assert.equal(env.LD_PRELOAD, '/tmp/evil.so');
    assert.equal(a.profileVariables.state(), 'allowed');
    assert.equal(a.injectedEnvironment().LD_PRELOAD, '/tmp/evil.so');
    assert.match(a.statusTooltip() ?? '', /you allowed them in this workspace/);
    // Switching away and back does not ask again: the approval is keyed by the names and values.
    await a.setActiveProfile('plain');
    await a.setActiveProfile('lab');
    assert.equal(a.profileVariables.state(), 'allowed');
    assert.equal(a.profileVariables.lastPrompt()?.count, asked);
  });

  test('a changed value asks again and is withheld until allowed', async () => {
    const a = await api();
    const asked = a.profileVariables.lastPrompt()?.count ?? 0;
    const profiles = vscode.workspace.getConfiguration('rosNetwork').inspect<unknown[]>('profiles')?.workspaceValue ?? [];
    const changed = structuredClone(profiles) as Array<Record<string, unknown>>;
    (changed[0]!.env as Record<string, string>).PATH = '/tmp/evil2:/usr/bin';
    await setWorkspaceProfiles(changed);
    await waitFor('withheld again', () => a.profileVariables.state() === 'withheld');
    const prompt = await waitFor('a new confirmation', () => {
      const p = a.profileVariables.lastPrompt();
      return p && p.count > asked ? p : undefined;
    });
    assert.match(prompt.detail, /PATH=\/tmp\/evil2:\/usr\/bin/);
    const env = await terminalWith((e) => e.ROS_MASTER_URI === 'http://127.0.0.1:11311' && !e.PATH?.startsWith('/tmp/evil'), 'withheld');
    assert.equal(env.LD_PRELOAD, undefined);
    await setWorkspaceProfiles(profiles);
    await waitFor('the old value is allowed again', () => a.profileVariables.state() === 'allowed');
  });

  test("a user-settings profile's PATH is applied without asking", async () => {
    const a = await api();
    const asked = a.profileVariables.lastPrompt()?.count ?? 0;
    await a.setActiveProfile('mine');
    const env = await terminalWith((e) => e.PATH === USER_PATH, "the user profile's PATH in a terminal");
    assert.equal(env.LD_PRELOAD, undefined);
    assert.equal(a.profileVariables.state(), 'user');
    assert.equal(a.profileVariables.lastPrompt()?.count, asked, 'no confirmation for the user settings profile');
    assert.match(a.statusTooltip() ?? '', /from your user settings/);
    await a.setActiveProfile(undefined);
  });
});
