// Large XML-RPC replies decode on a worker thread (src/core/probe/replyDecoder.ts) with the same
// values and the same errors as the inline decoder; the real HTTP path sends a hostile 8 MB reply there.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { callXmlRpc, RpcError } from '../../src/core/probe/xmlrpcCall';
import { decodeReply, INLINE_MAX_BYTES, offThread } from '../../src/core/probe/replyDecoder';
import { firstItemIsDouble, NotXmlRpcError, parseMethodResponse, XmlRpcFault } from '../../src/core/probe/xmlrpcCodec';

const wrap = (inner: string) =>
  `<?xml version="1.0"?><methodResponse><params><param><value>${inner}</value></param></params></methodResponse>`;
const strings = (n: number) =>
  wrap(`<array><data>${Array.from({ length: n }, (_, i) => `<value><string>/node_${i}_&amp;_é</string></value>`).join('')}</data></array>`);
const fault = `<?xml version="1.0"?><methodResponse><fault><value><struct><member><name>faultCode</name><value><int>-1</int></value></member><member><name>faultString</name><value><string>${'x'.repeat(INLINE_MAX_BYTES)}</string></value></member></struct></value></fault></methodResponse>`;

/** Splits like a socket would: in 64 KB chunks. */
const chunked = (text: string) => {
  const b = Buffer.from(text, 'utf8');
  const out: Buffer[] = [];
  for (let i = 0; i < b.length; i += 65536) out.push(b.subarray(i, i + 65536));
  return { chunks: out, size: b.length };
};

async function outcome(text: string): Promise<{ value?: unknown; error?: Error; off: boolean }> {
  const before = offThread.replies;
  const { chunks, size } = chunked(text);
  try {
    const value = await decodeReply(chunks, size);
    return { value, off: offThread.replies > before };
  } catch (e) {
    return { error: e as Error, off: offThread.replies > before };
  }
}

function inline(text: string): { value?: unknown; error?: Error } {
  try {
    return { value: parseMethodResponse(text) };
  } catch (e) {
    return { error: e as Error };
  }
}

test('a large reply decodes off the thread to the same value; a small one inline', async () => {
  const big = strings(20_000);
  assert.ok(Buffer.byteLength(big) > INLINE_MAX_BYTES);
  const r = await outcome(big);
  assert.equal(r.off, true);
  assert.deepEqual(r.value, inline(big).value);
  const small = await outcome(strings(10));
  assert.equal(small.off, false);
  assert.deepEqual(small.value, inline(strings(10)).value);
});

test('off the thread, errors keep their class and message: fault, not XML-RPC, refused by the limits', async () => {
  const f = await outcome(fault);
  assert.equal(f.off, true);
  assert.ok(f.error instanceof XmlRpcFault);
  assert.equal((f.error as XmlRpcFault).faultCode, -1);
  assert.equal((f.error as XmlRpcFault).faultString?.length, INLINE_MAX_BYTES);
  const html = `<html><body>${'<p>hi</p>'.repeat(40_000)}</body></html>`;
  const h = await outcome(html);
  assert.equal(h.off, true);
  assert.ok(h.error instanceof NotXmlRpcError);
  assert.equal(h.error.message, inline(html).error?.message);
  const members = wrap(`<struct>${'<member><name>a</name><value>1</value></member>'.repeat(70_000)}</struct>`);
  const m = await outcome(members);
  assert.equal(m.off, true);
  assert.ok(m.error && !(m.error instanceof XmlRpcFault) && !(m.error instanceof NotXmlRpcError));
  assert.equal(m.error.message, inline(members).error?.message);
});

test('the "first item is a double" mark survives the thread boundary', async () => {
  const text = wrap(
    `<array><data><value><double>1.0</double></value>${'<value><string>pad</string></value>'.repeat(20_000)}</data></array>`,
  );
  const r = await outcome(text);
  assert.equal(r.off, true);
  assert.equal(firstItemIsDouble(r.value), true);
});

test('a hostile 8 MB reply from a real HTTP server is decoded off the thread and refused as malformed', async () => {
  const body = wrap(`<struct>${'<member><name>a</name><value>1</value></member>'.repeat(170_000)}</struct>`);
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/xml' });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const before = offThread.replies;
    const port = (server.address() as AddressInfo).port;
    const e = await callXmlRpc(`http://127.0.0.1:${port}/`, 'getSystemState', ['/rosnet'], { timeoutMs: 20_000 }).then(
      () => undefined,
      (x: unknown) => x,
    );
    assert.ok(e instanceof RpcError, String(e));
    assert.equal(e.kind, 'malformed');
    assert.match(e.message, /values|items/);
    assert.equal(offThread.replies, before + 1);
  } finally {
    server.close();
  }
});
