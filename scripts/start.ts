// `npm start`: the product, for real. Installs what it needs, packages the extension, starts a local
// rosmaster (with a talker so the graph has something in it) and a real VS Code (code-server) with
// the extension and the sample workspace, and prints the URL to open. Ctrl+C stops everything.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { startCodeServer } from '../test/harness/codeServer';

const root = join(__dirname, '..');
const port = Number(process.env.PORT ?? 8080);

async function masterUp(uri: string): Promise<boolean> {
  try {
    const res = await fetch(uri, {
      method: 'POST',
      headers: { 'Content-Type': 'text/xml' },
      body: '<?xml version="1.0"?><methodCall><methodName>getPid</methodName><params><param><value>/start</value></param></params></methodCall>',
    });
    return res.ok;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (process.getuid?.() === 0) run('bash', ['scripts/ci/install-deps.sh']);
  run('bash', ['scripts/ci/install-code-server.sh']);
  run('npm', ['run', '--silent', 'package']);

  const children: ChildProcess[] = [];
  const uri = 'http://127.0.0.1:11311';
  const rosHome = join(homedir(), '.cache', 'ros-network', 'ros-home');
  mkdirSync(rosHome, { recursive: true });
  const rosEnv = { ...process.env, ROS_MASTER_URI: uri, ROS_IP: '127.0.0.1', ROS_HOME: rosHome };
  if (await masterUp(uri)) console.log(`rosmaster already running at ${uri}`);
  else {
    children.push(spawn('rosmaster', ['--core', '-p', '11311'], { env: rosEnv, stdio: 'ignore', detached: true }));
    for (let i = 0; i < 100 && !(await masterUp(uri)); i++) await new Promise((r) => setTimeout(r, 100));
    console.log(`started rosmaster at ${uri}`);
    children.push(
      spawn('rostopic', ['pub', '-r', '1', '/chatter', 'std_msgs/String', 'data: hello from npm start'], {
        env: rosEnv,
        stdio: 'ignore',
        detached: true,
      }),
    );
  }

  const workspace = join(homedir(), '.cache', 'ros-network', 'sample-workspace');
  if (!existsSync(workspace)) cpSync(join(root, 'test/fixtures/workspace'), workspace, { recursive: true });
  const cs = await startCodeServer({ workspace, vsix: [join(root, 'ros-network.vsix')], port });
  console.log(
    `\nROS Network is running in a real VS Code: ${cs.folderUrl(workspace)}\n(sample workspace: ${workspace}; rosmaster: ${uri}; Ctrl+C to stop)\n`,
  );
  const stop = async () => {
    for (const c of children) {
      try {
        process.kill(-c.pid!, 'SIGTERM');
      } catch {
        // gone
      }
    }
    await cs.dispose();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  await new Promise(() => undefined);
}

main().catch((e) => {
  console.error(`npm start failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
