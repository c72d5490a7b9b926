// Browser end-to-end: Debian Chromium + playwright-core driving a real VS Code (code-server) with the
// extension installed from its VSIX. The terminal's HOME has a .bashrc that exports a *different*
// ROS_MASTER_URI; the terminals write what they see into files this test reads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { freePort } from '../harness/codeServer';
import {
  newTerminalAndType,
  notificationTexts,
  pickQuickItem,
  runCommand,
  screenshot,
  waitForStatusBar,
  waitForFile,
} from '../harness/browser';
import { withWorkbench } from '../harness/workbench';

async function terminalSees(page: Page, dir: string, name: string): Promise<string> {
  const file = join(dir, `${name}.txt`);
  await newTerminalAndType(page, `echo "$ROS_MASTER_URI|$ROS_IP|$ROS_HOSTNAME|$ROS_DOMAIN_ID" > ${file}`);
  return waitForFile(file);
}

test('switch, inject past .bashrc, deactivate, invalid profile: in a real VS Code in Chromium', { timeout: 300_000 }, async () => {
  // HOME (with a .bashrc) and the terminals' output files.
  const scratch = mkdtempSync(join(tmpdir(), 'rosnet-e2e-profiles-'));
  const home = join(scratch, 'home');
  const out = join(scratch, 'out');
  mkdirSync(home);
  mkdirSync(out);
  writeFileSync(join(home, '.bashrc'), 'export ROS_MASTER_URI=http://from-bashrc:11311\nexport PS1="$ "\n');
  // The fixture's 'local' profile with a port free now, so that no master answers it; and a profile
  // that is invalid next to the valid ones.
  const master = `http://127.0.0.1:${await freePort()}`;
  const settings = readFileSync(join(__dirname, '../fixtures/workspace/.vscode/settings.json'), 'utf8')
    .replace('http://127.0.0.1:11311', master)
    .replace('"rosNetwork.profiles": [', '"rosNetwork.profiles": [\n    { "name": "typo", "ROS_MASTER_URI": "hal:11311" },');
  assert.ok(settings.includes(master) && settings.includes('"typo"'));
  const env = {
    HOME: home,
    SHELL: '/bin/bash',
    ROS_MASTER_URI: 'http://inherited:11311',
    ROS_HOSTNAME: 'inherited-host',
    ROS_IP: undefined,
    ROS_DOMAIN_ID: undefined,
  };
  const userSettings = { 'terminal.integrated.defaultProfile.linux': 'bash', 'terminal.integrated.shellIntegration.enabled': true };
  await withWorkbench({ settings, env, userSettings }, async ({ page, workspace }) => {
    const settingsFile = join(workspace, '.vscode/settings.json');
    await waitForStatusBar(page, /ROS: no profile/, 60_000);
    await screenshot(page, 'e2e-01-no-profile');

    // The invalid profile is reported, with Open Settings.
    const warned = await (async () => {
      for (let i = 0; i < 50; i++) {
        const texts = await notificationTexts(page);
        const t = texts.find((x) => /invalid profile/.test(x));
        if (t) return t;
        await page.waitForTimeout(200);
      }
      return undefined;
    })();
    assert.ok(warned, 'a warning about the invalid profile is shown');
    assert.match(warned, /rosNetwork\.profiles\[0\]\.ROS_MASTER_URI/);
    await screenshot(page, 'invalid-profile-warning');

    // Before any profile: the terminal sees .bashrc's value (that is what the user has today).
    const before = await terminalSees(page, out, 'before');
    assert.equal(before, 'http://from-bashrc:11311||inherited-host|');

    await runCommand(page, 'ROS Network: Switch Profile');
    await page.waitForTimeout(300);
    await screenshot(page, 'switch-profile');
    await pickQuickItem(page, 'local');
    // Nothing listens on the profile's port: the item shows the profile and that its master is down.
    const status = await waitForStatusBar(page, /local unreachable/);
    assert.match(status, /local unreachable/);

    // A new terminal: the profile wins over .bashrc's export and the inherited ROS_HOSTNAME.
    const active = await terminalSees(page, out, 'active');
    assert.equal(active, `${master}|127.0.0.1|127.0.0.1|`);
    await page.locator('.statusbar-item', { hasText: 'local unreachable' }).hover();
    await page.waitForTimeout(800);
    await screenshot(page, 'status-tooltip');

    // The choice survives a window reload (kept in workspace state, no file edited).
    await page.mouse.move(700, 300);
    await page.reload();
    await page.locator('.statusbar').waitFor({ state: 'visible', timeout: 60_000 });
    await waitForStatusBar(page, /local unreachable/, 60_000);
    assert.equal(readFileSync(settingsFile, 'utf8'), settings, 'switching never edits the workspace settings');

    // The other valid profiles still switch although one is invalid.
    await runCommand(page, 'ROS Network: Switch Profile');
    await pickQuickItem(page, 'sim (ROS 2)');
    await waitForStatusBar(page, /sim \(ROS 2\) · domain 42/);
    const ros2 = await terminalSees(page, out, 'ros2');
    assert.equal(ros2.split('|')[3], '42');
    await screenshot(page, 'ros2-domain');

    await runCommand(page, 'ROS Network: Deactivate Profile');
    await waitForStatusBar(page, /ROS: no profile/);
    const after = await terminalSees(page, out, 'after');
    assert.equal(after, before, 'deactivating restores the inherited values');
    await screenshot(page, 'e2e-05-deactivated');
  });
  rmSync(scratch, { recursive: true, force: true });
});
