// Browser end-to-end for the linter: Debian Chromium + playwright-core driving a real VS Code
// (code-server) with the extension installed from its VSIX. Opens a bad .env, sees the squiggle and
// the Problems count, hovers, applies a quick fix with Ctrl+. and checks the file on disk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { openFile, screenshot } from '../harness/browser';
import { withWorkbench } from '../harness/workbench';

/** The rendered editor line containing `text` (the active editor). */
function editorLine(page: Page, text: string): Locator {
  return page.locator('.editor-group-container.active .monaco-editor .view-line', { hasText: text }).first();
}

/** Moves the mouse onto the character `from` characters before the end of the line's text. */
async function pointAtLineEnd(page: Page, line: Locator, fromEnd: number): Promise<{ x: number; y: number }> {
  const span = line.locator('span').first();
  const box = (await span.boundingBox())!;
  const text = await span.innerText();
  const charWidth = box.width / text.length;
  return { x: box.x + box.width - charWidth * (fromEnd - 0.5), y: box.y + box.height / 2 };
}

async function problemsCount(page: Page): Promise<string> {
  return page.locator('.statusbar-item[id="status.problems"]').innerText();
}

test('squiggle, Problems count, hover and a quick fix on a bad .env in a real VS Code in Chromium', { timeout: 300_000 }, async () => {
  const options = {
    fixture: 'lint-host',
    env: { ROS_VERSION: undefined, ROS_DISTRO: undefined, ROS_DOMAIN_ID: undefined, ROS_MASTER_URI: undefined },
    userSettings: { 'editor.hover.delay': 100, 'files.autoSave': 'off' },
  };
  await withWorkbench(options, async ({ page, workspace }) => {
    await openFile(page, 'robot.env');
    const squiggles = page.locator('.editor-group-container.active .monaco-editor .squiggly-error');
    await squiggles.first().waitFor({ state: 'attached', timeout: 60_000 });
    const before = await squiggles.count();
    assert.ok(before >= 4, `${before} error squiggles`);
    assert.match(await problemsCount(page), /[1-9]/);

    // Hover the ROS_MASTER_URI value: the diagnostic message with its rule code, and the variable docs.
    const masterLine = editorLine(page, 'ROS_MASTER_URI=hal:11311');
    const onValue = await pointAtLineEnd(page, masterLine, 3);
    await page.mouse.move(onValue.x, onValue.y);
    const hover = page.locator('.monaco-hover').filter({ hasText: 'must be an http:// URL' }).first();
    await hover.waitFor({ state: 'visible', timeout: 15_000 });
    assert.match(await hover.innerText(), /URI001/);
    assert.match(await hover.innerText(), /ROS Network/);
    await screenshot(page, 'lint-squiggle-hover');

    // Quick fix: cursor into the value, Ctrl+. and pick the preferred fix.
    await page.mouse.click(onValue.x, onValue.y);
    await page.mouse.move(onValue.x, onValue.y + 400);
    await page.keyboard.press('Escape');
    const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Prepend http://' }).first();
    // Ctrl+. can land while the editor is still taking focus after the click; press it again then.
    for (let attempt = 0; attempt < 3 && !(await fix.isVisible()); attempt++) {
      await page.keyboard.press('Control+.');
      await fix.waitFor({ state: 'visible', timeout: 5_000 }).catch(() => undefined);
    }
    await fix.waitFor({ state: 'visible', timeout: 5_000 });
    assert.ok(await page.locator('.action-widget', { hasText: 'Fix all ROS Network problems in this file' }).count());
    await screenshot(page, 'lint-quick-fix');
    await fix.click();
    await editorLine(page, 'ROS_MASTER_URI=http://hal:11311').waitFor({ timeout: 15_000 });
    await page.keyboard.press('Control+s');
    const end = Date.now() + 15_000;
    let disk = '';
    while (Date.now() < end && !(disk = readFileSync(join(workspace, 'robot.env'), 'utf8')).includes('ROS_MASTER_URI=http://hal:11311'))
      await page.waitForTimeout(200);
    assert.match(disk, /^ROS_MASTER_URI=http:\/\/hal:11311$/m);
    // The squiggle under the fixed value is gone: one error squiggle fewer.
    for (let i = 0; i < 75 && (await squiggles.count()) !== before - 1; i++) await page.waitForTimeout(200);
    assert.equal(await squiggles.count(), before - 1);

    // Hover a ROS_DOMAIN_ID value: the port table.
    await openFile(page, 'sim.env');
    const domainLine = editorLine(page, 'ROS_DOMAIN_ID=7');
    const onDomain = await pointAtLineEnd(page, domainLine, 1);
    await page.mouse.move(onDomain.x, onDomain.y);
    const table = page.locator('.monaco-hover').filter({ hasText: 'Discovery multicast' }).first();
    await table.waitFor({ state: 'visible', timeout: 15_000 });
    assert.match(await table.innerText(), /9150/);
    await screenshot(page, 'lint-domain-ports-hover');
  });
});
