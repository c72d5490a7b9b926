// Replies an attacker (or a broken peer) can send: bytes that are not HTTP, XML that is not
// XML-RPC, malformed numbers, and replies built to cost decode time. Real loopback TCP servers.
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { test } from 'node:test';
import { callXmlRpc, RpcError } from '../../src/core/probe/xmlrpcCall';
import { DECODE_LIMITS, parseMethodResponse } from '../../src/core/probe/xmlrpcCodec';
import { probeMaster, unwrapRosReply } from '../../src/core/probe/masterProbe';
import { runDoctor } from '../../src/core/doctor/runDoctor';
import { fakeMaster, LO, testDeps } from './doctor/fakeRos';

const ok = (inner: string) => `<?xml version="1.0"?><methodResponse><params><param>${inner}</param></params></methodResponse>`;
const triple = (code: string) =>
  ok(`<value><array><data><value>${code}</value><value><string>s</string></value><value><int>0</int></value></data></array></value>`);

/** A TCP server that writes `reply` to every connection once the request has arrived, then closes. */
async function rawServer(reply: string | Buffer): Promise<{ uri: string; close(): void }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.once('data', () => s.end(reply));
    s.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  return {
    uri: `http://127.0.0.1:${port}/`,
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

async function kindOf(reply: string | Buffer): Promise<RpcError> {
  const s = await rawServer(reply);
  try {
    await callXmlRpc(s.uri, 'getPid', ['/x'], { timeoutMs: 2000 });
    assert.fail('resolved');
  } catch (e) {
    assert.ok(e instanceof RpcError);
    return e;
  } finally {
    s.close();
  }
}

const http200 = (body: string, extra = '') =>
  `HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n${extra}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

test('a peer that answers with bytes that are not HTTP is not-xmlrpc (saying what it sent), not unreachable', async () => {
  for (const reply of [
    Buffer.from([0x16, 0x03, 0x01, 0x00, 0x2a, 0xff, 0x00]),
    'SSH-2.0-OpenSSH_9.6\r\n',
    ok('<value><int>1</int></value>'), // HTTP/0.9: a body with no status line
    `HTTP/1.1 200 OK\r\nX-Big: ${'a'.repeat(200 * 1024)}\r\n\r\n`,
    http200(ok('<value><int>1</int></value>'), 'Transfer-Encoding: chunked\r\n'),
  ]) {
    const e = await kindOf(reply);
    assert.equal(e.kind, 'not-xmlrpc', `${e.kind}: ${e.message}`);
    assert.match(e.message, /answered/);
  }
  const e = await kindOf('SSH-2.0-OpenSSH_9.6\r\n');
  assert.match(e.message, /SSH-2\.0/, 'the message says what was seen');
});

test('the probe reports a non-HTTP peer as not-xmlrpc, with no "No route to host" hint', async () => {
  const s = await rawServer('220 smtp.example ESMTP\r\n');
  try {
    const r = await probeMaster(s.uri, { timeoutMs: 2000 });
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.equal(r.kind, 'not-xmlrpc');
      assert.doesNotMatch(r.hint, /No route/i);
    }
  } finally {
    s.close();
  }
});

test('what XML-RPC allows before the root is accepted: declaration, a 5 KB comment, whitespace, a PI', async () => {
  const body = `<?xml version="1.0"?>\n<!--${'c'.repeat(5 * 1024)}-->\n  <?pi x?>\n\t${ok('<value><int>7</int></value>').replace('<?xml version="1.0"?>', '')}`;
  assert.equal(parseMethodResponse(body), 7);
  const s = await rawServer(http200(body));
  try {
    assert.equal(await callXmlRpc(s.uri, 'getPid', [], { timeoutMs: 2000 }), 7);
  } finally {
    s.close();
  }
});

test('XML that is not a methodResponse is not-xmlrpc; a methodResponse that is broken is malformed', async () => {
  assert.equal((await kindOf(http200('<html><body>hi</body></html>'))).kind, 'not-xmlrpc');
  assert.equal((await kindOf(http200('hello world'))).kind, 'not-xmlrpc');
  assert.equal((await kindOf(http200('<?xml version="1.0"?><rss/>'))).kind, 'not-xmlrpc');
  assert.equal((await kindOf(http200(ok('<value><int>x</int></value>')))).kind, 'malformed');
});

test('malformed ints are rejected; a double is not a ROS status code', () => {
  for (const bad of ['1abc', '1.9', '', '0x10', '1e3', '- 1', '99999999999999999'])
    assert.throws(() => parseMethodResponse(ok(`<value><int>${bad}</int></value>`)), /integer/, bad);
  assert.equal(parseMethodResponse(ok('<value><i4>+42</i4></value>')), 42);
  assert.equal(parseMethodResponse(ok('<value><int> -3 </int></value>')), -3);
  assert.throws(() => parseMethodResponse(ok('<value><double>1.0abc</double></value>')), /double/);
  assert.throws(() => unwrapRosReply('getPid', parseMethodResponse(triple('<double>1.0</double>'))), /triple/);
  assert.throws(() => unwrapRosReply('getPid', parseMethodResponse(triple('<double>1</double>'))), /triple/);
  assert.equal(unwrapRosReply('getPid', parseMethodResponse(triple('<int>1</int>'))), 0);
});

test('decode work is bounded: too many references, too deep nesting are errors (not seconds, not a stack overflow)', () => {
  const refs = ok(`<value><string>${'&amp;'.repeat(DECODE_LIMITS.references + 1)}</string></value>`);
  assert.throws(() => parseMethodResponse(refs), /character references/);
  const decimal = ok(`<value><string>${'&#65;'.repeat(DECODE_LIMITS.references + 1)}</string></value>`);
  assert.throws(() => parseMethodResponse(decimal), /character references/);
  assert.equal(parseMethodResponse(ok(`<value><string>${'&amp;'.repeat(1000)}</string></value>`)), '&'.repeat(1000));
  const deep = 100_000;
  const nested = ok(`${'<value><array><data>'.repeat(deep)}${'</data></array></value>'.repeat(deep)}`);
  assert.throws(() => parseMethodResponse(nested), /nested more than/);
  assert.throws(() => parseMethodResponse(ok('<value><string>&bogus;</string></value>')), /unknown reference/);
});

test('decode work is bounded: too many values or comments in one reply are an error, a large real list is not', () => {
  const n = DECODE_LIMITS.items;
  const list = (item: string, count: number) => ok(`<value><array><data>${item.repeat(count)}</data></array></value>`);
  assert.throws(() => parseMethodResponse(list('<value/>', n)), /values or markup items/);
  assert.throws(() => parseMethodResponse(list('<value><i4>1</i4></value>', n)), /values or markup items/);
  assert.throws(() => parseMethodResponse(ok(`<value><string>${'<!---->'.repeat(n + 1)}</string></value>`)), /values or markup items/);
  assert.throws(
    () => parseMethodResponse(ok(`<value><string>${'<![CDATA[a]]>'.repeat(n + 1)}</string></value>`)),
    /values or markup items/,
  );
  // getParamNames of a large robot: tens of thousands of names still decode.
  assert.equal((parseMethodResponse(list('<value><string>/arm/joint_1/p</string></value>', 60_000)) as unknown[]).length, 60_000);
});

test('a struct member named __proto__ is an own property, not the prototype', () => {
  const v = parseMethodResponse(
    ok(
      '<value><struct><member><name>__proto__</name><value><struct><member><name>polluted</name><value><int>1</int></value></member></struct></value></member></struct></value>',
    ),
  ) as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(v), Object.prototype);
  assert.equal((v as { polluted?: unknown }).polluted, undefined);
  assert.deepEqual(Object.keys(v), ['__proto__']);
});

test('the doctor never contacts a node URI that is not http:// (it is a finding)', async () => {
  let contacted = false;
  const trap = net.createServer((s) => {
    contacted = true;
    s.destroy();
  });
  await new Promise<void>((r) => trap.listen(0, '127.0.0.1', r));
  const port = (trap.address() as net.AddressInfo).port;
  const master = await fakeMaster({ '/evil': `gopher://127.0.0.1:${port}/` });
  try {
    const r = await runDoctor(
      {
        source: { kind: 'profile', name: 't' },
        rosVersion: 1,
        variables: new Map([
          ['ROS_MASTER_URI', master.uri],
          ['ROS_IP', '127.0.0.1'],
        ]),
      },
      testDeps({ interfaces: [LO] }),
      { timeoutMs: 1000 },
    );
    const c = r.checks.find((x) => x.id === 'nodes.ping:/evil')!;
    assert.equal(c.verdict, 'error');
    assert.match(c.evidence.join(' '), /http:\/\/ URIs only/);
    assert.equal(contacted, false);
  } finally {
    await master.close();
    trap.close();
  }
});
