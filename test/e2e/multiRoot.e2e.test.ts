// Browser e2e of the multi-root reproduction: two folders, each defining and using a profile of its
// own; the status bar follows the folder of the file in the active editor.
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { freePort } from '../harness/codeServer';
import { pickQuickItem, runCommand, screenshot, waitForStatusBar } from '../harness/browser';
import { withWorkbench } from '../harness/workbench';

/** Opens a file by name through Go to File (names are unique across the two folders). */
async function openFile(page: Page, name: string): Promise<void> {
  await runCommand(page, 'Go to File');
  const input = page.locator('.quick-input-widget input');
  await input.fill(name);
  await pickQuickItem(page, name);
  await page.locator('.tab.active', { hasText: name }).waitFor({ timeout: 10_000 });
}

/** Switch Profile → profile → the folder it is for. */
async function useProfile(page: Page, profile: string, folder: string): Promise<void> {
  await runCommand(page, 'ROS Network: Switch Profile');
  await pickQuickItem(page, profile);
  await pickQuickItem(page, new RegExp(`^${folder}`));
}

test('multi-root: the status bar shows the profile of the active editor’s folder as the editor moves', { timeout: 300_000 }, async () => {
  // Folder A's master: a port free now, so that it is unreachable.
  const own: Record<string, unknown> = {
    robot: { name: 'A local', ROS_MASTER_URI: `http://127.0.0.1:${await freePort()}`, ROS_IP: '127.0.0.1' },
    sim: { name: 'B sim', ROS_DOMAIN_ID: 7 },
  };
  const files: Record<string, string> = {
    'two.code-workspace': JSON.stringify({ folders: [{ path: 'robot' }, { path: 'sim' }], settings: {} }),
  };
  for (const f of ['robot', 'sim']) {
    files[`${f}/.vscode/settings.json`] = JSON.stringify({ 'rosNetwork.profiles': [own[f]] }, null, 2);
    files[`${f}/${f}-notes.md`] = `# ${f}\n`;
  }
  await withWorkbench({ files, open: 'two.code-workspace' }, async ({ page }) => {
    await waitForStatusBar(page, /ROS: no profile/, 60_000);
    await openFile(page, 'robot-notes.md');
    await useProfile(page, 'A local', 'robot');
    await waitForStatusBar(page, /A local unreachable/, 20_000);
    await openFile(page, 'sim-notes.md');
    // The sim folder has no profile chosen yet: the status bar follows the folder, not the last event.
    await waitForStatusBar(page, /ROS: no profile/, 20_000);
    await useProfile(page, 'B sim', 'sim');
    await waitForStatusBar(page, /B sim · domain 7/, 20_000);
    await screenshot(page, 'multiroot-folder-b');
    for (let i = 0; i < 2; i++) {
      await openFile(page, 'robot-notes.md');
      const a = await waitForStatusBar(page, /A local unreachable/, 20_000);
      if (/A local\?|B sim/.test(a)) throw new Error(`folder A shows another folder's profile: ${a}`);
      await openFile(page, 'sim-notes.md');
      const b = await waitForStatusBar(page, /B sim · domain 7/, 20_000);
      if (/A local/.test(b)) throw new Error(`folder B shows folder A's profile: ${b}`);
    }
    await screenshot(page, 'multiroot-folder-a-again');
  });
});
