// Browser end-to-end: a workspace whose shared settings profile sets PATH and LD_PRELOAD. The picker
// shows them, the real modal asks, terminals get the profile without them until "Allow" is clicked.
// The terminals write what they see into files this test reads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { freePort } from '../harness/codeServer';
import { newTerminalAndType, pickQuickItem, runCommand, screenshot, waitForFile, waitForStatusBar } from '../harness/browser';
import { withWorkbench } from '../harness/workbench';

async function terminalSees(page: Page, dir: string, name: string): Promise<string> {
  const file = join(dir, `${name}.txt`);
  // echo is a builtin: it runs whatever PATH is.
  await newTerminalAndType(page, `echo "$PATH|$LD_PRELOAD|$TZ|$ROS_MASTER_URI" > ${file}`);
  return waitForFile(file);
}

async function dialog(page: Page, text: RegExp): Promise<string> {
  const box = page.locator('.monaco-dialog-box');
  await box.waitFor({ state: 'visible', timeout: 20_000 });
  const t = await box.innerText();
  assert.match(t, text);
  return t;
}

test(
  'a workspace profile with PATH and LD_PRELOAD: picker, real confirmation, terminals before and after',
  { timeout: 300_000 },
  async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'rosnet-e2e-variables-'));
    const home = join(scratch, 'home');
    const out = join(scratch, 'out');
    mkdirSync(home);
    mkdirSync(out);
    writeFileSync(join(home, '.bashrc'), 'export PS1="$ "\n');
    const master = `http://127.0.0.1:${await freePort()}`;
    const settings = readFileSync(join(__dirname, '../fixtures/workspace-denied/.vscode/settings.json'), 'utf8').replaceAll(
      'http://127.0.0.1:11311',
      master,
    );
    const env = { HOME: home, SHELL: '/bin/bash', PATH: process.env.PATH, LD_PRELOAD: undefined, TZ: undefined, ROS_MASTER_URI: undefined };
    const userSettings = { 'terminal.integrated.defaultProfile.linux': 'bash', 'terminal.integrated.shellIntegration.enabled': true };
    await withWorkbench({ fixture: 'workspace-denied', settings, env, userSettings }, async ({ page }) => {
      await waitForStatusBar(page, /ROS: no profile/, 60_000);

      // The picker shows every variable of 'lab', the deny-by-default ones marked.
      await runCommand(page, 'ROS Network: Switch Profile');
      const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'lab' }).first();
      await row.waitFor({ state: 'visible', timeout: 10_000 });
      const rowText = await row.innerText();
      assert.match(rowText, /PATH=\/tmp\/evil:\/usr\/bin/);
      assert.match(rowText, /not applied until you allow them/);
      await screenshot(page, 'variables-picker');
      await pickQuickItem(page, 'lab');

      // The real modal: which names, which values, what they do. Dismissed first.
      const asked = await dialog(page, /PATH=\/tmp\/evil:\/usr\/bin/);
      assert.match(asked, /LD_PRELOAD=\/tmp\/evil\.so/);
      assert.match(asked, /load a library into every program/);
      await screenshot(page, 'variables-confirm');
      await page.locator('.monaco-dialog-box .monaco-button', { hasText: 'Cancel' }).click();
      await waitForStatusBar(page, /lab/);

      const before = (await terminalSees(page, out, 'withheld')).split('|');
      assert.ok(!before[0]!.startsWith('/tmp/evil'), `PATH is not the profile's: ${before[0]}`);
      assert.equal(before[1], '');
      assert.equal(before[2], 'UTC');
      assert.equal(before[3], master);

      await page.locator('.statusbar-item', { hasText: 'lab' }).first().hover();
      const tip = page.locator('.monaco-hover', { hasText: 'without' });
      await tip.waitFor({ state: 'visible', timeout: 10_000 });
      await screenshot(page, 'variables-tooltip-withheld');
      await page.mouse.move(700, 300);

      // Review → Allow: new terminals get them.
      await runCommand(page, 'ROS Network: Review Workspace Profile Variables');
      await dialog(page, /LD_PRELOAD=\/tmp\/evil\.so/);
      await page.locator('.monaco-dialog-box .monaco-button', { hasText: 'Allow in This Workspace' }).click();
      const after = await (async () => {
        for (let i = 0; i < 5; i++) {
          const seen = (await terminalSees(page, out, `allowed-${i}`)).split('|');
          if (seen[0] === '/tmp/evil:/usr/bin') return seen;
        }
        throw new Error('the allowed PATH never reached a terminal');
      })();
      assert.equal(after[1], '/tmp/evil.so');
      assert.equal(after[2], 'UTC');
      await screenshot(page, 'variables-allowed-terminal');
    });
    rmSync(scratch, { recursive: true, force: true });
  },
);
