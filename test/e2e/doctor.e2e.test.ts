// Browser e2e for the network doctor: a real rosmaster started here, a workspace profile whose
// ROS_IP is not an address of this machine (10.255.255.1: the doctor only compares it with the local
// interfaces and fails to bind it; nothing is sent to it). Run Network Doctor from the palette, read
// the webview panel, click "Use 127.0.0.1 as ROS_IP", check .vscode/settings.json on disk and the
// re-run. Also the status-bar tooltip's "Run Network Doctor" link while the master is down.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { freePort } from '../harness/codeServer';
import { pickQuickItem, runCommand, screenshot, waitForStatusBar } from '../harness/browser';
import { withWorkbench } from '../harness/workbench';
import { startMaster, type Master } from '../helpers/rosProcesses';
const WRONG_IP = '10.255.255.1';

/** The doctor webview's document: VS Code nests it in an iframe inside the `iframe.webview`. */
function doctorFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview').first().frameLocator('iframe#active-frame');
}

/** The list item of a check, by its title. */
function checkItem(frame: FrameLocator, title: string) {
  return frame.locator('li.check', { has: frame.locator('.title', { hasText: title }) }).first();
}

function profilesOnDisk(workspace: string): Array<Record<string, unknown>> {
  return (
    JSON.parse(readFileSync(join(workspace, '.vscode/settings.json'), 'utf8')) as { 'rosNetwork.profiles': Array<Record<string, unknown>> }
  )['rosNetwork.profiles'];
}

test(
  'Run Network Doctor in a real VS Code in Chromium: the wrong ROS_IP is an error, "Use 127.0.0.1 as ROS_IP" fixes the profile on disk, the re-run is ok; the tooltip links the doctor while the master is down',
  { timeout: 300_000 },
  async () => {
    const port = await freePort();
    const uri = `http://127.0.0.1:${port}`;
    const options = {
      settings: { 'rosNetwork.profiles': [{ name: 'lab', ROS_MASTER_URI: uri, ROS_IP: WRONG_IP }], 'rosNetwork.status.intervalSeconds': 1 },
      env: { ROS_MASTER_URI: undefined, ROS_IP: undefined, ROS_HOSTNAME: undefined },
    };
    await withWorkbench(options, async ({ page, workspace }) => {
      let master: Master | undefined;
      try {
        await waitForStatusBar(page, /ROS: no profile/, 60_000);
        await runCommand(page, 'ROS Network: Switch Profile');
        await pickQuickItem(page, 'lab');

        // Master down: the tooltip offers the doctor.
        await waitForStatusBar(page, /lab unreachable/, 20_000);
        await page.locator('.statusbar-item', { hasText: 'lab unreachable' }).hover();
        const tooltip = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'Run Network Doctor' }).first();
        await tooltip.waitFor({ state: 'visible', timeout: 10_000 });
        const link = tooltip.locator('a', { hasText: 'Run Network Doctor' }).first();
        assert.equal(await link.count(), 1, 'the tooltip has a "Run Network Doctor" link');
        await screenshot(page, 'doctor-tooltip-link');
        // The link runs the doctor: the panel opens with the master's failure.
        await link.click();
        const answers = checkItem(doctorFrame(page), 'The master answers');
        await answers.waitFor({ timeout: 60_000 });
        assert.match((await answers.getAttribute('class')) ?? '', /\berror\b/);
        assert.match(await answers.innerText(), /refused/);
        await page.mouse.move(700, 300);

        master = await startMaster(port);
        // The master answers, but the profile's ROS_IP is not this machine's: the status bar says so
        // instead of a green node count (issue 14 §3).
        await waitForStatusBar(page, /lab · ROS_IP is not an address of this machine/, 30_000);

        await runCommand(page, 'ROS Network: Run Network Doctor');
        const frame = doctorFrame(page);
        const ipCheck = checkItem(frame, 'ROS_IP is an address of this machine');
        await ipCheck.waitFor({ timeout: 60_000 });
        // The re-run replaced the report of the run from the tooltip.
        for (
          let i = 0;
          i < 150 &&
          !/\bok\b/.test(
            (await checkItem(frame, 'The master answers')
              .getAttribute('class')
              .catch(() => '')) ?? '',
          );
          i++
        )
          await page.waitForTimeout(200);
        // Grouped: one heading per group, the master answered.
        const headings = await frame.locator('section h2').allInnerTexts();
        for (const h of ['Variables', 'ROS master', 'This machine’s advertised address', 'Reverse reachability'])
          assert.ok(headings.includes(h), `group '${h}' in ${JSON.stringify(headings)}`);
        assert.match((await checkItem(frame, 'The master answers').getAttribute('class')) ?? '', /\bok\b/);
        assert.match((await ipCheck.getAttribute('class')) ?? '', /\berror\b/);
        assert.match(
          await ipCheck.innerText(),
          new RegExp(`ROS_IP \\[${WRONG_IP.replace(/\./g, '\\.')}\\] does not appear to be an IP address of a local network interface`),
        );
        assert.match(await frame.locator('header h1').innerText(), /Problems found/);
        await screenshot(page, 'doctor-panel-error');

        const fix = ipCheck.locator('button', { hasText: 'Use 127.0.0.1 as ROS_IP' });
        await fix.click();
        // The profile in .vscode/settings.json on disk.
        const end = Date.now() + 20_000;
        while (Date.now() < end && profilesOnDisk(workspace)[0]?.ROS_IP !== '127.0.0.1') await page.waitForTimeout(200);
        assert.deepEqual(profilesOnDisk(workspace), [{ name: 'lab', ROS_MASTER_URI: uri, ROS_IP: '127.0.0.1' }]);

        // The re-run (started by the fix) shows the check ok.
        const fixed = checkItem(doctorFrame(page), 'ROS_IP is an address of this machine');
        for (let i = 0; i < 150 && !/\bok\b/.test((await fixed.getAttribute('class').catch(() => '')) ?? ''); i++)
          await page.waitForTimeout(200);
        assert.match((await fixed.getAttribute('class')) ?? '', /\bok\b/);
        assert.match(await fixed.innerText(), /127\.0\.0\.1 is on lo/);
        assert.match(
          (await checkItem(doctorFrame(page), 'A server bound on the advertised address').getAttribute('class')) ?? '',
          /\bok\b/,
        );
        await screenshot(page, 'doctor-panel-fixed');
        // With this machine's address the status bar is green again.
        await waitForStatusBar(page, /lab · 0 nodes/, 30_000);
      } finally {
        await master?.kill();
      }
    });
  },
);
