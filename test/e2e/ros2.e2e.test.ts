// Browser e2e of ROS 2 live status: real DDS participants (Cyclone and Fast DDS, the test's own
// ROS-2-shaped programs, on loopback only) start and stop; the status bar's participant count
// follows, and the view shows their hosts, node names and topic.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { pickQuickItem, runCommand, screenshot, waitForStatusBar } from '../harness/browser';
import { withWorkbench } from '../harness/workbench';
import { buildDdsParticipants, startDdsNode, type DdsNode } from '../helpers/ddsParticipants';
// A domain of its own, safe on Linux (its ports outside the ephemeral range); loopback only: nothing
// leaves this machine.
const DOMAIN = 60 + Math.floor(Math.random() * 40);

async function expand(page: Page, group: RegExp, child: string): Promise<void> {
  const view = page.locator('.pane', { hasText: 'PROFILES & GRAPH' }).first();
  for (let attempt = 0; attempt < 6; attempt++) {
    const row = view.locator('.monaco-list-row', { hasText: group }).first();
    await row.waitFor({ timeout: 15_000 });
    if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
    try {
      await view.locator('.monaco-list-row', { hasText: child }).first().waitFor({ timeout: 4_000 });
      return;
    } catch {
      // the graph refreshes as SEDP arrives; try again
    }
  }
  throw new Error(`${group} never showed ${child}`);
}

test('ROS 2 status bar and view follow real Cyclone and Fast DDS participants on the profile’s domain', { timeout: 300_000 }, async () => {
  buildDdsParticipants();
  const nodes: DdsNode[] = [];
  const settings = { 'rosNetwork.profiles': [{ name: 'sim', ROS_DOMAIN_ID: DOMAIN, ROS_AUTOMATIC_DISCOVERY_RANGE: 'LOCALHOST' }] };
  try {
    await withWorkbench({ settings }, async ({ page }) => {
      await waitForStatusBar(page, /ROS: no profile/, 60_000);
      await runCommand(page, 'ROS Network: Switch Profile');
      await pickQuickItem(page, 'sim');
      await waitForStatusBar(page, new RegExp(`sim · domain ${DOMAIN} · no participants`), 20_000);

      nodes.push(await startDdsNode({ vendor: 'cyclonedds', domain: DOMAIN, node: 'talker_c', interface: 'lo' }));
      await waitForStatusBar(page, new RegExp(`sim · domain ${DOMAIN} · 1 participant · 1 host`), 20_000);
      nodes.push(await startDdsNode({ vendor: 'fastdds', domain: DOMAIN, node: 'talker_f', interface: '127.0.0.1', udpOnly: true }));
      await waitForStatusBar(page, new RegExp(`sim · domain ${DOMAIN} · 2 participants · 1 host`), 20_000);

      await page.locator('.statusbar-item', { hasText: '2 participants' }).hover();
      const tip = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'this machine' }).first();
      await tip.waitFor({ state: 'visible', timeout: 10_000 });
      const tipText = await tip.innerText();
      assert.match(tipText, /Cyclone DDS/);
      assert.match(tipText, /Fast DDS/);
      assert.match(tipText, new RegExp(`pid ${nodes[0]!.pid}`));
      // Two local participants on a safe domain: nothing to warn about (VS Code marks warning items 'warning-kind').
      assert.doesNotMatch(tipText, /ephemeral|other hosts/);
      assert.equal(await page.locator('.statusbar-item.warning-kind, .statusbar-item.error-kind').count(), 0);
      await screenshot(page, 'ros2-status-tooltip');
      await page.mouse.move(700, 300);

      await runCommand(page, 'ROS Network: Show Graph');
      await expand(page, /^Topics/, '/chatter');
      await expand(page, /^Nodes/, '/talker_f');
      const view = page.locator('.pane', { hasText: 'PROFILES & GRAPH' }).first();
      await view.locator('.monaco-list-row', { hasText: '/talker_c' }).first().waitFor({ timeout: 10_000 });
      const topic = await view.locator('.monaco-list-row', { hasText: '/chatter' }).first().innerText();
      assert.match(topic, /std_msgs\/msg\/String · 2 publishers \/ 2 subscribers/);
      await expand(page, /^Hosts/, 'this machine');
      await screenshot(page, 'ros2-graph-view');

      await nodes.shift()!.stop();
      await waitForStatusBar(page, new RegExp(`sim · domain ${DOMAIN} · 1 participant · 1 host`), 20_000);
      await nodes.shift()!.stop();
      await waitForStatusBar(page, new RegExp(`sim · domain ${DOMAIN} · no participants`), 20_000);
    });
  } finally {
    for (const n of nodes) await n.kill9();
  }
});
