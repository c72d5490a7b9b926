// What the probe makes of a master's state: the counts the status poll shows, the sorted graph the
// view and the CLI read, and hostile shapes rejected as 'malformed' (hand-written checks, no schema).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { probeMaster } from '../../src/core/probe/masterProbe';
import { replyServer } from '../helpers/faultServers';

const enc = (v: unknown): string =>
  typeof v === 'string'
    ? `<value><string>${v}</string></value>`
    : typeof v === 'number'
      ? `<value><int>${v}</int></value>`
      : `<value><array><data>\n${(v as unknown[]).map(enc).join('\n')}\n</data></array></value>`;
const reply = (v: unknown) =>
  `<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n${enc(v)}\n</param>\n</params>\n</methodResponse>\n`;

async function probeOf(value: unknown) {
  const server = await replyServer(reply(value));
  try {
    return await probeMaster(server.uri, { timeoutMs: 2000 });
  } finally {
    await server.close();
  }
}

const STATE = [
  [
    ['/rosout', ['/talker', '/listener']],
    ['/chatter', ['/talker']],
    ['/Zeta', []],
  ],
  [
    ['/chatter', ['/listener', '/b_node']],
    ['/rosout_agg', []],
  ],
  [
    ['/talker/get_loggers', ['/talker']],
    ['/listener/get_loggers', ['/listener']],
    ['/rosout/set_logger_level', ['/rosout']],
  ],
];

test('counts and the graph of a system state: topics merged across publishers and subscribers, names in code-unit order', async () => {
  const r = await probeOf([1, 'current system state', STATE]);
  assert.ok(r.ok, r.ok ? '' : r.message);
  assert.deepEqual(r.counts, { nodes: 4, topics: 4, services: 3, publishers: 3, subscribers: 2 });
  assert.deepEqual(r.nodes, ['/b_node', '/listener', '/rosout', '/talker']);
  assert.deepEqual(
    r.topics.map((t) => [t.name, t.publishers, t.subscribers]),
    [
      ['/Zeta', [], []],
      ['/chatter', ['/talker'], ['/listener', '/b_node']],
      ['/rosout', ['/talker', '/listener'], []],
      ['/rosout_agg', [], []],
    ],
  );
  assert.deepEqual(
    r.services.map((s) => s.name),
    ['/listener/get_loggers', '/rosout/set_logger_level', '/talker/get_loggers'],
  );
  // The graph is built on demand, but JSON output (rosnet probe --json) and spreads still carry it.
  const json = JSON.parse(JSON.stringify(r)) as { nodes: string[]; topics: unknown[]; services: unknown[]; counts: unknown };
  assert.deepEqual(Object.keys(json), ['ok', 'uri', 'roundTripMs', 'nodes', 'topics', 'services', 'counts']);
  assert.deepEqual(json.nodes, r.nodes);
  assert.equal(json.topics.length, 4);
  assert.deepEqual({ ...r }.services, r.services);
});

for (const [label, value] of [
  ['a pair with a third element', [1, 'ok', [[['/t', ['/n'], 'x']], [], []]]],
  ['a node name that is a number', [1, 'ok', [[['/t', ['/n', 7]]], [], []]]],
  ['a topic name that is a list', [1, 'ok', [[[['/t'], ['/n']]], [], []]]],
  ['two lists instead of three', [1, 'ok', [[], []]]],
  ['four lists instead of three', [1, 'ok', [[], [], [], []]]],
  ['no value after code and message', [1, 'ok']],
  ['a status message that is not a string', [1, 2, [[], [], []]]],
] as const) {
  test(`a hostile state is 'malformed', not a crash: ${label}`, async () => {
    const r = await probeOf(value);
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.kind, 'malformed');
  });
}

test("a ROS error code is a fault with the master's message", async () => {
  const r = await probeOf([-1, 'caller id missing', 0]);
  assert.equal(!r.ok && r.kind, 'fault');
  assert.match(!r.ok ? r.message : '', /code -1\): caller id missing/);
});
