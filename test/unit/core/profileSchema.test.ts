import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseProfiles, mergeProfileScopes, formatProblem } from '../../../src/core/profiles/parseProfiles';

const good = { name: 'hal', ROS_MASTER_URI: 'http://hal:11311', ROS_IP: '10.0.0.2' };

test('valid profiles parse with an inferred ROS version', () => {
  const r = parseProfiles([good, { name: 'sim', ROS_DOMAIN_ID: 7, RMW_IMPLEMENTATION: 'rmw_cyclonedds_cpp' }], 'user');
  assert.deepEqual(r.problems, []);
  assert.equal(r.profiles.length, 2);
  assert.equal(r.profiles[0]!.rosVersion, 1);
  assert.equal(r.profiles[1]!.rosVersion, 2);
  assert.equal(r.profiles[1]!.variables.get('ROS_DOMAIN_ID'), '7');
  assert.equal(r.profiles[0]!.rosVersionInferred, true);
});

test('static peers given as an array are joined with ;', () => {
  const r = parseProfiles([{ name: 'p', ROS_STATIC_PEERS: ['10.0.0.1', 'robot.local'] }], 'user');
  assert.equal(r.profiles[0]!.variables.get('ROS_STATIC_PEERS'), '10.0.0.1;robot.local');
});

// At least 20 malformed shapes: none may throw, each yields a problem with a path, and the valid
// profile next to it stays usable.
const malformed: Array<[string, unknown]> = [
  ['null item', null],
  ['number item', 42],
  ['string item', 'hal'],
  ['array item', [good]],
  ['missing name', { ROS_MASTER_URI: 'http://hal:11311' }],
  ['empty name', { name: '   ' }],
  ['name not a string', { name: 7 }],
  ['uri without scheme', { name: 'a', ROS_MASTER_URI: 'hal:11311' }],
  ['https uri', { name: 'b', ROS_MASTER_URI: 'https://hal:11311' }],
  ['uri without port', { name: 'c', ROS_MASTER_URI: 'http://hal' }],
  ['uri as number', { name: 'd', ROS_MASTER_URI: 11311 }],
  ['hostname in ROS_IP', { name: 'e', ROS_IP: 'robot.local' }],
  ['port in ROS_HOSTNAME', { name: 'f', ROS_HOSTNAME: 'robot:11311' }],
  ['protocol in ROS_HOSTNAME', { name: 'g', ROS_HOSTNAME: 'http://robot' }],
  ['domain too high', { name: 'h', ROS_DOMAIN_ID: 233 }],
  ['domain negative', { name: 'i', ROS_DOMAIN_ID: -1 }],
  ['domain octal string', { name: 'j', ROS_DOMAIN_ID: '010' }],
  ['domain float', { name: 'k', ROS_DOMAIN_ID: 1.5 }],
  ['discovery range lowercase', { name: 'l', ROS_AUTOMATIC_DISCOVERY_RANGE: 'subnet' }],
  ['localhost only true', { name: 'm', ROS_LOCALHOST_ONLY: 'true' }],
  ['unknown key typo', { name: 'n', ROS_MASTER_URL: 'http://hal:11311' }],
  ['env not an object', { name: 'o', env: 'FOO=1' }],
  ['env bad key', { name: 'p', env: { 'MY-VAR': '1' } }],
  ['env value object', { name: 'q', env: { FOO: { a: 1 } } }],
  ['rosVersion 3', { name: 'r', rosVersion: 3 }],
  ['NUL in value', { name: 's', ROS_HOSTNAME: 'a\0b' }],
  ['ROS var inside env', { name: 't', env: { ROS_MASTER_URI: 'http://x:1' } }],
  ['rmw typo', { name: 'u', RMW_IMPLEMENTATION: 'cyclonedds' }],
  ['unset not array', { name: 'v', unset: 'ROS_IP' }],
  ['deeply nested garbage', { name: 'w', env: { A: [[[[]]]] } }],
];

for (const [label, item] of malformed) {
  test(`malformed profile is reported, not fatal: ${label}`, () => {
    const r = parseProfiles([item, good], 'workspace');
    assert.equal(r.profiles.length, 1, 'the valid profile stays usable');
    assert.equal(r.profiles[0]!.name, 'hal');
    assert.ok(r.problems.length >= 1);
    for (const p of r.problems) {
      assert.match(p.path, /^rosNetwork\.profiles\[0\]/);
      assert.ok(p.message.length > 3);
      assert.doesNotThrow(() => formatProblem(p));
    }
  });
}

const wholeValue: unknown[] = [{}, 'profiles', 12, true, { name: 'x' }];
for (const raw of wholeValue) {
  test(`a non-array setting value (${JSON.stringify(raw)}) is one problem`, () => {
    const r = parseProfiles(raw, 'user');
    assert.equal(r.profiles.length, 0);
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0]!.path, 'rosNetwork.profiles');
  });
}

test('unknown keys suggest the nearest known key', () => {
  const r = parseProfiles([{ name: 'n', ROS_DOMAINID: 3 }], 'user');
  assert.match(r.problems[0]!.message, /did you mean 'ROS_DOMAIN_ID'/);
});

test('hostile values (getters that throw, proxies) never throw', () => {
  const evil = Object.defineProperty({}, 'name', {
    get() {
      throw new Error('boom');
    },
    enumerable: true,
  });
  const proxy = new Proxy(
    {},
    {
      ownKeys() {
        throw new Error('nope');
      },
    },
  );
  assert.doesNotThrow(() => parseProfiles([evil, proxy, good], 'user'));
  assert.equal(parseProfiles([evil, proxy, good], 'user').profiles.length, 1);
});

test('duplicate names: the first wins, the second is a problem', () => {
  const r = parseProfiles([good, { ...good, ROS_IP: '10.0.0.3' }], 'user');
  assert.equal(r.profiles.length, 1);
  assert.equal(r.profiles[0]!.variables.get('ROS_IP'), '10.0.0.2');
  assert.match(r.problems[0]!.message, /duplicates/);
});

test('workspace profiles replace user profiles of the same name', () => {
  const user = parseProfiles([good, { name: 'sim', ROS_DOMAIN_ID: 1 }], 'user');
  const ws = parseProfiles([{ name: 'hal', ROS_MASTER_URI: 'http://hal2:11311' }], 'workspace');
  const m = mergeProfileScopes([user, ws]);
  assert.deepEqual(
    m.profiles.map((p) => `${p.name}:${p.origin}`),
    ['hal:workspace', 'sim:user'],
  );
});
