import assert from 'node:assert/strict';
import * as dgram from 'node:dgram';
import { describe, it } from 'node:test';
import { discoverCommand, safeJson } from '../../../src/cli/commands/discover';
import { isUsageError, type CliIo } from '../../../src/cli/cliTypes';
import { LOOPBACK_INDEXES } from '../../../src/core/rtps/monitor';
import { announcement, fakePrefix } from '../../helpers/rtpsPackets';

const DOMAIN = 100 + (process.pid % 40);

function io(): CliIo & { text: () => string } {
  let out = '';
  return { out: (t) => (out += t), err: () => undefined, cwd: process.cwd(), env: {}, text: () => out };
}

async function usage(args: string[]): Promise<string> {
  try {
    await discoverCommand.run(args, io());
  } catch (e) {
    assert.ok(isUsageError(e), String(e));
    return (e as Error).message;
  }
  assert.fail(`no usage error for ${args.join(' ')}`);
}

describe('rosnet discover', () => {
  it('rejects bad arguments as usage errors (exit 2)', async () => {
    assert.match(await usage(['--domain', '233']), /0–232/);
    assert.match(await usage(['--timeout', '0']), /--timeout/);
    assert.match(await usage(['--interface', 'eth0']), /IPv4/);
    assert.match(await usage(['--interface', '203.0.113.77']), /not an address of this host/);
    assert.match(await usage(['--bogus']), /bogus/);
  });

  it('prints participants seen on loopback, network strings escaped; --json keeps the schema', async () => {
    const sender = dgram.createSocket('udp4');
    const evil = {
      prefix: fakePrefix('cyclone', 77),
      vendor: 'cyclone' as const,
      domain: DOMAIN,
      host: 'hal\x1b]0;pwned\x07',
      process: 'talk\u202eer',
      pid: 9,
    };
    // The monitor takes the first free participant port: announce to all of them, as Cyclone does on lo.
    const timer = setInterval(() => {
      for (let i = 0; i < LOOPBACK_INDEXES; i++) sender.send(announcement(evil), 7410 + 250 * DOMAIN + 2 * i, '127.0.0.1');
    }, 50);
    try {
      const text = io();
      assert.equal(await discoverCommand.run(['--domain', String(DOMAIN), '--interface', '127.0.0.1', '--timeout', '400'], text), 0);
      assert.match(text.text(), /1 participant on 1 host/);
      assert.ok(text.text().includes('hal\\x1b]0;pwned\\x07'), text.text());
      assert.ok(text.text().includes('talk\\u202eer'));
      assert.doesNotMatch(text.text(), /[\x1b\x07\u202e]/);
      const json = io();
      assert.equal(
        await discoverCommand.run(['--domain', String(DOMAIN), '--interface', '127.0.0.1', '--timeout', '400', '--json'], json),
        0,
      );
      assert.doesNotMatch(json.text(), /[\x1b\x07\u202e]/);
      const doc = JSON.parse(json.text());
      assert.deepEqual(Object.keys(doc), ['schema', 'domain', 'participants', 'nodes', 'topics', 'services']);
      assert.deepEqual(doc.participants, [
        {
          guid: `${evil.prefix.slice(0, 8)}:${evil.prefix.slice(8, 16)}:${evil.prefix.slice(16)}:000001c1`,
          vendor: 'Cyclone DDS',
          host: evil.host,
          pid: 9,
          process: evil.process,
          enclave: '/',
          addresses: ['127.0.0.1'],
          leaseSeconds: 10,
        },
      ]);
    } finally {
      clearInterval(timer);
      sender.close();
    }
  });

  it('exits 1 when nobody announced', async () => {
    assert.equal(await discoverCommand.run(['--domain', String(DOMAIN + 50), '--interface', '127.0.0.1', '--timeout', '100'], io()), 1);
  });

  it('safeJson writes C1 and bidi controls as \\u escapes, the value unchanged', () => {
    const v = { s: 'a\u0085b\u202ec\x1b' };
    const text = safeJson(v);
    assert.doesNotMatch(text, /[\u0085\u202e\x1b]/);
    assert.deepEqual(JSON.parse(text), v);
  });
});
