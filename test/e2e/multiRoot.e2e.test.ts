// Browser e2e of the multi-root reproduction: two folders, each defining and using a profile of its
// own; the status bar follows the folder of the file in the active editor.
import { test } from 'node:test';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startCodeServer } from '../harness/codeServer';
import { launchBrowser, openWorkbench, pickQuickItem, runCommand, screenshot, waitForStatusBar } from '../harness/browser';
import { extensionVsix } from '../harness/hostTests';

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
  const work = mkdtempSync(join(tmpdir(), 'rosnet-e2e-multiroot-'));
  const own: Record<string, unknown> = {
    robot: { name: 'A local', ROS_MASTER_URI: 'http://127.0.0.1:9', ROS_IP: '127.0.0.1' },
    sim: { name: 'B sim', ROS_DOMAIN_ID: 7 },
  };
  for (const f of ['robot', 'sim']) {
    mkdirSync(join(work, f, '.vscode'), { recursive: true });
    writeFileSync(join(work, f, '.vscode/settings.json'), JSON.stringify({ 'rosNetwork.profiles': [own[f]] }, null, 2));
    writeFileSync(join(work, f, `${f}-notes.md`), `# ${f}\n`);
  }
  const file = join(work, 'two.code-workspace');
  writeFileSync(file, JSON.stringify({ folders: [{ path: 'robot' }, { path: 'sim' }], settings: {} }));
  const cs = await startCodeServer({ workspace: join(work, 'robot'), vsix: [extensionVsix()] });
  const browser = await launchBrowser();
  try {
    const page = await openWorkbench(browser, `${cs.url}/?workspace=${encodeURIComponent(file)}`);
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
  } catch (e) {
    console.error(cs.exthostLog().slice(-15000));
    throw e;
  } finally {
    await browser.close();
    await cs.dispose();
  }
});
