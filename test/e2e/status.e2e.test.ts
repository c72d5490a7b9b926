// Browser e2e: the status bar follows a real rosmaster that the test starts and kills; the tooltip
// and the ROS Network view show the node count that `rosnode list` reports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freePort } from '../harness/codeServer';
import { pickQuickItem, runCommand, screenshot, waitForStatusBar } from '../harness/browser';
import { withWorkbench } from '../harness/workbench';
import { killTree, rosList, startMaster, startRosClient, type Master } from '../helpers/rosProcesses';

test(
  'status bar: unreachable → reachable → unreachable with a real rosmaster; tooltip and view show the node count',
  { timeout: 300_000 },
  async () => {
    const port = await freePort();
    const uri = `http://127.0.0.1:${port}`;
    const settings = {
      'rosNetwork.profiles': [
        { name: 'bench', ROS_MASTER_URI: uri, ROS_IP: '127.0.0.1' },
        { name: 'sim', ROS_DOMAIN_ID: 7 },
      ],
      'rosNetwork.status.intervalSeconds': 1,
    };
    await withWorkbench({ settings }, async ({ page }) => {
      let master: Master | undefined;
      const clients: Array<ReturnType<typeof startRosClient>> = [];
      try {
        await waitForStatusBar(page, /ROS: no profile/, 60_000);
        await runCommand(page, 'ROS Network: Switch Profile');
        await pickQuickItem(page, 'bench');
        await waitForStatusBar(page, /bench unreachable/, 20_000);
        await screenshot(page, 'status-unreachable');

        master = await startMaster(port);
        clients.push(startRosClient(uri, ['rostopic', 'pub', '-r', '1', '/chatter', 'std_msgs/String', 'data: hi']));
        clients.push(startRosClient(uri, ['rostopic', 'echo', '/chatter']));
        const text = await waitForStatusBar(page, /bench · 2 nodes/, 30_000);
        const nodes = (await rosList(uri, 'rosnode')).length;
        assert.equal(nodes, 2);
        assert.match(text, new RegExp(`bench · ${nodes} nodes`));

        await page.locator('.statusbar-item', { hasText: 'bench · 2 nodes' }).hover();
        const tooltip = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'is up' }).first();
        await tooltip.waitFor({ state: 'visible', timeout: 10_000 });
        const tip = await tooltip.innerText();
        assert.match(tip, new RegExp(`${nodes} nodes`));
        assert.match(tip, /Round trip/);
        await screenshot(page, 'status-reachable-tooltip');
        await page.mouse.move(700, 300);

        // The view: the active profile with its live state, and the graph under it.
        await runCommand(page, 'ROS Network: Show Graph');
        const view = page.locator('.pane', { hasText: 'PROFILES & GRAPH' }).first();
        await view.locator('.monaco-list-row', { hasText: 'bench' }).first().waitFor({ timeout: 15_000 });
        // The view probes on its own cadence: wait until its row says up with the node count.
        const row = view.locator('.monaco-list-row', { hasText: 'bench' }).first();
        await row
          .filter({ hasText: new RegExp(`up · ${nodes} nodes`) })
          .waitFor({ timeout: 15_000 })
          .catch(async () => assert.fail(`the view's bench row never showed "up · ${nodes} nodes": ${await row.innerText()}`));
        // Expands a group row until a child shows (a refresh of the tree can swallow one click).
        const expand = async (group: RegExp, child: string) => {
          for (let attempt = 0; attempt < 4; attempt++) {
            const row = view.locator('.monaco-list-row', { hasText: group }).first();
            if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
            try {
              await view.locator('.monaco-list-row', { hasText: child }).first().waitFor({ timeout: 5_000 });
              return;
            } catch {
              // try again
            }
          }
          throw new Error(`${group} never showed ${child}`);
        };
        await expand(/^Nodes/, '/rostopic_');
        await expand(/^Topics/, '/chatter');
        await screenshot(page, 'graph-view');

        for (const c of clients) killTree(c);
        await master.kill();
        master = undefined;
        await waitForStatusBar(page, /bench unreachable/, 20_000);
        await page.locator('.statusbar-item', { hasText: 'bench unreachable' }).hover();
        const down = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'unreachable' }).first();
        await down.waitFor({ state: 'visible', timeout: 10_000 });
        assert.match(await down.innerText(), /connection refused[\s\S]*Is roscore running/);
        await screenshot(page, 'status-down-tooltip');

        // A ROS 2 profile shows its domain instead.
        await page.mouse.move(700, 300);
        await runCommand(page, 'ROS Network: Switch Profile');
        await pickQuickItem(page, 'sim');
        await waitForStatusBar(page, /sim · domain 7/);
      } finally {
        for (const c of clients) killTree(c);
        await master?.kill();
      }
    });
  },
);
