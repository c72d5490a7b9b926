// Our XML-RPC codec against the xmlrpc package it replaces on the probe's hot path: the same request
// bytes, the same decoded values, faults and malformed replies rejected alike.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import * as xmlrpcSerializer from 'xmlrpc/lib/serializer';
import Deserializer from 'xmlrpc/lib/deserializer';
import { parseMethodResponse, serializeMethodCall, XmlRpcFault } from '../../src/core/probe/xmlrpcCodec';
import { FAULT_XML, MALFORMED_XML, NO_METHOD_XML, WRONG_SHAPE_XML } from '../helpers/faultServers';

const lib = xmlrpcSerializer as unknown as {
  serializeMethodCall(m: string, p: unknown[], enc?: string): string;
  serializeMethodResponse(v: unknown): string;
  serializeFault(f: unknown): string;
};

function libParse(text: string): Promise<{ ok: true; value: unknown } | { ok: false; fault?: { code?: number; string?: string } }> {
  return new Promise((resolve) => {
    new Deserializer('utf8').deserializeMethodResponse(Readable.from([text]), (err, value) => {
      if (!err) resolve({ ok: true, value });
      else
        resolve({
          ok: false,
          ...(err.faultString !== undefined || err.faultCode !== undefined
            ? { fault: { code: err.faultCode, string: err.faultString } }
            : {}),
        });
    });
  });
}

function ours(text: string): { ok: true; value: unknown } | { ok: false; fault?: { code?: number; string?: string } } {
  try {
    return { ok: true, value: parseMethodResponse(text) };
  } catch (e) {
    if (e instanceof XmlRpcFault) return { ok: false, fault: { code: e.faultCode, string: e.faultString } };
    return { ok: false };
  }
}

test('a method call is byte-for-byte what the xmlrpc package sends for ROS-style params', () => {
  const calls: Array<[string, unknown[]]> = [
    ['getSystemState', ['/ros_network_probe']],
    ['lookupNode', ['/ros_network_probe', '/talker']],
    ['registerPublisher', ['/n', '/chatter', 'std_msgs/String', 'http://127.0.0.1:9/']],
    ['x', [1, -3, 2.5, true, false, null, [1, 'b', []], { k: 'v', n: {} }, 2 ** 40]],
    ['getParam', ['/ros_network_probe', '/a & <b>']],
  ];
  for (const [m, p] of calls) {
    const mine = serializeMethodCall(m, p);
    if (m === 'getParam')
      assert.match(mine, /<string>\/a &amp; &lt;b&gt;<\/string>/); // the package uses CDATA there: same value
    else assert.equal(mine, lib.serializeMethodCall(m, p, 'utf8'));
  }
});

test('replies decode to the same values as the xmlrpc package, including a ROS system state', async () => {
  const state = [
    1,
    'current system state',
    [[['/chatter', ['/talker', '/relay']]], [['/chatter', ['/listener']]], [['/talker/get_loggers', ['/talker']]]],
  ];
  const values: unknown[] = [
    state,
    'plain',
    '',
    0,
    -42,
    2.5,
    true,
    false,
    [],
    {},
    { a: [1, 'x', { b: null }] },
    'a < b & "c"',
    'ünïcødé ✓',
    [[[['deep']]]],
  ];
  for (const v of values) {
    const text = lib.serializeMethodResponse(v);
    assert.deepEqual(ours(text), await libParse(text), text);
  }
  // Hand-written variants a real server may send: untyped strings, whitespace, attributes, comments, <i4>, CDATA.
  const hand = [
    '<?xml version="1.0"?>\n<methodResponse>\n  <params>\n    <param>\n      <value><array><data>\n<value><i4>1</i4></value>\n<value>untyped &amp; spaced </value>\n<value><string><![CDATA[<raw>]]></string></value>\n<value/>\n<value><string/></value>\n</data></array></value>\n    </param>\n  </params>\n</methodResponse>\n',
    "<?xml version='1.0'?><!-- hi --><methodResponse><params><param><value><struct><member><name>n</name><value><double>1e3</double></value></member></struct></value></param></params></methodResponse>",
  ];
  for (const text of hand) assert.deepEqual(ours(text), await libParse(text), text);
});

test('faults carry code and string as in the xmlrpc package; malformed replies are rejected', async () => {
  for (const text of [FAULT_XML, NO_METHOD_XML, lib.serializeFault({ faultCode: -1, faultString: 'x' })]) {
    const mine = ours(text);
    assert.equal(mine.ok, false);
    assert.ok(!mine.ok && mine.fault, text);
    assert.deepEqual(mine, await libParse(text));
  }
  const bad = [
    MALFORMED_XML,
    '<methodResponse><params><param><value><int>x</int></value></param></params></methodResponse>',
    '<methodResponse><params><param><value><boolean>yes</boolean></value></param></params></methodResponse>',
    '<methodResponse><params><param><value><blob>1</blob></value></param></params></methodResponse>',
    '<methodCall><methodName>x</methodName></methodCall>',
    '<methodResponse><params><param><value><string>a</string></value></param><param><value><string>b</string></value></param></params></methodResponse>',
    '<methodResponse><params><param><value><string>cut',
    'not xml at all',
  ];
  // Stricter than the package, whose non-strict sax accepts MALFORMED_XML's unclosed tags.
  for (const text of bad) assert.deepEqual(ours(text), { ok: false }, text);
  assert.equal(ours(WRONG_SHAPE_XML).ok, true);
});
