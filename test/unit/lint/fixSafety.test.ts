// Quick fixes write into files that shells source. For hostile values, every preferred fix applied
// to a .env / shell script must leave a file that bash sources without running anything, and bash
// must read the same value as our dotenv parser (what compose and python-dotenv read).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintText } from '../../../src/core/lint/lintEngine';
import { applyFixes } from '../../../src/core/lint/fixes/applyFixes';
import { parseDotenv } from '../../../src/core/dotenv/dotenvParser';

const dir = mkdtempSync(join(tmpdir(), 'rosnet-fixsafety-'));
const canary = join(dir, 'CANARY');
const touch = `touch ${canary}`;

/** Lines a user could have written, each flagged by a rule whose preferred fix quotes the value. */
const LINES = [
  `A=x#y'$(${touch})'`,
  `A=it's#here`,
  `ROS_STATIC_PEERS=it's#a;b`,
  `A=two words`,
  `A=two words'$(${touch})'`,
  `export ROS_STATIC_PEERS=10.0.0.1;${touch}`,
  `export ROS_STATIC_PEERS=a\`${touch}\`b c`,
  `export FASTDDS_BUILTIN_TRANSPORTS=LARGE_DATA?a=1&${touch}`,
  `export A=x|${touch}`,
  `A=a"b c`,
  `A=back\\slash c`,
];

function bashValue(file: string, key: string): string {
  return execFileSync('bash', ['-c', `set -a; . "$1" >/dev/null 2>&1; printf %s "\${${key}-<unset>}"`, 'bash', file], {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: process.env.PATH },
  });
}

test('preferred quoting fixes never let a sourced value run a command, and bash reads what dotenv reads', (t) => {
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  let fixed = 0;
  for (const line of LINES) {
    const key = /^(?:export )?([A-Z_]+)=/.exec(line)![1]!;
    const original = `${line}\n`;
    // Each quoting fix on its own: in the editor the user picks any one of them.
    const fixes = lintText('/w/.env', original, { os: 'linux' }).findings.flatMap(
      (f) => f.fixes?.filter((q) => /quote/i.test(q.title)) ?? [],
    );
    for (const fix of fixes) {
      const text = applyFixes(original, [fix]);
      fixed++;
      const file = join(dir, 'fixed.env');
      writeFileSync(file, text);
      const fromBash = bashValue(file, key);
      assert.ok(
        !existsSync(canary),
        `sourcing the fixed line ran a command: ${JSON.stringify(line)} → ${JSON.stringify(text)} ('${fix.title}')`,
      );
      const fromDotenv = parseDotenv(text).entries.find((e) => e.key === key)?.value;
      assert.equal(fromBash, fromDotenv, `bash and dotenv disagree on ${JSON.stringify(text)} ('${fix.title}')`);
    }
  }
  assert.ok(fixed >= LINES.length - 2, `quoting fixes were offered (${fixed} applied)`);
});
