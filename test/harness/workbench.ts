// The set-up and tear-down every browser e2e test shares: a throwaway copy of a fixture workspace,
// code-server with the extension's VSIX, Chromium on the workbench. The extension host's log is
// printed when the body fails; the browser and code-server are always closed.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { startCodeServer, type CodeServer, type CodeServerOptions } from './codeServer';
import { launchBrowser, openWorkbench } from './browser';
import { extensionVsix } from './hostTests';

const root = join(__dirname, '..', '..');

export interface WorkbenchOptions {
  /** Folder under test/fixtures copied as the workspace (default: `workspace`). */
  readonly fixture?: string;
  /** Instead of a fixture: the workspace's files, by relative path. */
  readonly files?: Readonly<Record<string, string>>;
  /** A `.code-workspace` file (relative path) to open instead of the folder: multi-root windows. */
  readonly open?: string;
  /** The workspace's .vscode/settings.json: an object, or the file's text (default: the fixture's own). */
  readonly settings?: Record<string, unknown> | string;
  readonly env?: CodeServerOptions['env'];
  readonly userSettings?: CodeServerOptions['userSettings'];
}

export interface Workbench {
  readonly page: Page;
  readonly cs: CodeServer;
  /** The copied workspace opened in the window (removed after a passing test, kept after a failing one). */
  readonly workspace: string;
}

export async function withWorkbench<T>(opts: WorkbenchOptions, body: (wb: Workbench) => Promise<T>): Promise<T> {
  const work = mkdtempSync(join(tmpdir(), 'rosnet-e2e-'));
  const workspace = join(work, 'workspace');
  if (opts.files)
    for (const [rel, text] of Object.entries(opts.files)) {
      mkdirSync(dirname(join(workspace, rel)), { recursive: true });
      writeFileSync(join(workspace, rel), text);
    }
  else cpSync(join(root, 'test/fixtures', opts.fixture ?? 'workspace'), workspace, { recursive: true });
  const { settings } = opts;
  if (settings !== undefined)
    writeFileSync(join(workspace, '.vscode/settings.json'), typeof settings === 'string' ? settings : JSON.stringify(settings, null, 2));
  const cs = await startCodeServer({ workspace, vsix: [extensionVsix()], env: opts.env, userSettings: opts.userSettings });
  const browser = await launchBrowser().catch(async (e: unknown) => {
    await cs.dispose();
    throw e;
  });
  let passed = false;
  try {
    const url = opts.open ? `${cs.url}/?workspace=${encodeURIComponent(join(workspace, opts.open))}` : cs.folderUrl(workspace);
    const page = await openWorkbench(browser, url);
    const result = await body({ page, cs, workspace });
    passed = true;
    return result;
  } catch (e) {
    console.error(cs.exthostLog().slice(-15000));
    console.error(`(the test's workspace is kept in ${workspace})`);
    throw e;
  } finally {
    await browser.close();
    await cs.dispose();
    if (passed) rmSync(work, { recursive: true, force: true });
  }
}
