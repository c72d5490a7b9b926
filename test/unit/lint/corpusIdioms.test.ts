// The false findings the real-world corpus run found (docs/lint-corpus.md), each on a file of ours
// that writes the same idiom. Before these fixes every test here failed.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText, prepareLint } from '../../../src/core/lint/lintEngine';
import type { LintContext } from '../../../src/core/lint/types';

const ctx: LintContext = { os: 'linux' };
const FIX = join(__dirname, '..', '..', 'fixtures', 'lint-corpus');
const lintFile = (rel: string, c: LintContext = ctx) => {
  const path = join(FIX, rel);
  return lintText(path, readFileSync(path, 'utf8'), c).findings;
};
const said = (rel: string) => lintFile(rel).map((f) => `${f.code} ${f.severity}`);

before(() => prepareLint('shell'));

test('templates a build step fills in (CMake @NAME@, the MoveIt setup assistant [NAME]) are one info, not syntax errors', () => {
  // Before: 8 YAML errors for the compose template (55 for the largest real one), an XML error for the launch.
  assert.deepEqual(said('templates/listener.compose.yml'), ['FMT001 info']);
  assert.match(lintFile('templates/listener.compose.yml')[0]!.message, /template \(placeholder @COMPOSE_BUILD_SECTION@\)/);
  assert.deepEqual(said('templates/moveit_planning.launch'), ['FMT005 info']);
  // A real syntax error is still an error, once (compose stops at the first).
  const broken = lintText('/w/docker-compose.yml', 'services:\n  a:\n    image: x\n   environment: [\n', ctx).findings;
  assert.deepEqual(
    broken.map((f) => `${f.code} ${f.severity}`),
    ['FMT001 error'],
  );
  assert.deepEqual(
    lintText('/w/x.launch', '<launch>\n  <node name="a" pkg="b" type="c"\n</launch>\n', ctx).findings.map((f) => `${f.code} ${f.severity}`),
    ['FMT005 error'],
  );
});

test('a sourced .env computing a value with $(…) or backticks is one shell word: no quoting or substitution verdicts', () => {
  // Before: FMT003 ×2, ValueWithoutQuotes ×2 (errors), SubstitutionKey, HOST001 on the backtick value.
  assert.deepEqual(said('robots/.env.local'), []);
  // A value that really is two words for the shell is still reported.
  assert.deepEqual(
    lintText('/w/.env', 'export ROS_IP=$(hostname -I) extra\n', ctx).findings.map((f) => f.message.split(':')[0]),
    ['ValueWithoutQuotes'],
  );
});

test('assignments in exclusive branches (case arms, if/else) and in functions do not combine', () => {
  // Before: PREC001 (ROS_HOSTNAME in one arm, ROS_IP in another) and HOST004 (localhost arm vs the rover's master).
  assert.deepEqual(said('robots/ros-target.bash'), []);
  // Before: PREC004 (ROS_LOCALHOST_ONLY in the else of the range) and DISC004 on ROS_STATIC_PEERS="".
  assert.deepEqual(said('robots/discovery.sh'), []);
  // In one branch, they do combine; and a branch sees what the file set before it.
  const one = 'if [ -n "$LAB" ]; then\n  export ROS_HOSTNAME=lab-pc\n  export ROS_IP=10.0.0.2\nfi\n';
  assert.deepEqual(
    lintText('/w/a.sh', one, ctx).findings.map((f) => f.code),
    ['PREC001'],
  );
  const outer = 'export ROS_HOSTNAME=lab-pc\ncase "$1" in\n  lab) export ROS_IP=10.0.0.2 ;;\nesac\n';
  assert.deepEqual(
    lintText('/w/b.sh', outer, ctx).findings.map((f) => f.code),
    ['PREC001'],
  );
});

test('DC001: a master on the service’s overlay subnet, an external network, a container name on the same network: info', () => {
  // Before: three DC001 warnings.
  assert.deepEqual(said('multipc/docker-compose-robot-pc.yml'), ['DC001 info']);
  assert.deepEqual(said('multipc/listener.compose.yml'), ['DC001 info']);
  assert.deepEqual(said('multipc/run_teleop.sh'), ['DC001 info']);
  // A master outside the declared subnet is still a warning.
  const text = readFileSync(join(FIX, 'multipc/docker-compose-robot-pc.yml'), 'utf8').replace('172.30.5.2:11311', '192.168.1.20:11311');
  assert.deepEqual(
    lintText('/w/docker-compose.yml', text, ctx).findings.map((f) => `${f.code} ${f.severity}`),
    ['DC001 warning'],
  );
  // Without ROS_HOSTNAME=<its own name>, a bare master name on a user network stays a warning.
  assert.deepEqual(
    lintText('/w/run.sh', 'docker run --net=labnet -e ROS_MASTER_URI=http://base:11311 lab/teleop:noetic\n', ctx).findings.map(
      (f) => `${f.code} ${f.severity}`,
    ),
    ['DC001 warning'],
  );
});

test('ROS_NAMESPACE in a container’s environment is for the image’s scripts: info; in a ROS 2 launch it stays a warning', () => {
  // Before: PREC002 warning.
  assert.deepEqual(said('multipc/compose.yaml'), ['PREC002 info']);
  const launch = '<launch>\n  <set_env name="ROS_NAMESPACE" value="rover1"/>\n</launch>\n';
  assert.deepEqual(
    lintText('/w/bringup.launch.xml', launch, ctx).findings.map((f) => `${f.code} ${f.severity}`),
    ['PREC002 warning'],
  );
});

test('compose-style ${VAR:-default} is read by every consumer; ${VAR:?msg} only by compose and shells (info)', () => {
  // Before: ValueWithoutQuotes and SubstitutionKey warnings on DISPLAY, SubstitutionKey on the two defaults.
  const f = lintFile('robots/.env.compose');
  assert.deepEqual(
    f.map((x) => `${x.code} ${x.severity} ${x.message.split(':')[0]}`),
    ['FMT001 info SubstitutionKey'],
  );
  assert.match(f[0]!.message, /python-dotenv/);
  assert.deepEqual(
    lintText('/w/.env', 'A=${BAR!}\nB=${BAR\n', ctx).findings.map((x) => `${x.severity} ${x.message.split(':')[0]}`),
    ['warning SubstitutionKey', 'warning SubstitutionKey'],
  );
});
