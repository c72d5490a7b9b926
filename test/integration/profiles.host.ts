// Runs inside the real VS Code extension host (code-server), bundled by test/harness/hostTests.ts.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RosNetworkApi } from '../../src/bundles/extension';
import { terminalEnv, waitFor } from './hostUtil';

const EXT = 'ros-network.ros-network';

async function api(): Promise<RosNetworkApi> {
  const ext = vscode.extensions.getExtension<RosNetworkApi>(EXT);
  assert.ok(ext, `${EXT} is installed`);
  return ext.isActive ? ext.exports : await ext.activate();
}

/** Runs a shell command as a VS Code task (tasks get the terminal environment collection too). */
async function runTask(command: string): Promise<number | undefined> {
  const folder = vscode.workspace.workspaceFolders![0]!;
  const task = new vscode.Task(
    { type: 'shell', id: String(Math.random()) },
    folder,
    'rosnet-test',
    'rosnet',
    new vscode.ShellExecution(command),
  );
  const done = new Promise<number | undefined>((resolve) => {
    const sub = vscode.tasks.onDidEndTaskProcess((e) => {
      if (e.execution.task === task || e.execution.task.name === 'rosnet-test') {
        sub.dispose();
        resolve(e.exitCode);
      }
    });
  });
  await vscode.tasks.executeTask(task);
  return done;
}

suite('ROS Network: profiles in a real VS Code', () => {
  test('the registered commands are exactly the contributed ones', async () => {
    const ext = vscode.extensions.getExtension(EXT)!;
    await api();
    const contributed = (ext.packageJSON.contributes.commands as Array<{ command: string }>).map((c) => c.command).sort();
    // VS Code registers `rosNetwork.view.focus` and the like for the view itself: those have a dot more.
    const registered = (await vscode.commands.getCommands(true)).filter((c) => /^rosNetwork\.[A-Za-z]+$/.test(c)).sort();
    assert.deepEqual(registered, contributed);
  });

  suiteSetup(async () => {
    await api();
  });

  test('every contributed command is registered', async () => {
    const pkg = vscode.extensions.getExtension(EXT)!.packageJSON as { contributes: { commands: Array<{ command: string }> } };
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = pkg.contributes.commands.map((c) => c.command).filter((c) => !registered.has(c));
    assert.deepEqual(missing, []);
  });

  test('no profile: the status bar says so and terminals get no ROS variables from us', async () => {
    const a = await api();
    await a.setActiveProfile(undefined);
    assert.match(a.statusText() ?? '', /ROS: no profile/);
    const env = await terminalEnv();
    assert.equal(env.ROS_MASTER_URI, process.env.ROS_MASTER_URI);
  });

  test('switching to a ROS 1 profile injects it into new terminals; ROS_HOSTNAME is not pinned without evidence', async () => {
    const a = await api();
    await a.setActiveProfile('local');
    assert.equal(a.activeProfileName(), 'local');
    assert.match(a.statusText() ?? '', /local/);
    const env = await waitFor('profile env in terminal', async () => {
      const e = await terminalEnv();
      return e.ROS_MASTER_URI === 'http://127.0.0.1:11311' ? e : undefined;
    });
    assert.equal(env.ROS_IP, '127.0.0.1');
    // Nothing VS Code inherited and no shell start-up file sets ROS_HOSTNAME: it stays unset, so a
    // later `export ROS_IP=…` in the terminal works as ROS documents (issue 14 §1).
    assert.equal(env.ROS_HOSTNAME, undefined);
  });

  test('a ROS 2 profile sets the domain and discovery and clears ROS_LOCALHOST_ONLY; the status shows the domain', async () => {
    const a = await api();
    await a.setActiveProfile('sim (ROS 2)');
    assert.match(a.statusText() ?? '', /domain 42/);
    const env = await waitFor('ROS 2 env', async () => {
      const e = await terminalEnv();
      return e.ROS_DOMAIN_ID === '42' ? e : undefined;
    });
    assert.equal(env.ROS_AUTOMATIC_DISCOVERY_RANGE, 'LOCALHOST');
    assert.equal(env.RMW_IMPLEMENTATION, 'rmw_cyclonedds_cpp');
    assert.equal(env.ROS_LOCALHOST_ONLY, '');
  });

  test('tasks get the active profile too', async () => {
    const a = await api();
    await a.setActiveProfile('local');
    const out = path.join(os.tmpdir(), `rosnet-task-${Date.now()}.txt`);
    const code = await runTask(`printf '%s' "$ROS_MASTER_URI" > '${out}'`);
    assert.equal(code, 0);
    assert.equal(fs.readFileSync(out, 'utf8'), 'http://127.0.0.1:11311');
  });

  test('an invalid profile in settings is reported while the valid ones still switch', async () => {
    const a = await api();
    const cfg = vscode.workspace.getConfiguration('rosNetwork');
    const before = cfg.inspect<unknown[]>('profiles')!.workspaceValue!;
    try {
      await cfg.update(
        'profiles',
        [...before, { name: 'broken', ROS_MASTER_URI: 'hal:11311' }, 'not a profile'],
        vscode.ConfigurationTarget.Workspace,
      );
      const problems = await waitFor('problems', () => (a.profileProblems().length >= 2 ? a.profileProblems() : undefined));
      assert.ok(
        problems.some((p) => /profiles\[3\]\.ROS_MASTER_URI .*http/.test(p)),
        problems.join('\n'),
      );
      assert.ok(
        problems.some((p) => /profiles\[4\] must be an object/.test(p)),
        problems.join('\n'),
      );
      await a.setActiveProfile('sim (ROS 2)');
      assert.equal(a.activeProfileName(), 'sim (ROS 2)');
      await a.setActiveProfile('broken');
      assert.equal(a.activeProfileName(), undefined, 'an invalid profile never becomes active');
      assert.match(a.statusText() ?? '', /broken\?/);
    } finally {
      await cfg.update('profiles', before, vscode.ConfigurationTarget.Workspace);
    }
    assert.deepEqual(
      vscode.workspace.getConfiguration('rosNetwork').inspect<unknown[]>('profiles')!.workspaceValue,
      before,
      "the user's settings are intact",
    );
  });

  test('deactivating restores the inherited environment', async () => {
    const a = await api();
    await a.setActiveProfile('local');
    await a.setActiveProfile(undefined);
    const env = await waitFor('inherited env', async () => {
      const e = await terminalEnv();
      return e.ROS_MASTER_URI === process.env.ROS_MASTER_URI ? e : undefined;
    });
    assert.equal(env.ROS_IP, process.env.ROS_IP);
  });

  test('Copy Profile As returns and copies shell exports', async () => {
    const a = await api();
    await a.setActiveProfile('hal (lab)');
    const text = await vscode.commands.executeCommand<string>('rosNetwork.copyProfileAs', 'shell');
    assert.match(text, /^export ROS_MASTER_URI=http:\/\/hal:11311$/m);
    assert.match(text, /^export ROS_HOSTNAME=marvin\.local$/m);
    assert.match(text, /^unset ROS_IP$/m);
    const clip = await Promise.race([
      vscode.env.clipboard.readText(),
      new Promise<string>((r) => setTimeout(() => r('(clipboard read timed out)'), 5000)),
    ]);
    assert.equal(clip, text);
  });

  test('Copy Profile As refuses a value the format cannot carry (nothing copied) and the Node variant copies it', async () => {
    const cfg = vscode.workspace.getConfiguration('rosNetwork');
    const before = cfg.inspect<unknown[]>('profiles')!.workspaceValue!;
    const name = 'quoted (export)';
    try {
      await cfg.update(
        'profiles',
        [...before, { name, ROS_MASTER_URI: 'http://hal:11311', env: { NOTE: "it's" } }],
        vscode.ConfigurationTarget.Workspace,
      );
      // python-dotenv and Node disagree on "it's" in the portable quoting; `.env for Node` writes it in double quotes.
      // Until the snapshot has the new profile, the command copies the active one: wait for NOTE.
      const node = await waitFor('the new profile', async () => {
        const t = await vscode.commands.executeCommand<string | undefined>('rosNetwork.copyProfileAs', 'dotenv-node', name);
        return t?.includes('NOTE=') ? t : undefined;
      });
      assert.match(node, /^NOTE="it's"$/m);
      await vscode.env.clipboard.writeText('sentinel');
      const refused = await vscode.commands.executeCommand<string | undefined>('rosNetwork.copyProfileAs', 'dotenv', name);
      assert.equal(refused, undefined);
      assert.equal(await vscode.env.clipboard.readText(), 'sentinel', 'a refused export copies nothing');
    } finally {
      await cfg.update('profiles', before, vscode.ConfigurationTarget.Workspace);
    }
  });
});
