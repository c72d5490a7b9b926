// Every CLI text output with random control, bidi and surrogate characters in every untrusted field:
// node names, topic names, faults and getUri answers from a hostile master (a real loopback HTTP
// server), values and names in files, and arguments. No ESC, BEL, other C0 (but the line feed), C1,
// DEL or bidi control may reach the terminal.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import * as dgram from 'node:dgram';
import { main } from '../../src/cli/main';
import { LOOPBACK_INDEXES } from '../../src/core/rtps/monitor';
import { announcement, fakePrefix } from '../helpers/rtpsPackets';

const FORBIDDEN =
  /[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A small seeded PRNG (mulberry32) so a failure can be replayed. */
function rng(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NASTY = [
  '\x1b]0;owned\x07',
  '\x1b[2J\x1b[H',
  '\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\',
  '\x07',
  '\r',
  '\n',
  '\t',
  '\x00',
  '\x7f',
  '\u009b31m',
  '\u0085',
  '\u009d0;t\u009c',
  '\u202e',
  '\u2066',
  '\u2028',
  '\ud800',
  '\udfff',
];

function hostile(r: () => number, base: string): string {
  let s = base;
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) {
    const at = Math.floor(r() * (s.length + 1));
    s = s.slice(0, at) + NASTY[Math.floor(r() * NASTY.length)]! + s.slice(at);
  }
  return s;
}

/** XML text: raw where XML allows it, as a character reference otherwise (the codec sees both). */
function xmlText(s: string, r: () => number): string {
  return s
    .replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!)
    .replace(/[\x00-\x1f\x7f-\x9f]/g, (c) => (r() < 0.5 ? c : `&#${c.charCodeAt(0)};`));
}

function val(v: unknown, r: () => number): string {
  if (typeof v === 'number') return `<value><int>${v}</int></value>`;
  if (typeof v === 'string') return `<value><string>${xmlText(v, r)}</string></value>`;
  return `<value><array><data>${(v as unknown[]).map((x) => val(x, r)).join('')}</data></array></value>`;
}

let server: http.Server;
let port = 0;
let seed = 1;
let mode: 'state' | 'fault' = 'state';

before(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const r = rng(seed);
      const method = /<methodName>([^<]*)<\/methodName>/.exec(body)?.[1] ?? '';
      const h = (b: string) => hostile(r, b);
      let reply: string;
      if (mode === 'fault' || method === 'getParamNames') {
        reply = `<?xml version="1.0"?><methodResponse><fault><value><struct><member><name>faultCode</name><value><int>1</int></value></member><member><name>faultString</name>${val(h('master exploded'), r)}</member></struct></value></fault></methodResponse>`;
      } else {
        const v =
          method === 'getSystemState'
            ? [
                1,
                h('state'),
                [[[h('/chatter'), [h('/talker'), h('/listener')]]], [[h('/chatter'), [h('/listener')]]], [[h('/srv'), [h('/talker')]]]],
              ]
            : method === 'getUri'
              ? [1, '', h(`http://127.0.0.1:${port}/`)]
              : method === 'lookupNode'
                ? [1, '', `http://127.0.0.1:1/${h('x')}`]
                : method === 'getPid'
                  ? [1, '', 42]
                  : [-1, h('no such method'), 0];
        reply = `<?xml version="1.0"?><methodResponse><params><param>${val(v, r)}</param></params></methodResponse>`;
      }
      res.writeHead(200, { 'Content-Type': 'text/xml' });
      res.end(reply);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});

after(() => {
  server.closeAllConnections();
  server.close();
});

async function run(argv: string[], cwd: string) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t), cwd, env: {} });
  return { code, out, err };
}

function assertClean(what: string, text: string): void {
  const m = FORBIDDEN.exec(text);
  assert.equal(
    m,
    null,
    `${what}: U+${m?.[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${m?.index} in ${JSON.stringify(text.slice(Math.max(0, (m?.index ?? 0) - 40), (m?.index ?? 0) + 20))}`,
  );
}

test('probe, doctor, lint and usage errors print no control, bidi or lone-surrogate character from any untrusted field', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rosnet-fuzz-'));
  try {
    for (let round = 0; round < 12; round++) {
      seed = 1000 + round;
      mode = round % 3 === 2 ? 'fault' : 'state';
      const r = rng(seed * 7);
      const uri = `http://127.0.0.1:${port}/`;
      const env = [
        `ROS_MASTER_URI=${uri}`,
        `ROS_IP="${hostile(r, '127.0.0.1')}"`,
        `ROS_HOSTNAME='${hostile(r, 'hal')}'`,
        `${hostile(r, 'ROS_DOMAIN_ID')}=${hostile(r, '7')}`,
        `ROS_NAMESPACE=${hostile(r, '/robot')}`,
      ].join('\n');
      const name = hostile(r, 'robot').replace(/[\x00/\n]/g, '') + '.env';
      writeFileSync(join(dir, name), env);
      mkdirSync(join(dir, '.vscode'), { recursive: true });
      // A valid profile whose name and extra variable carry controls (the schema refuses only NUL and lone
      // surrogates), next to one whose ROS_IP is invalid (its problem text quotes the value).
      const profileName =
        hostile(r, 'lab')
          .replace(/[\ud800-\udfff\x00]/g, '')
          .trim() || 'lab';
      writeFileSync(
        join(dir, '.vscode', 'settings.json'),
        JSON.stringify({
          'rosNetwork.profiles': [
            { name: profileName, ROS_MASTER_URI: uri, env: { ROSNET_FUZZ: hostile(r, 'value').replace(/[\ud800-\udfff\x00]/g, '') } },
            { name: `${profileName} bad`, ROS_MASTER_URI: uri, ROS_IP: hostile(r, '10.0.0.1') },
          ],
        }),
      );
      const runs: Array<[string, string[]]> = [
        ['probe', ['probe', uri, '--timeout', '1500']],
        ['probe --json', ['probe', uri, '--json', '--timeout', '1500']],
        ['probe of a hostile URI', ['probe', hostile(r, 'http://127.0.0.1:1/'), '--timeout', '500']],
        ['doctor', ['doctor', '--env-file', name, '--timeout', '800']],
        ['doctor --markdown', ['doctor', '--env-file', name, '--markdown', '--timeout', '800']],
        ['doctor --json', ['doctor', '--env-file', name, '--json', '--timeout', '800']],
        ['lint', ['lint', '.']],
        ['lint json', ['lint', '.', '--format', 'json']],
        ['lint sarif', ['lint', '.', '--format', 'sarif']],
        ['lint of a missing hostile path', ['lint', hostile(r, 'nope')]],
        ['doctor of an unknown profile', ['doctor', '--profile', hostile(r, 'ghost')]],
        ['doctor --profile', ['doctor', '--profile', profileName, '--verbose', '--timeout', '800']],
        ['doctor --profile --markdown', ['doctor', '--profile', profileName, '--markdown', '--timeout', '800']],
        ['doctor --profile --json', ['doctor', '--profile', profileName, '--json', '--timeout', '800']],
        ['lint --online --profile', ['lint', '--online', '--profile', profileName, '.']],
        ['ports', ['ports', hostile(r, '7')]],
        ['unknown command', [hostile(r, 'frobnicate')]],
        ['unknown option', ['probe', hostile(r, '--x')]],
      ];
      for (const [what, argv] of runs) {
        const o = await run(argv, dir);
        // The valid hostile-named profile is found and checked (not a usage error about its name).
        if (/--profile$|--profile --/.test(what)) assert.notEqual(o.code, 2, `${what} (round ${round}): ${o.err}`);
        assertClean(`${what} (round ${round}) stdout`, o.out);
        assertClean(`${what} (round ${round}) stderr`, o.err);
      }
      rmSync(join(dir, name));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('discover prints no control, bidi or lone-surrogate character from the RTPS strings of hostile participants', async () => {
  const domain = 140 + (process.pid % 40);
  const sender = dgram.createSocket('udp4');
  const r = rng(77);
  // Host, process and user data (the enclave) are the participant's own strings, from anyone on the LAN.
  const evil = Array.from({ length: 6 }, (_, i) => ({
    prefix: fakePrefix(i % 2 ? 'fastdds' : 'cyclone', 900 + i),
    vendor: (i % 2 ? 'fastdds' : 'cyclone') as 'cyclone' | 'fastdds',
    domain,
    host: hostile(r, 'hal'),
    process: hostile(r, 'talker'),
    pid: 9 + i,
    userData: `enclave=${hostile(r, '/robot')};`,
  }));
  // As in discoverCli.test.ts: the monitor takes the first free participant port, so send to all of them.
  const timer = setInterval(() => {
    for (const p of evil) for (let i = 0; i < LOOPBACK_INDEXES; i++) sender.send(announcement(p), 7410 + 250 * domain + 2 * i, '127.0.0.1');
  }, 50);
  try {
    for (const extra of [[], ['--json']]) {
      const o = await run(
        ['discover', '--domain', String(domain), '--interface', '127.0.0.1', '--timeout', '600', ...extra],
        process.cwd(),
      );
      assert.equal(o.code, 0, o.err);
      assert.match(o.out, extra.length ? /"participants"/ : /participants? on/);
      assertClean(`discover ${extra.join(' ')} stdout`, o.out);
      assertClean(`discover ${extra.join(' ')} stderr`, o.err);
    }
  } finally {
    clearInterval(timer);
    sender.close();
  }
});
