// Helpers shared by the extension-host suites.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';

export async function waitFor<T>(what: string, fn: () => T | undefined | Promise<T | undefined>, timeoutMs = 15000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < end) {
    last = await fn();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

/** The ROS_* / RMW_* variables (or those `names` matches) a fresh non-interactive bash terminal gets (optionally in a folder). */
export async function terminalEnv(cwd?: vscode.Uri, names: RegExp = /^(ROS_|RMW_)/): Promise<Record<string, string>> {
  const out = path.join(os.tmpdir(), `rosnet-term-${Date.now()}-${Math.random().toString(36).slice(2)}.env`);
  const t = vscode.window.createTerminal({
    name: 'rosnet-env',
    shellPath: '/bin/bash',
    shellArgs: ['--norc', '-c', `env -0 > '${out}'`],
    ...(cwd ? { cwd } : {}),
  });
  try {
    const text = await waitFor('terminal env dump', () =>
      fs.existsSync(out) && fs.statSync(out).size > 0 ? fs.readFileSync(out, 'utf8') : undefined,
    );
    const env: Record<string, string> = {};
    for (const kv of text.split('\0')) {
      const i = kv.indexOf('=');
      if (i > 0 && names.test(kv.slice(0, i))) env[kv.slice(0, i)] = kv.slice(i + 1);
    }
    return env;
  } finally {
    t.dispose();
  }
}
