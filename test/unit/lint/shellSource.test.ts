// Shell scripts are read with bash's grammar: the idioms of real ROS scripts lint right, and only a
// value the shell really assigns is judged (issue 12 §1).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText, parseSource, prepareLint } from '../../../src/core/lint/lintEngine';
import { applyFixes } from '../../../src/core/lint/fixes/applyFixes';
import type { LintContext } from '../../../src/core/lint/types';

const ctx: LintContext = { os: 'linux' };
const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'lint', 'shell');
const lint = (text: string, c: LintContext = ctx) => lintText('/w/robot.sh', text, c).findings;
const codes = (text: string, c: LintContext = ctx) => lint(text, c).map((f) => f.code);

before(() => prepareLint('shell'));

test('the realistic scripts that are correct lint clean (before: FMT003, HOST001, DOM001 on their idioms)', () => {
  for (const f of ['multimaster_env.bash', 'start_sim.sh']) {
    const text = readFileSync(join(FIXTURES, f), 'utf8');
    assert.deepEqual(
      lintText(join(FIXTURES, f), text, ctx).findings.map((x) => `${x.code} ${x.message}`),
      [],
      f,
    );
  }
});

test('idioms that are not mistakes get no finding', () => {
  const idioms = [
    'ok=0\nok=$((ok+1))\n',
    'export ROS_IP=$(hostname -I | cut -d" " -f1)\n',
    "ROS_IP=`hostname -I | awk '{print $1}'`\nexport ROS_IP\n",
    'export ROS_IP=192.168.0.105;\n',
    'ROS_DOMAIN_ID=0 ros2 launch demo_nodes_cpp talker_listener.launch.py &\n',
    'while [ $# -gt 0 ]; do\n  case "$1" in\n    -d) ROS_DOMAIN_ID=$2; shift ;;\n    -p|--peers) ROS_STATIC_PEERS="$2"; shift ;;\n  esac\n  shift\ndone\n',
    'cat > robot.env <<EOF\nROS_MASTER_URI=localhost:11311\nROS_IP=robot one\nEOF\n',
    "cat <<'EOF' >> ~/.bashrc\nexport ROS_DOMAIN_ID=abc\nEOF\n",
    'ros2 daemon stop > /dev/null 2>&1 && export ROS_DOMAIN_ID=5 || echo "no daemon" >&2\n',
    'export ROS_MASTER_URI=http://${MASTER:-hal}:11311 ROS_HOSTNAME=$(hostname).local\n',
    'docker run --rm \\\n  --network host --ipc host \\\n  ros:jazzy ros2 topic list\n',
    'export ROS_DISCOVERY_SERVER="10.0.0.1:11811;10.0.0.2:11811"\n',
    "export ROS_STATIC_PEERS='10.0.0.2;10.0.0.3'\n",
  ];
  for (const text of idioms) assert.deepEqual(codes(text), [], text);
});

test('a value computed at run time gets no syntax verdict, and its literal parts are kept', () => {
  const text = 'export ROS_MASTER_URI=http://${MASTER}:11311\nexport ROS_DOMAIN_ID=$((BASE+3))\n';
  assert.deepEqual(codes(text), []);
  const a = parseSource('shell', text).assignments.find((x) => x.name === 'ROS_MASTER_URI')!;
  assert.equal(a.value, undefined);
  assert.deepEqual(a.computed, [
    { text: 'http://', dynamic: false },
    { text: '${MASTER}', dynamic: true },
    { text: ':11311', dynamic: false },
  ]);
});

test('values bash really assigns are judged, in every form of assignment', () => {
  assert.deepEqual(codes('export ROS_DOMAIN_ID=010\n'), ['DOM001']);
  assert.deepEqual(codes('declare -x ROS_DOMAIN_ID=300\n'), ['DOM002']);
  assert.deepEqual(codes('readonly ROS_AUTOMATIC_DISCOVERY_RANGE=subnet\n'), ['DISC002']);
  assert.deepEqual(codes('setup() {\n  local ROS_DOMAIN_ID=08\n}\n'), ['DOM001']);
  assert.deepEqual(codes('typeset -x RMW_IMPLEMENTATION=rmw_cyclone_cpp\n'), ['DISC005']);
  // Several per export: each value on its own.
  assert.deepEqual(codes('export ROS_DOMAIN_ID=7 RMW_IMPLEMENTATION=rmw_fastrtps\n'), ['DISC005']);
  // A prefix assignment reaches its command, and its value is checked too.
  assert.deepEqual(codes('ROS_DOMAIN_ID=0x10 ros2 topic list\n'), ['DOM001']);
  // Quotes and escapes are removed as bash removes them.
  assert.deepEqual(codes('export ROS_IP="10.0.0.2"\nexport ROS_HOSTNAME=\n'), ['HOST002']);
  assert.deepEqual(codes("export ROS_MASTER_URI='localhost:11311'\n"), ['URI001']);
});

test('a prefix assignment belongs to its command only', () => {
  // ROS_IP reaches rosrun only; the script's own ROS_HOSTNAME does not meet it at file level.
  const text = 'ROS_IP=10.0.0.2 rosrun turtlesim turtlesim_node\n';
  const a = parseSource('shell', `export ROS_HOSTNAME=robot\n${text}`).assignments;
  assert.notEqual(a.find((x) => x.name === 'ROS_IP')!.scope, a.find((x) => x.name === 'ROS_HOSTNAME')!.scope);
  // The command sees both: ROS_HOSTNAME wins there.
  assert.deepEqual(codes(`export ROS_HOSTNAME=robot\n${text}`), ['PREC001']);
  // A line ending in a redirection is not the prefix of the next line's command.
  const split = parseSource('shell', 'ROS_IP=10.0.0.2 >/dev/null\nrosrun a b\n').assignments;
  assert.equal(split[0]!.scope, 'file');
});

test("FMT003: an unquoted ';' or '&' in a list variable ends the command there, with a fix that quotes all of it", () => {
  const text = 'export ROS_STATIC_PEERS=192.168.0.1;remote.com\n';
  const [f] = lint(text);
  assert.equal(f!.code, 'FMT003');
  assert.equal(text.slice(f!.span.start, f!.span.end), ';');
  assert.match(f!.message, /only '192\.168\.0\.1' is assigned to ROS_STATIC_PEERS and 'remote\.com' runs as a command/);
  assert.equal(applyFixes(text, [f!.fixes![0]!]), 'export ROS_STATIC_PEERS="192.168.0.1;remote.com"\n');
  const amp = lint('export FASTDDS_BUILTIN_TRANSPORTS=LARGE_DATA?max_msg_size=1MB&sockets_size=1MB\n');
  assert.deepEqual(
    amp.map((x) => x.code),
    ['FMT003'],
  );
  assert.match(amp[0]!.message, /background: FASTDDS_BUILTIN_TRANSPORTS is not set in this shell/);
  // Not a list variable, or a separator followed by a blank: the shell does what the author meant.
  assert.deepEqual(codes('export ROS_IP=10.0.0.1;echo done\n'), []);
  assert.deepEqual(codes('export ROS_STATIC_PEERS=10.0.0.1; shift\n'), []);
  // A glued continuation that is not plain text gets the finding but no automatic fix.
  const odd = lint('export ROS_STATIC_PEERS=10.0.0.1;$(other)\n');
  assert.deepEqual(
    odd.map((x) => [x.code, x.fixes?.length ?? 0]),
    [['FMT003', 0]],
  );
});

test("FMT003: spaces around '=' run the name as a command", () => {
  for (const [text, fixed] of [
    ['ROS_IP = 10.0.0.2\n', 'ROS_IP=10.0.0.2\n'],
    ['export ROS_IP = 10.0.0.2\n', 'export ROS_IP=10.0.0.2\n'],
    ['export ROS_DOMAIN_ID =7\n', 'export ROS_DOMAIN_ID=7\n'],
  ]) {
    const f = lint(text!).find((x) => x.code === 'FMT003');
    assert.ok(f, text);
    assert.equal(applyFixes(text!, [f.fixes![0]!]), fixed);
  }
  assert.deepEqual(codes('echo ROS_IP = 10.0.0.2\n'), []);
});

test('a rule fix that writes shell-special characters into a bare word quotes them', () => {
  const text = 'export ROS_STATIC_PEERS=10.0.0.2,10.0.0.3\n';
  const f = lint(text).find((x) => x.code === 'DISC004')!;
  assert.equal(applyFixes(text, [f.fixes![0]!]), "export ROS_STATIC_PEERS='10.0.0.2;10.0.0.3'\n");
  const quoted = 'export ROS_STATIC_PEERS="10.0.0.2,10.0.0.3"\n';
  const g = lint(quoted).find((x) => x.code === 'DISC004')!;
  assert.equal(applyFixes(quoted, [g.fixes![0]!]), 'export ROS_STATIC_PEERS="10.0.0.2;10.0.0.3"\n');
});

test('"remove" fixes only take a line that holds nothing else', () => {
  const text = 'export ROS_HOSTNAME=robot\nexport ROS_IP=10.0.0.2; roslaunch pkg a.launch\n';
  const f = lint(text).find((x) => x.code === 'PREC001')!;
  assert.equal(f.fixes, undefined, 'removing the line would drop the roslaunch command');
  const alone = 'export ROS_HOSTNAME=robot\nexport ROS_IP=10.0.0.2\n';
  const g = lint(alone).find((x) => x.code === 'PREC001')!;
  assert.equal(applyFixes(alone, [g.fixes![0]!]), 'export ROS_HOSTNAME=robot\n');
});

test('an unparsable script gets one info finding and no value findings', () => {
  const text = readFileSync(join(FIXTURES, 'broken_quote.sh'), 'utf8');
  const f = lintText(join(FIXTURES, 'broken_quote.sh'), text, ctx).findings;
  assert.deepEqual(
    f.map((x) => [x.code, x.severity]),
    [['FMT001', 'info']],
  );
  assert.match(f[0]!.message, /bash cannot parse this script/);
});

test('spans are exact after non-ASCII text', () => {
  const text = '# Réseau du robot — café\nexport ROS_DOMAIN_ID=010\n';
  const [f] = lint(text);
  assert.equal(text.slice(f!.span.start, f!.span.end), '010');
});
