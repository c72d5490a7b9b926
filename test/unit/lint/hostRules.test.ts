// URI004 / HOST003 against this machine's real resolver and interfaces: `localhost` resolves, a
// `.invalid` name never does (RFC 6761), 127.0.0.1 is local and 10.255.255.1 is not. Only the cache
// and timeout tests inject a resolver, because a real one cannot be made slow on demand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HostLookupCache, hostFindings, hostInputs, nodeHostDeps, type HostDeps, type HostInputs } from '../../../src/core/lint/hostRules';
import { settingsHostFindings } from '../../../src/core/lint/settingsHostFindings';
import { dotenvSource } from '../../../src/core/lint/sources/dotenvSource';
import type { Finding } from '../../../src/core/lint/types';

const real = nodeHostDeps();

/** Inputs from a real .env text, so spans are the ones an editor would show. */
function fromEnv(text: string): { text: string; inputs: HostInputs } {
  return { text, inputs: hostInputs(dotenvSource(text, 'dotenv').assignments) };
}

const shown = (text: string, f: readonly Finding[]) => f.map((x) => `${x.code} ${text.slice(x.span.start, x.span.end)}`);

test('URI004: a master host that does not resolve is reported on the host, with the catalogue text', async () => {
  const { text, inputs } = fromEnv('ROS_MASTER_URI=http://no-such-host.invalid:11311\n');
  const f = await hostFindings(inputs, real);
  assert.deepEqual(shown(text, f), ['URI004 no-such-host.invalid']);
  assert.equal(f[0]!.severity, 'warning');
  assert.equal(f[0]!.message, "Cannot resolve hostname 'no-such-host.invalid' in ROS_MASTER_URI");
});

test('URI004 stays quiet for a resolvable name, IP literals, loopback names and substitutions', async () => {
  for (const uri of [
    'http://localhost:11311',
    'http://10.255.255.1:11311',
    'http://[fd00::1]:11311',
    'http://$MASTER:11311',
    'http://${MASTER_HOST}:11311',
    'hal:11311',
  ]) {
    const { inputs } = fromEnv(`ROS_MASTER_URI=${uri}\n`);
    assert.deepEqual(await hostFindings(inputs, real), [], uri);
  }
  // The lookup itself: the real resolver answers for localhost.
  const r = await new HostLookupCache().resolve(real, 'localhost', 2000);
  assert.equal(r.kind, 'ok');
});

test("HOST003: ROS_IP that is not on a local interface, with roswtf's text listing the local addresses", async () => {
  const { text, inputs } = fromEnv('ROS_IP=10.255.255.1\n');
  const f = await hostFindings(inputs, real);
  assert.deepEqual(shown(text, f), ['HOST003 10.255.255.1']);
  assert.match(
    f[0]!.message,
    /^ROS_IP may be incorrect: ROS_IP \[10\.255\.255\.1\] does not appear to be an IP address of a local network interface \(one of .*127\.0\.0\.1.*\)\.$/,
  );
  for (const ok of ['127.0.0.1', '127.0.0.2', 'robot.local', '$ROS_IP', ''])
    assert.deepEqual(await hostFindings(fromEnv(`ROS_IP=${ok}\n`).inputs, real), [], ok);
});

test('HOST003: ROS_HOSTNAME that does not resolve, or resolves elsewhere; loopback and resolvable local names pass', async () => {
  const bad = fromEnv('ROS_HOSTNAME=robot.invalid\n');
  const f = await hostFindings(bad.inputs, real);
  assert.deepEqual(shown(bad.text, f), ['HOST003 robot.invalid']);
  assert.equal(f[0]!.message, 'ROS_HOSTNAME may be incorrect: ROS_HOSTNAME [robot.invalid] cannot be resolved to an IP address');
  const elsewhere = fromEnv('ROS_HOSTNAME=10.255.255.1\n');
  const g = await hostFindings(elsewhere.inputs, real);
  assert.match(
    g[0]!.message,
    /^ROS_HOSTNAME may be incorrect: ROS_HOSTNAME \[10\.255\.255\.1\] resolves to \[10\.255\.255\.1\], which does not appear to be a local IP address \(.*127\.0\.0\.1.*\)\.$/,
  );
  for (const ok of ['localhost', '127.0.0.1', '${HOST}', ''])
    assert.deepEqual(await hostFindings(fromEnv(`ROS_HOSTNAME=${ok}\n`).inputs, real), [], ok);
});

test('only the last assignment of the scope counts; an unset removes it', async () => {
  assert.deepEqual(await hostFindings(fromEnv('ROS_IP=10.255.255.1\nROS_IP=127.0.0.1\n').inputs, real), []);
  const set = dotenvSource('ROS_IP=10.255.255.1\n', 'dotenv').assignments[0]!;
  const unset = { ...set, op: 'unset' as const, value: undefined };
  assert.equal(hostInputs([set, unset]).ROS_IP, undefined);
  assert.equal(hostInputs([set, { ...set, scope: 'other' }], 'other').ROS_IP?.value, '10.255.255.1');
  assert.equal(hostInputs([set], 'other').ROS_IP, undefined);
});

test('settings.json: only the named profile is checked, ROS 2 profiles never', async () => {
  const text = JSON.stringify(
    {
      'rosNetwork.profiles': [
        { name: 'other', ROS_MASTER_URI: 'http://no-such-host.invalid:11311', ROS_IP: '10.255.255.1' },
        { name: 'here', ROS_MASTER_URI: 'http://no-such-host.invalid:11311', env: { ROS_IP: '10.255.255.1' } },
        { name: 'ros2', rosVersion: 2, ROS_IP: '10.255.255.1' },
      ],
    },
    null,
    2,
  );
  const f = await settingsHostFindings(text, 'here', real);
  assert.deepEqual(
    f.map((x) => x.code),
    ['URI004', 'HOST003'],
  );
  const here = text.indexOf('"here"');
  assert.ok(
    f.every((x) => x.span.start > here),
    'findings are on the active profile, not the first one',
  );
  assert.deepEqual(await settingsHostFindings(text, 'ros2', real), []);
  assert.deepEqual(await settingsHostFindings(text, 'missing', real), []);
});

/** A resolver that answers after `ms` and counts its calls. */
function slowResolver(ms: number, answer: string[] | 'ENOTFOUND'): HostDeps & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    interfaces: real.interfaces,
    lookup: (h) => {
      calls.push(h);
      return new Promise((resolve, reject) =>
        setTimeout(
          () => (answer === 'ENOTFOUND' ? reject(Object.assign(new Error('not found'), { code: 'ENOTFOUND' })) : resolve(answer)),
          ms,
        ),
      );
    },
  };
}

test('a lookup slower than the timeout gives no finding (unknown is not wrong) and returns on time', async () => {
  const deps = slowResolver(1500, 'ENOTFOUND');
  const started = performance.now();
  const f = await hostFindings(fromEnv('ROS_MASTER_URI=http://slow.example:11311\n').inputs, deps, { timeoutMs: 50 });
  assert.deepEqual(f, []);
  assert.ok(performance.now() - started < 1000, `took ${performance.now() - started} ms`);
});

test('the cache answers the same name again without a lookup, until the TTL passes', async () => {
  let now = 0;
  const cache = new HostLookupCache(60_000, () => now);
  const deps = slowResolver(5, 'ENOTFOUND');
  const inputs = fromEnv('ROS_MASTER_URI=http://robot.example:11311\nROS_HOSTNAME=robot.example\n').inputs;
  const first = await hostFindings(inputs, deps, { cache });
  assert.deepEqual(
    first.map((x) => x.code),
    ['URI004', 'HOST003'],
  );
  assert.deepEqual(deps.calls, ['robot.example'], 'both rules share one lookup');
  now = 59_000;
  assert.deepEqual(
    (await hostFindings(inputs, deps, { cache })).map((x) => x.code),
    ['URI004', 'HOST003'],
  );
  assert.equal(deps.calls.length, 1);
  now = 61_000;
  await hostFindings(inputs, deps, { cache });
  assert.equal(deps.calls.length, 2, 'looked up again after the TTL');
});
