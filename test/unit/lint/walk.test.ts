// The `rosnet lint` file walk on a real directory tree: what is skipped, symlink loops, binary,
// oversized and unreadable files, deterministic order and cwd-relative paths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, symlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { walkFiles, NODE_LINT_FS, type LintFs } from '../../../src/core/lint/walkFiles';
import { lintPaths } from '../../../src/core/lint/walkLint';
import { MAX_LINT_BYTES } from '../../../src/core/lint/lintEngine';

function tree(): string {
  const root = mkdtempSync(join(tmpdir(), 'rosnet-walk-'));
  const put = (p: string, text: string | Buffer) => {
    mkdirSync(join(root, p, '..'), { recursive: true });
    writeFileSync(join(root, p), text);
  };
  put('.env', 'ROS_DOMAIN_ID=7\n');
  put('robot/launch/talker.launch', '<launch><env name="ROS_MASTER_URI" value="hal:11311"/></launch>\n');
  put('robot/launch/params.xml', '<launch/>\n'); // .xml with a <launch> root is ROS 1 launch
  put('robot/config/params.xml', '<x/>\n'); // not under launch/: not linted
  put('robot/README.md', '# hi\n');
  put('.vscode/settings.json', '{ "rosNetwork.profiles": [] }\n');
  put('.devcontainer/devcontainer.json', '{ "containerEnv": { "ROS_DOMAIN_ID": "7" } }\n');
  put('node_modules/pkg/.env', 'ROS_DOMAIN_ID=abc\n');
  put('.git/x.env', 'ROS_DOMAIN_ID=abc\n');
  put('build/pkg/a.launch', '<launch/>\n');
  put('install/setup.sh', 'export ROS_DOMAIN_ID=abc\n');
  put('log/latest.env', 'ROS_DOMAIN_ID=abc\n');
  put('.cache/c.env', 'ROS_DOMAIN_ID=abc\n');
  put('bin/blob.env', Buffer.from([0x52, 0x4f, 0x53, 0x00, 0x01, 0x02, 0xff]));
  put('big/huge.env', Buffer.alloc(MAX_LINT_BYTES + 10, 0x41));
  symlinkSync(join(root, 'robot'), join(root, 'robot', 'loop')); // a directory loop
  symlinkSync(join(root, 'nowhere.env'), join(root, 'dangling.env'));
  return root;
}

test('walks with the editor file kinds, skips dependency/build/dot folders, follows no loop, sorted', async () => {
  const root = tree();
  try {
    const w = await walkFiles([], root);
    assert.deepEqual(
      w.files.map((f) => `${f.file} ${f.kind}`),
      [
        '.devcontainer/devcontainer.json devcontainer',
        '.env dotenv',
        '.vscode/settings.json settings',
        'big/huge.env dotenv',
        'bin/blob.env dotenv',
        'robot/launch/params.xml ros1-launch',
        'robot/launch/talker.launch ros1-launch',
      ],
    );
    assert.deepEqual(
      w.problems.map((p) => p.file),
      ['dangling.env'],
    );
    assert.deepEqual(w.missing, []);
    // Explicit arguments: a skipped folder given by name is walked; unknown kinds are listed; missing ones too.
    const e = await walkFiles(['build', 'robot/README.md', 'nope.env', './.env', '.env'], root);
    assert.deepEqual(
      e.files.map((f) => f.file),
      ['build/pkg/a.launch', '.env'],
    );
    assert.deepEqual(e.skipped, ['robot/README.md']);
    assert.deepEqual(e.missing, ['nope.env']);
    // Paths are relative to the cwd, also from a subfolder.
    const sub = await walkFiles(['../.env'], join(root, 'robot'));
    assert.deepEqual(
      sub.files.map((f) => f.file),
      ['../.env'],
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('binary and oversized files get the engine messages; unreadable files are findings, not crashes', async () => {
  const root = tree();
  try {
    const failing: LintFs = {
      ...NODE_LINT_FS,
      readFile: (p, max) =>
        p.endsWith('talker.launch')
          ? Promise.reject(Object.assign(new Error("EACCES: permission denied, open 'talker.launch'"), { code: 'EACCES' }))
          : NODE_LINT_FS.readFile(p, max),
    };
    const r = await lintPaths([], root, { os: 'linux' }, failing);
    const by = new Map(r.reports.map((x) => [x.file, x.findings]));
    assert.match(by.get('bin/blob.env')![0]!.message, /binary/);
    assert.match(by.get('big/huge.env')![0]!.message, /larger than 20 MB/);
    assert.equal(by.get('big/huge.env')![0]!.severity, 'info');
    assert.match(by.get('robot/launch/talker.launch')![0]!.message, /cannot read the file \(EACCES/);
    assert.equal(by.get('robot/launch/talker.launch')![0]!.severity, 'error');
    assert.match(by.get('dangling.env')![0]!.message, /cannot read this file \(ENOENT/);
    assert.deepEqual(by.get('.env'), []);
    // Deterministic: the same tree gives the same reports.
    assert.deepEqual((await lintPaths([], root, { os: 'linux' }, failing)).reports, r.reports);
    // And the real file system reads the launch file.
    const real = await lintPaths(['robot/launch/talker.launch'], root, { os: 'linux' });
    assert.deepEqual(
      real.reports[0]!.findings.map((f) => f.code),
      ['URI001'],
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a UTF-8 BOM is dropped before linting, as VS Code does', async () => {
  const root = mkdtempSync(join(tmpdir(), 'rosnet-bom-'));
  try {
    writeFileSync(join(root, '.env'), '\uFEFFROS_IP=robot.local\n');
    const r = await lintPaths([], root, { os: 'linux' });
    assert.equal(r.reports[0]!.text.startsWith('ROS_IP'), true);
    assert.deepEqual(
      r.reports[0]!.findings.map((f) => [f.code, f.span.start]),
      [['HOST001', 7]],
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
