// Runs extension-host suites (test/integration/*.host.ts) inside a real VS Code (code-server):
// bundles them, installs the extension VSIX plus the host-runner VSIX, opens the workspace in
// Chromium (the extension host starts only when a window connects) and reads the results file.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { startCodeServer } from './codeServer';
import { launchBrowser, openWorkbench, screenshot } from './browser';

const root = join(__dirname, '..', '..');

export interface HostTestResult {
  passes: Array<{ title: string }>;
  failures: Array<{ title: string; error: string }>;
  pending: string[];
  done: boolean;
}

/**
 * Packages a one-file helper extension (the host runner, the benchmark host) as out/<name>.vsix:
 * its package.json, `entry` bundled to dist/<file>.js with vscode external, nothing else shipped.
 */
export async function packageHelperExtension(name: string, manifest: string, entry: string, readme: string): Promise<string> {
  const dir = join(root, 'out', name);
  const js = `dist/${basename(entry).replace(/\.ts$/, '.js')}`;
  mkdirSync(join(dir, 'dist'), { recursive: true });
  copyFileSync(join(root, manifest), join(dir, 'package.json'));
  writeFileSync(join(dir, 'LICENSE'), 'MIT');
  writeFileSync(join(dir, 'README.md'), `# ${name}\n${readme}\n`);
  writeFileSync(join(dir, '.vscodeignore'), `**\n!${js}\n!package.json\n!README.md\n!LICENSE\n`);
  await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
    outfile: join(dir, js),
    logLevel: 'error',
  });
  const out = join(root, 'out', `${name}.vsix`);
  execFileSync(process.execPath, [join(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--out', out], {
    cwd: dir,
    stdio: 'pipe',
  });
  return out;
}

/** Builds the host-runner extension's VSIX once per process (out/host-runner.vsix). */
let runnerVsix: string | undefined;
export async function hostRunnerVsix(): Promise<string> {
  runnerVsix ??= await packageHelperExtension(
    'host-runner',
    'test/host-runner/package.json',
    'test/host-runner/runner.ts',
    'Test-only extension.',
  );
  return runnerVsix;
}

/** The extension under test, packaged by `npm run package` once per test process (ros-network.vsix). */
let packaged: string | undefined;
export function extensionVsix(): string {
  if (packaged && existsSync(packaged)) return packaged;
  const vsix = join(root, 'ros-network.vsix');
  if (process.env.ROSNET_SKIP_PACKAGE !== '1' || !existsSync(vsix))
    execFileSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: 'inherit' });
  packaged = vsix;
  return vsix;
}

export interface RunHostTestsOptions {
  /** Suite files (relative to the repo root), e.g. ['test/integration/profiles.host.ts']. */
  readonly suites: readonly string[];
  /** A folder copied into a temp dir and opened; defaults to test/fixtures/workspace. */
  readonly workspace?: string;
  readonly userSettings?: Record<string, unknown>;
  readonly env?: Record<string, string | undefined>;
  readonly timeoutMs?: number;
  readonly name: string;
  /** Opens a .code-workspace with two copies of the workspace (folders 'robot' and 'sim'). */
  readonly multiRoot?: boolean;
}

export async function runHostTests(opts: RunHostTestsOptions): Promise<HostTestResult> {
  const work = mkdtempSync(join(tmpdir(), 'rosnet-host-'));
  const source = opts.workspace ?? join(root, 'test/fixtures/workspace');
  let workspace = join(work, 'workspace');
  cpSync(source, workspace, { recursive: true });
  let openUrl = (cs: { folderUrl(f?: string): string; url: string }) => cs.folderUrl(workspace);
  if (opts.multiRoot) {
    for (const f of ['robot', 'sim']) cpSync(source, join(work, f), { recursive: true });
    const file = join(work, 'two.code-workspace');
    writeFileSync(file, JSON.stringify({ folders: [{ path: 'robot' }, { path: 'sim' }], settings: {} }));
    workspace = join(work, 'robot');
    openUrl = (cs) => `${cs.url}/?workspace=${encodeURIComponent(file)}`;
  }
  const bundle = join(work, 'suites.js');
  const entry = join(work, 'entry.ts');
  writeFileSync(entry, opts.suites.map((s) => `import ${JSON.stringify(join(root, s))};`).join('\n'));
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: bundle,
    alias: { vscode: join(root, 'test/host-runner/vscodeShim.js') },
    logLevel: 'error',
    nodePaths: [join(root, 'node_modules')],
  });
  const results = join(work, 'results.json');
  const cs = await startCodeServer({
    workspace,
    vsix: [extensionVsix(), await hostRunnerVsix()],
    userSettings: opts.userSettings,
    env: { ...opts.env, ROSNET_HOST_TESTS: bundle, ROSNET_HOST_RESULTS: results },
  });
  const browser = await launchBrowser();
  try {
    const page = await openWorkbench(browser, openUrl(cs));
    const deadline = Date.now() + (opts.timeoutMs ?? 240_000);
    while (Date.now() < deadline) {
      if (existsSync(results)) {
        const r = JSON.parse(readFileSync(results, 'utf8')) as HostTestResult;
        if (r.done) {
          await screenshot(page, `host-${opts.name}`);
          if (r.failures.length) console.error(cs.exthostLog().slice(-20000));
          return r;
        }
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    await screenshot(page, `host-${opts.name}-timeout`);
    throw new Error(`host tests '${opts.name}' did not finish in time.\n${cs.exthostLog().slice(-20000)}`);
  } finally {
    await browser.close();
    await cs.dispose();
  }
}
