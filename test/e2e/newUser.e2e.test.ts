// Browser e2e for what a new user tripped over (issue 14 §1–6), in a real VS Code (code-server) in
// Chromium with a real rosmaster: the ROS_IP override in a terminal with `rosnode info` as the oracle,
// comments in settings.json surviving every profile edit byte for byte, the status bar's warning for
// a ROS_IP of another machine, Restricted Mode, Relaunch Terminals leaving task terminals alone, and
// the Create wizard's suggestions and checks. Each step saves a screenshot (test-results/screenshots).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { FrameLocator, Page } from 'playwright-core';
import { parse as parseJsonc } from 'jsonc-parser';
import { freePort } from '../harness/codeServer';
import { newTerminalAndType, notificationTexts, pickQuickItem, runCommand, screenshot, waitForStatusBar } from '../harness/browser';
import { withWorkbench } from '../harness/workbench';
import { rosEnv, startMaster, type Master } from '../helpers/rosProcesses';

const execFileP = promisify(execFile);

async function until<T>(what: string, fn: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < end) {
    last = await fn();
    if (last !== undefined && last !== false) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what}: not within ${timeoutMs} ms`);
}

/** A line a terminal wrote (the xterm canvas is not text; files are the oracle). */
async function fileLine(file: string, timeoutMs = 20_000): Promise<string> {
  return until(
    `${file} written`,
    () => (existsSync(file) && readFileSync(file, 'utf8').endsWith('\n') ? readFileSync(file, 'utf8').trim() : undefined),
    timeoutMs,
  );
}

function killPid(pidFile: string): void {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  if (pid > 0)
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
}

/** `rosnode info` of the node whose name starts with `prefix`, once it registered. */
async function rosnodeInfo(uri: string, prefix: string): Promise<string> {
  const node = await until(
    `a node ${prefix}* registered`,
    async () => {
      const { stdout } = await execFileP('rosnode', ['list'], { env: rosEnv(uri), timeout: 20_000 });
      return stdout.split('\n').find((n) => n.startsWith(prefix));
    },
    40_000,
  );
  const { stdout } = await execFileP('rosnode', ['info', node.trim()], { env: rosEnv(uri), timeout: 20_000 });
  return stdout;
}

/** The hover of the status bar item whose text matches, once it shows `needle`. */
async function statusTooltip(page: Page, item: string | RegExp, needle: string | RegExp): Promise<string> {
  await page.mouse.move(700, 300);
  await page.locator('.statusbar-item', { hasText: item }).first().hover();
  const tip = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: needle }).first();
  await tip.waitFor({ state: 'visible', timeout: 10_000 });
  return tip.innerText();
}

/**
 * What VS Code tells about the active terminal's environment: "Terminal: Show Environment
 * Contributions" lists each extension's collection description (the same text as the tab's hover).
 */
async function environmentContributions(page: Page, needle: RegExp): Promise<string> {
  await runCommand(page, 'Terminal: Show Environment Contributions');
  const editor = page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
  return until(
    `the environment contributions show ${needle}`,
    async () => {
      // Word wrap splits long lines into view lines: join them (real lines are kept apart by the headings).
      const t = (await editor.innerText().catch(() => '')).replace(/\u00a0/g, ' ').replace(/\n/g, '');
      return needle.test(t) ? t : undefined;
    },
    15_000,
  );
}

test(
  '§1 ROS_IP override: without a ROS_HOSTNAME anywhere, `export ROS_IP=127.0.0.2` in a profile terminal is what `rosnode info` contacts; once ~/.bashrc sets ROS_HOSTNAME the pin applies and the user is told',
  { timeout: 400_000 },
  async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'rosnet-e2e-newuser-'));
    const home = join(scratch, 'home');
    const out = join(scratch, 'out');
    mkdirSync(home);
    mkdirSync(out);
    const bashrc = join(home, '.bashrc');
    writeFileSync(bashrc, 'export PS1="$ "\n');
    const master = await startMaster();
    try {
      const settings = { 'rosNetwork.profiles': [{ name: 'lab', ROS_MASTER_URI: master.uri, ROS_IP: '127.0.0.1' }] };
      const env = { HOME: home, SHELL: '/bin/bash', ROS_MASTER_URI: undefined, ROS_IP: undefined, ROS_HOSTNAME: undefined };
      const userSettings = {
        'terminal.integrated.defaultProfile.linux': 'bash',
        'terminal.integrated.shellIntegration.enabled': true,
        'workbench.hover.delay': 100,
      };
      await withWorkbench({ settings, env, userSettings }, async ({ page }) => {
        await waitForStatusBar(page, /ROS: no profile/, 60_000);
        await runCommand(page, 'ROS Network: Switch Profile');
        await pickQuickItem(page, 'lab');
        await waitForStatusBar(page, /lab · 0 nodes/, 30_000);

        // No evidence of a ROS_HOSTNAME: the later export wins, as ROS documents.
        await newTerminalAndType(
          page,
          `export ROS_IP=127.0.0.2; rostopic pub /probe std_msgs/String hi >/dev/null 2>&1 & echo $! > ${out}/pub1.pid; echo "$ROS_IP|$ROS_HOSTNAME|$ROSNET_PINNED" > ${out}/t1.txt`,
        );
        assert.equal(await fileLine(join(out, 't1.txt')), '127.0.0.2||');
        const info1 = await rosnodeInfo(master.uri, '/rostopic_');
        assert.match(info1, /contacting node http:\/\/127\.0\.0\.2:\d+/, info1);
        const hover1 = await environmentContributions(page, /ROS Network/);
        assert.match(hover1, /leaves ROS_HOSTNAME unset, so an export ROS_IP=… in this terminal takes effect/, hover1);
        await screenshot(page, 'newuser-1-override-export-wins');
        killPid(join(out, 'pub1.pid'));

        // ~/.bashrc (edited outside VS Code) now sets ROS_HOSTNAME: switching re-reads it and pins.
        appendFileSync(bashrc, 'export ROS_HOSTNAME=from-bashrc\n');
        await runCommand(page, 'ROS Network: Deactivate Profile');
        await waitForStatusBar(page, /ROS: no profile/);
        await runCommand(page, 'ROS Network: Switch Profile');
        await pickQuickItem(page, 'lab');
        await waitForStatusBar(page, /lab · \d+ nodes?/, 30_000);
        await newTerminalAndType(
          page,
          `export ROS_IP=127.0.0.2; rostopic pub /probe2 std_msgs/String hi >/dev/null 2>&1 & echo $! > ${out}/pub2.pid; echo "$ROS_IP|$ROS_HOSTNAME|$ROSNET_PINNED" > ${out}/t2.txt`,
        );
        assert.equal(await fileLine(join(out, 't2.txt')), '127.0.0.2|127.0.0.1|ROS_HOSTNAME');
        // The first publisher may still be registered (killed): find the new one by its topic.
        const pub = await until(
          'the publisher of /probe2 registered',
          async () => {
            const r = await execFileP('rostopic', ['info', '/probe2'], { env: rosEnv(master.uri), timeout: 20_000 }).catch(() => undefined);
            return r && /\* (\/rostopic_\S+)/.exec(r.stdout)?.[1];
          },
          40_000,
        );
        const info2 = await rosnodeInfo(master.uri, pub);
        assert.match(info2, /contacting node http:\/\/127\.0\.0\.1:\d+/, info2);
        // Told in the terminal's hover and in the status tooltip.
        const hover2 = await environmentContributions(page, /pins ROS_HOSTNAME/);
        assert.match(hover2, /pins ROS_HOSTNAME=127\.0\.0\.1 \(~\/\.bashrc:2 sets ROS_HOSTNAME/, hover2);
        assert.match(hover2, /export ROS_HOSTNAME there/, hover2);
        await screenshot(page, 'newuser-1-pinned-terminal-hover');
        const tip = await statusTooltip(page, /lab · \d+ node/, /bashrc/);
        assert.match(tip, /~\/\.bashrc:2 sets ROS_HOSTNAME=from-bashrc/, tip);
        await screenshot(page, 'newuser-1-pinned-status-tooltip');
        killPid(join(out, 'pub2.pid'));
      });
    } finally {
      killPid(join(out, 'pub1.pid'));
      killPid(join(out, 'pub2.pid'));
      await master.kill();
      rmSync(scratch, { recursive: true, force: true });
    }
  },
);

/** The doctor webview's document: VS Code nests it in an iframe inside the `iframe.webview`. */
function doctorFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview').first().frameLocator('iframe#active-frame');
}

/**
 * What was inserted into `before` right after `anchor` (its first occurrence), when everything before
 * and after that point is unchanged byte for byte; fails otherwise.
 */
function insertedAfter(before: string, after: string, anchor: string): string {
  const cut = before.indexOf(anchor) + anchor.length;
  assert.ok(cut >= anchor.length, `anchor ${JSON.stringify(anchor)} is in the file`);
  assert.equal(after.slice(0, cut), before.slice(0, cut), 'unchanged up to the insertion');
  assert.ok(after.endsWith(before.slice(cut)), `unchanged after the insertion:\n${after}`);
  return after.slice(cut, after.length - (before.length - cut));
}

/** The comments of a settings file, in order. */
function commentsOf(text: string): string[] {
  // A `//` after blank space or at a line start (not the one in `http://`).
  return [...text.matchAll(/(?<=^|\s)\/\/[^\n]*|\/\*[\s\S]*?\*\//gm)].map((m) => m[0]);
}

async function fileChange(file: string, before: string, what: string): Promise<string> {
  return until(`${what}: ${file} changed`, () => {
    const t = readFileSync(file, 'utf8');
    return t !== before ? t : undefined;
  });
}

test(
  '§2 §3 status warns for a ROS_IP that is not this machine’s (running master), its fix link opens the doctor; Use … as ROS_IP, Duplicate, Delete and Import keep settings.json byte-exact outside the edited element',
  { timeout: 400_000 },
  async () => {
    const WRONG_IP = '10.255.255.1';
    const master: Master = await startMaster();
    const settingsText = `{
  // Team settings: reviewed in PRs, keep the comments.
  "rosNetwork.profiles": [
    // keep 42: the sim team uses it
    { "name": "sim", "ROS_DOMAIN_ID": 42 },
    /* the lab master on this machine */
    {
      "name": "lab",
      "ROS_MASTER_URI": "${master.uri}",
      "ROS_IP": "${WRONG_IP}" // copied from hal's profile
    },
    {"name":"old","ROS_MASTER_URI":"http://127.0.0.1:9"}   // compact on purpose
    // trailing comment inside the array
  ],
  "rosNetwork.status.intervalSeconds": 1 // fast for the demo
}
`;
    const files = {
      '.vscode/settings.json': settingsText,
      'robot.env': `ROS_MASTER_URI=${master.uri}\nROS_IP=127.0.0.1\n`,
    };
    const env = { ROS_MASTER_URI: undefined, ROS_IP: undefined, ROS_HOSTNAME: undefined };
    try {
      await withWorkbench({ files, env }, async ({ page, workspace }) => {
        const file = join(workspace, '.vscode/settings.json');
        await waitForStatusBar(page, /ROS: no profile/, 60_000);
        await runCommand(page, 'ROS Network: Switch Profile');
        await pickQuickItem(page, 'lab');

        // §3: the master answers, but ROS_IP is not an address here: a warning, not a green count.
        const status = await waitForStatusBar(page, /lab · ROS_IP is not an address of this machine/, 40_000);
        assert.doesNotMatch(status, /lab · 0 nodes/);
        assert.equal(await page.locator('.statusbar-item.warning-kind', { hasText: 'ROS_IP is not an address' }).count(), 1);
        const tip = await statusTooltip(page, 'ROS_IP is not an address', 'Fix with the Network Doctor');
        assert.match(
          tip,
          new RegExp(`ROS_IP \\[${WRONG_IP.replace(/\./g, '\\.')}\\] does not appear to be an IP address of a local network interface`),
        );
        assert.match(tip, /is up/);
        await screenshot(page, 'newuser-3-status-warning-tooltip');
        const link = page.locator('.monaco-hover, .workbench-hover').locator('a', { hasText: 'Fix with the Network Doctor' }).first();
        await link.click();

        // §2: the doctor's fix edits only the ROS_IP value.
        const fix = doctorFrame(page).locator('button', { hasText: 'Use 127.0.0.1 as ROS_IP' }).first();
        await fix.waitFor({ timeout: 60_000 });
        await screenshot(page, 'newuser-3-doctor-from-status-link');
        let before = readFileSync(file, 'utf8');
        await fix.click();
        let after = await fileChange(file, before, 'Use 127.0.0.1 as ROS_IP');
        assert.equal(after, before.replace(`"ROS_IP": "${WRONG_IP}"`, '"ROS_IP": "127.0.0.1"'));
        await waitForStatusBar(page, /lab · 0 nodes/, 30_000);
        await screenshot(page, 'newuser-2-after-use-as-ros-ip');

        // Duplicate: one element added, nothing else touched.
        before = after;
        await runCommand(page, 'ROS Network: Duplicate Profile');
        await pickQuickItem(page, 'sim');
        const name = page.locator('.quick-input-widget input');
        await name.waitFor({ state: 'visible' });
        await until('the copy’s name suggested', async () => ((await name.inputValue()) === 'sim copy' ? true : undefined), 10_000);
        await page.keyboard.press('Enter');
        after = await fileChange(file, before, 'Duplicate');
        // The comma after the last element and the new element on the line after its comment: nothing else.
        const compact = '{"name":"old","ROS_MASTER_URI":"http://127.0.0.1:9"}';
        assert.equal(
          after,
          before.replace(
            `${compact}   // compact on purpose\n`,
            `${compact},   // compact on purpose\n    {\n      "name": "sim copy",\n      "ROS_DOMAIN_ID": 42\n    }\n`,
          ),
        );
        assert.deepEqual(commentsOf(after), commentsOf(before));
        await screenshot(page, 'newuser-2-after-duplicate');

        // Delete: one element removed (its own trailing comment aside, nothing else touched).
        before = after;
        await runCommand(page, 'ROS Network: Delete Profile');
        await pickQuickItem(page, 'old');
        const dialog = page.locator('.monaco-dialog-box');
        await dialog.waitFor({ state: 'visible', timeout: 10_000 });
        await screenshot(page, 'newuser-2-delete-confirm');
        await dialog.locator('.monaco-button', { hasText: 'Delete' }).first().click();
        after = await fileChange(file, before, 'Delete');
        // Only the element's own line went (the `// compact on purpose` ending it belongs to it).
        assert.equal(after, before.replace(`    ${compact},   // compact on purpose\n`, ''));
        assert.deepEqual(
          commentsOf(after),
          commentsOf(before).filter((c) => c !== '// compact on purpose'),
        );

        // Import from a .env file into the workspace settings.
        before = after;
        await runCommand(page, 'ROS Network: Import Profile From Current Environment');
        await pickQuickItem(page, 'A .env file');
        await pickQuickItem(page, 'robot.env');
        await name.waitFor({ state: 'visible' });
        await name.fill('robot');
        await page.keyboard.press('Enter');
        await pickQuickItem(page, 'Workspace settings');
        after = await fileChange(file, before, 'Import');
        const imported = insertedAfter(before, after, '"ROS_DOMAIN_ID": 42\n    }');
        assert.match(imported, /^,\n    \{\n[\s\S]*\n    \}$/);
        assert.deepEqual(JSON.parse(imported.slice(1)), { name: 'robot', ROS_MASTER_URI: master.uri, ROS_IP: '127.0.0.1' });
        assert.deepEqual(commentsOf(after), commentsOf(before));
        for (const c of [
          '// Team settings: reviewed in PRs, keep the comments.',
          '// keep 42: the sim team uses it',
          '/* the lab master on this machine */',
          "// copied from hal's profile",
          '// trailing comment inside the array',
          '// fast for the demo',
        ])
          assert.ok(after.includes(c), `${c} survived`);
        // The file as the user sees it after all four edits.
        await runCommand(page, 'Go to File');
        await page.locator('.quick-input-widget input').fill('.vscode/settings.json');
        await page.locator('.quick-input-list .monaco-list-row', { hasText: 'settings.json' }).first().waitFor({ timeout: 15_000 });
        await page.keyboard.press('Enter');
        await page.locator('.editor-group-container.active .view-line', { hasText: 'keep 42' }).first().waitFor({ timeout: 15_000 });
        await screenshot(page, 'newuser-2-settings-after-all-edits');
      });
    } finally {
      await master.kill();
    }
  },
);

test(
  '§4 Restricted Mode: the view and the Switch picker say the folder defines 1 profile and offer Trust; Show Graph without an active profile says why and offers Switch',
  { timeout: 300_000 },
  async () => {
    const settings = { 'rosNetwork.profiles': [{ name: 'team lab', ROS_MASTER_URI: 'http://127.0.0.1:9', ROS_IP: '127.0.0.1' }] };
    const userSettings = {
      'security.workspace.trust.enabled': true,
      'security.workspace.trust.startupPrompt': 'never',
      'security.workspace.trust.untrustedFiles': 'open',
    };
    await withWorkbench({ settings, userSettings, env: { ROS_MASTER_URI: undefined } }, async ({ page }) => {
      await waitForStatusBar(page, /ROS: no profile/, 60_000);
      // Show Graph with no active profile: opens the view and says why.
      await runCommand(page, 'ROS Network: Show Graph');
      const why = await until('the Show Graph notification', async () =>
        (await notificationTexts(page)).find((t) => /no profile is active/.test(t)),
      );
      assert.match(why, /The graph shows the master of the active ROS 1 profile/);
      const toast = page.locator('.notifications-toasts .notification-list-item', { hasText: 'no profile is active' }).first();
      assert.equal(await toast.locator('.monaco-button', { hasText: 'Switch Profile' }).count(), 1);
      const view = page.locator('.pane', { hasText: 'PROFILES & GRAPH' }).first();
      const viewText = await until('the view says the folder defines a profile', async () => {
        const t = await view.innerText().catch(() => '');
        return /This folder defines 1 profile in its workspace settings\. Trust the workspace to use it/.test(t) ? t : undefined;
      });
      assert.doesNotMatch(viewText, /No ROS network profiles yet/);
      assert.equal(await view.locator('a, .monaco-button', { hasText: 'Trust the Workspace' }).count(), 1, viewText);
      await screenshot(page, 'newuser-4-restricted-view-and-show-graph');

      // The Switch picker says the same, and its item opens the trust editor.
      await runCommand(page, 'ROS Network: Switch Profile');
      const item = page.locator('.quick-input-list .monaco-list-row', { hasText: 'This folder defines 1 profile' }).first();
      await item.waitFor({ state: 'visible', timeout: 10_000 });
      assert.match(await item.innerText(), /trust the workspace to use it/);
      await screenshot(page, 'newuser-4-restricted-switch-picker');
      await item.click();
      await page.waitForTimeout(1500);
      await screenshot(page, 'newuser-4-trust-editor');
      const trustEditor = page.locator('.workspace-trust-editor').first();
      await trustEditor.getByText('You are in Restricted Mode').waitFor({ timeout: 10_000 });
      // Trusting the folder makes its profile usable: the view lists it.
      await trustEditor
        .locator('.monaco-button', { hasText: /^Trust$/ })
        .first()
        .click();
      await view.locator('.monaco-list-row', { hasText: 'team lab' }).first().waitFor({ timeout: 20_000 });
      await screenshot(page, 'newuser-4-trusted-view');
    });
  },
);

function lines(file: string): string[] {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
}

test(
  '§5 Relaunch Terminals relaunches the shell terminal, lists what it relaunches, and never re-runs a finished task terminal (its marker file keeps one line)',
  { timeout: 400_000 },
  async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'rosnet-e2e-relaunch-'));
    const home = join(scratch, 'home');
    mkdirSync(home);
    const starts = join(scratch, 'shell-starts.txt');
    const marker = join(scratch, 'task-runs.txt');
    // Every interactive shell start writes the master it got; the task (bash -c) reads no .bashrc.
    writeFileSync(join(home, '.bashrc'), `export PS1="$ "\necho "start $ROS_MASTER_URI" >> ${starts}\n`);
    const [a, b] = [`http://127.0.0.1:${await freePort()}`, `http://127.0.0.1:${await freePort()}`];
    const files = {
      '.vscode/settings.json': JSON.stringify(
        {
          'rosNetwork.profiles': [
            { name: 'alpha', ROS_MASTER_URI: a },
            { name: 'beta', ROS_MASTER_URI: b },
          ],
        },
        null,
        2,
      ),
      '.vscode/tasks.json': JSON.stringify(
        {
          version: '2.0.0',
          tasks: [{ label: 'deploy', type: 'shell', command: `echo "run $ROS_MASTER_URI" >> ${marker}`, problemMatcher: [] }],
        },
        null,
        2,
      ),
    };
    const env = { HOME: home, SHELL: '/bin/bash', ROS_MASTER_URI: undefined, ROS_IP: undefined, ROS_HOSTNAME: undefined };
    const userSettings = { 'terminal.integrated.defaultProfile.linux': 'bash', 'terminal.integrated.shellIntegration.enabled': true };
    try {
      await withWorkbench({ files, env, userSettings }, async ({ page }) => {
        await waitForStatusBar(page, /ROS: no profile/, 60_000);
        await runCommand(page, 'ROS Network: Switch Profile');
        await pickQuickItem(page, 'alpha');
        await waitForStatusBar(page, /alpha unreachable/, 30_000);

        await newTerminalAndType(page, 'echo ready');
        await until('the shell started', () => (lines(starts).length === 1 ? true : undefined));
        assert.deepEqual(lines(starts), [`start ${a}`]);

        await runCommand(page, 'Tasks: Run Task');
        await pickQuickItem(page, 'deploy');
        await until('the task ran', () => (lines(marker).length === 1 ? true : undefined));
        assert.deepEqual(lines(marker), [`run ${a}`]);
        await page.waitForTimeout(1000);

        // Switch: the offer names the shell it would relaunch and the task terminal it leaves alone.
        await runCommand(page, 'ROS Network: Switch Profile');
        await pickQuickItem(page, 'beta');
        const offer = await until('the relaunch offer', async () =>
          (await notificationTexts(page)).find((t) => /keeps the previous environment/.test(t)),
        );
        assert.match(offer, /1 open terminal \('bash'\) keeps the previous environment/, offer);
        assert.match(offer, /Task terminals \('[^']*deploy[^']*'\) are not relaunched: tasks get the profile on their next run/, offer);
        await screenshot(page, 'newuser-5-relaunch-offer');
        await page
          .locator('.notifications-toasts .notification-list-item', { hasText: 'keeps the previous environment' })
          .first()
          .locator('.monaco-button', { hasText: 'Relaunch Terminals' })
          .click();
        await until('the shell relaunched', () => (lines(starts).length === 2 ? true : undefined));
        assert.deepEqual(lines(starts), [`start ${a}`, `start ${b}`]);
        const done = await until('the relaunch summary', async () =>
          (await notificationTexts(page)).find((t) => /relaunched 1 terminal/.test(t)),
        );
        assert.match(done, /1 task terminal \('[^']*deploy[^']*'\) was not relaunched: tasks get the profile on their next run/, done);
        await screenshot(page, 'newuser-5-relaunched-task-left-alone');

        // The palette command too; the task never ran again.
        await runCommand(page, 'ROS Network: Relaunch Terminals With Active Profile');
        await until('the shell relaunched again', () => (lines(starts).length === 3 ? true : undefined));
        await page.waitForTimeout(3000);
        assert.deepEqual(lines(marker), [`run ${a}`], 'the task ran exactly once');
      });
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  },
);

test(
  '§6 Create wizard: the RMW step, distro-dependent discovery, this machine’s addresses as ROS_IP suggestions (route to the master first), trimmed input, 0.0.0.0 rejected, domain errors about what was typed',
  { timeout: 300_000 },
  async () => {
    const uri = `http://127.0.0.1:${await freePort()}`;
    const files = { '.vscode/settings.json': '{\n  // created by the wizard below\n}\n' };
    const env = { ROS_DISTRO: undefined, ROS_VERSION: undefined, ROS_MASTER_URI: undefined, ROS_IP: undefined, ROS_HOSTNAME: undefined };
    await withWorkbench({ files, env }, async ({ page, workspace }) => {
      const file = join(workspace, '.vscode/settings.json');
      const input = page.locator('.quick-input-widget input');
      const title = page.locator('.quick-input-widget .quick-input-title');
      const message = page.locator('.quick-input-widget .quick-input-message');
      const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
      const typed = async (v: string, expect: RegExp) => {
        await input.fill(v);
        return until(
          `the message for ${JSON.stringify(v)}`,
          async () => {
            const t = await message.innerText().catch(() => '');
            return expect.test(t) ? t : undefined;
          },
          10_000,
        );
      };
      await waitForStatusBar(page, /ROS: no profile/, 60_000);

      // ROS 1: name, master, ROS_IP from this machine's addresses.
      await runCommand(page, 'ROS Network: Create Profile');
      await pickQuickItem(page, 'ROS 1');
      await until('step 2/6', async () => /\(2\/6\)/.test(await title.innerText()) || undefined);
      await input.fill('wiz one');
      await page.keyboard.press('Enter');
      await until('step 3/6', async () => /\(3\/6\)/.test(await title.innerText()) || undefined);
      await input.fill(uri);
      await page.keyboard.press('Enter');
      await pickQuickItem(page, /^ROS_IP/);
      await until('step 5/6', async () => /\(5\/6\) · ROS_IP/.test(await title.innerText()) || undefined);
      await rows.first().waitFor({ state: 'visible' });
      const suggestions = await rows.allInnerTexts();
      assert.match(suggestions[0]!, /127\.0\.0\.1[\s\S]*route to 127\.0\.0\.1/, JSON.stringify(suggestions));
      assert.match(suggestions.at(-1)!, /Another address/);
      await screenshot(page, 'newuser-6-rosip-suggestions');
      await pickQuickItem(page, 'Another address');
      const wildcard = await typed('0.0.0.0', /wildcard/);
      assert.match(wildcard, /0\.0\.0\.0 is the wildcard address: other machines cannot connect to it/);
      await screenshot(page, 'newuser-6-rosip-wildcard-rejected');
      await input.fill('127.0.0.1 ');
      await page.waitForTimeout(500);
      assert.equal((await message.innerText().catch(() => '')).includes('ROS_HOSTNAME'), false, 'a trailing space is not called a name');
      await page.keyboard.press('Enter');
      await until('step 6/6 save', async () => /\(6\/6\) · save/.test(await title.innerText()) || undefined);
      await pickQuickItem(page, 'Workspace settings');
      await until('wiz one saved', () => (readFileSync(file, 'utf8').includes('wiz one') ? true : undefined));
      await waitForStatusBar(page, /wiz one unreachable/, 30_000);

      // ROS 2: distro, domain (errors about what was typed), RMW, discovery by distro.
      await runCommand(page, 'ROS Network: Create Profile');
      await pickQuickItem(page, 'ROS 2');
      await input.fill('wiz two');
      await page.keyboard.press('Enter');
      await pickQuickItem(page, 'jazzy');
      await until('step 4/7', async () => /\(4\/7\) · distro jazzy/.test(await title.innerText()) || undefined);
      const abc = await typed('abc', /not a number/);
      assert.match(abc, /'abc' is not a number/);
      assert.doesNotMatch(abc, /octal/);
      await screenshot(page, 'newuser-6-domain-abc');
      assert.doesNotMatch(await typed('', /Enter a domain ID/), /octal/);
      assert.match(await typed('010', /octal/), /rcl reads '010' as octal \(domain 8\)/);
      await input.fill('42');
      await page.waitForTimeout(300);
      await page.keyboard.press('Enter');
      await until('step 5/7', async () => /\(5\/7\)/.test(await title.innerText()) || undefined);
      const rmw = (await rows.allInnerTexts()).join('\n');
      for (const id of ['keep the default', 'rmw_fastrtps_cpp', 'rmw_cyclonedds_cpp', 'rmw_zenoh_cpp', 'rmw_connextdds'])
        assert.match(rmw, new RegExp(id));
      await screenshot(page, 'newuser-6-rmw-step');
      await pickQuickItem(page, 'rmw_cyclonedds_cpp');
      await until('step 6/7 jazzy', async () => /\(6\/7\) · jazzy/.test(await title.innerText()) || undefined);
      const ranges = (await rows.allInnerTexts()).join('\n');
      for (const r of ['SUBNET', 'LOCALHOST', 'OFF', 'SYSTEM_DEFAULT']) assert.match(ranges, new RegExp(`^${r}$`, 'm'));
      await pickQuickItem(page, 'LOCALHOST');
      await input.fill('');
      await page.keyboard.press('Enter');
      await until('step 7/7 save', async () => /\(7\/7\) · save/.test(await title.innerText()) || undefined);
      await pickQuickItem(page, 'Workspace settings');
      await until('wiz two saved', () => (readFileSync(file, 'utf8').includes('wiz two') ? true : undefined));
      const text = readFileSync(file, 'utf8');
      assert.ok(text.includes('// created by the wizard below'), text);

      // Humble: ROS_LOCALHOST_ONLY instead of the discovery range.
      await runCommand(page, 'ROS Network: Create Profile');
      await pickQuickItem(page, 'ROS 2');
      await input.fill('wiz three');
      await page.keyboard.press('Enter');
      await pickQuickItem(page, 'humble');
      await input.fill('0');
      await page.waitForTimeout(300);
      await page.keyboard.press('Enter');
      await pickQuickItem(page, 'keep the default');
      await until('step 6/7 humble', async () => /\(6\/7\) · humble/.test(await title.innerText()) || undefined);
      const humble = (await rows.allInnerTexts()).join('\n');
      assert.match(humble, /ROS_LOCALHOST_ONLY=1/);
      assert.doesNotMatch(humble, /SUBNET/);
      await screenshot(page, 'newuser-6-humble-localhost-only');
      await page.keyboard.press('Escape');
      return text;
    }).then((text) => {
      const profiles = (parseJsonc(text) as { 'rosNetwork.profiles': unknown[] })['rosNetwork.profiles'];
      assert.deepEqual(profiles, [
        { name: 'wiz one', rosVersion: 1, ROS_MASTER_URI: uri, ROS_IP: '127.0.0.1' },
        {
          name: 'wiz two',
          rosVersion: 2,
          ROS_DOMAIN_ID: 42,
          RMW_IMPLEMENTATION: 'rmw_cyclonedds_cpp',
          ROS_AUTOMATIC_DISCOVERY_RANGE: 'LOCALHOST',
        },
      ]);
    });
  },
);
