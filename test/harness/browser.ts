// Debian Chromium driven by playwright-core against code-server: the few gestures the e2e tests need.
import { chromium, type Browser, type Page } from 'playwright-core';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SCREENSHOT_DIR = join(__dirname, '..', '..', 'test-results', 'screenshots');
const CHROMIUM = process.env.ROSNET_CHROMIUM ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found. Run: bash scripts/ci/install-deps.sh (apt-get install chromium)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--disable-dev-shm-usage',
    ],
  });
}

/** Opens the workbench and waits until the status bar and the extension host are up. */
export async function openWorkbench(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('.statusbar').waitFor({ state: 'visible', timeout: 60_000 });
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  return page;
}

export async function statusBarText(page: Page): Promise<string> {
  return page.locator('.statusbar').innerText();
}

export async function waitForStatusBar(page: Page, pattern: RegExp, timeoutMs = 30_000): Promise<string> {
  const end = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < end) {
    text = await statusBarText(page);
    if (pattern.test(text)) return text;
    await page.waitForTimeout(200);
  }
  throw new Error(`status bar never matched ${pattern}; last text:\n${text}`);
}

/** Runs a command by its palette title ("ROS Network: Switch Profile…"). */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ state: 'visible', timeout: 10_000 });
  await row.click();
}

/** Picks an item of the open quick pick by its label text. */
export async function pickQuickItem(page: Page, label: string | RegExp): Promise<void> {
  const rows = '.quick-input-widget .quick-input-list .monaco-list-row';
  await page.locator(rows, { hasText: label }).first().waitFor({ state: 'visible', timeout: 10_000 });
  // By keyboard, not a click: a click moves the pointer onto the row, and the row's hover (a long
  // description) can open over it and take the click (a CI run timed out on that after 30 s).
  await page.mouse.move(0, 0);
  const count = await page.locator(rows).count();
  for (let i = 0; i <= count + 1; i++) {
    const focused = page.locator(`${rows}.focused`).first();
    const text = (await focused.count()) ? await focused.innerText() : '';
    if (typeof label === 'string' ? text.includes(label) : label.test(text)) {
      await page.keyboard.press('Enter');
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`no quick pick item ${String(label)} could be focused`);
}

/** Opens a new integrated terminal and types a command in it. */
export async function newTerminalAndType(page: Page, command: string): Promise<void> {
  await page.keyboard.press('Escape');
  const before = await page.locator('.terminal-tabs-entry, .single-terminal-tab').count();
  // workbench.action.terminal.new
  await page.keyboard.press('Control+Shift+Backquote');
  await page.waitForFunction(
    `document.querySelectorAll('.terminal-tabs-entry, .single-terminal-tab').length > ${before} || document.querySelectorAll('.terminal-wrapper').length > ${before}`,
    undefined,
    { timeout: 20_000 },
  );
  const xterm = page.locator('.terminal-wrapper.active .xterm, .terminal .xterm').last();
  await xterm.waitFor({ state: 'visible', timeout: 20_000 });
  // Let the shell (and shell integration) finish starting before typing.
  await page.waitForTimeout(1500);
  await xterm.click();
  await page.keyboard.type(command, { delay: 5 });
  await page.keyboard.press('Enter');
}

export async function notificationTexts(page: Page): Promise<string[]> {
  return page.locator('.notifications-toasts .notification-list-item-message').allInnerTexts();
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Opens a workspace file through Go to File and waits for its editor tab. */
export async function openFile(page: Page, name: string): Promise<void> {
  await runCommand(page, 'Go to File');
  const input = page.locator('.quick-input-widget input');
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: name }).waitFor({ timeout: 15_000 });
}

/** The text a terminal command wrote to `file`, once it ends with a newline (the whole line is there). */
export async function waitForFile(file: string, timeoutMs = 20_000): Promise<string> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (existsSync(file)) {
      const t = readFileSync(file, 'utf8');
      if (t.endsWith('\n')) return t.trim();
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${file} was not written within ${timeoutMs} ms`);
}
