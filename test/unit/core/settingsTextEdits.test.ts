// Profile edits on the text of settings files: every byte outside the edited element must survive
// (issue 14 §2: Duplicate Profile… deleted a `// keep 42` comment inside the array).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'jsonc-parser';
import {
  addProfileEdits,
  applySettingsEdits,
  profilesInText,
  removeProfileEdits,
  setProfileFieldsEdits,
} from '../../../src/core/profiles/settingsTextEdits';

const dir = join(__dirname, '..', '..', 'fixtures', 'settings-edit');
const team = readFileSync(join(dir, 'team-settings.jsonc'), 'utf8');
const user = readFileSync(join(dir, 'user-settings.json'), 'utf8');
const none = readFileSync(join(dir, 'no-profiles.json'), 'utf8');
const P = ['rosNetwork.profiles'];

function apply(text: string, edits: ReturnType<typeof addProfileEdits>): string {
  assert.ok(edits, 'the file is editable as text');
  return applySettingsEdits(text, edits);
}

/** The result equals the original with exactly `removed` taken out at `at` and `inserted` put in. */
function onlyChanged(before: string, after: string, at: string, removed: string, inserted: string): void {
  const i = before.indexOf(at);
  assert.ok(i >= 0, `anchor ${JSON.stringify(at)} is in the original`);
  assert.equal(after, before.slice(0, i) + inserted + before.slice(i + removed.length));
}

test('duplicate (append) keeps the comments, tabs and odd spacing of the other entries byte for byte', () => {
  const copy = { name: 'lab copy', ROS_MASTER_URI: 'http://hal:11311', ROS_HOSTNAME: 'marvin.local' };
  const out = apply(team, addProfileEdits(team, P, copy));
  const anchor = '\n\t\t}\n\t],';
  onlyChanged(
    team,
    out,
    anchor,
    '\n\t\t}',
    '\n\t\t},\n\t\t{\n\t\t\t"name": "lab copy",\n\t\t\t"ROS_MASTER_URI": "http://hal:11311",\n\t\t\t"ROS_HOSTNAME": "marvin.local"\n\t\t}',
  );
  assert.match(out, /\/\/ keep 42: the sim team uses it/);
  assert.deepEqual(
    profilesInText(out, P)!.map((p) => (p as { name: string }).name),
    ['sim', 'lab', 'robot', 'lab copy'],
  );
});

test('append after a one-line last entry with a trailing comment: that entry and its comment stay byte for byte', () => {
  const text =
    '{\n  "rosNetwork.profiles": [\n    {"name":"old","ROS_MASTER_URI":"http://127.0.0.1:9"}   // compact on purpose\n    // the end\n  ]\n}\n';
  const out = apply(text, addProfileEdits(text, P, { name: 'sim copy', ROS_DOMAIN_ID: 42 }));
  assert.equal(
    out,
    '{\n  "rosNetwork.profiles": [\n    {"name":"old","ROS_MASTER_URI":"http://127.0.0.1:9"},   // compact on purpose\n    {\n      "name": "sim copy",\n      "ROS_DOMAIN_ID": 42\n    }\n    // the end\n  ]\n}\n',
  );
  // A trailing comma already there is reused; an entry that shares its line with "]" gets the new one inline.
  const trailing = '{ "rosNetwork.profiles": [\n  { "name": "a" }, // first\n] }';
  assert.equal(
    apply(trailing, addProfileEdits(trailing, P, { name: 'b' })),
    '{ "rosNetwork.profiles": [\n  { "name": "a" }, // first\n  {\n    "name": "b"\n  }\n] }',
  );
  const inline = '{ "rosNetwork.profiles": [{ "name": "a" }] }';
  assert.equal(apply(inline, addProfileEdits(inline, P, { name: 'b' })), '{ "rosNetwork.profiles": [{ "name": "a" }, {"name":"b"}] }');
});

test('create/import into a file without the setting adds the key and nothing else changes', () => {
  const out = apply(none, addProfileEdits(none, P, { name: 'local', ROS_MASTER_URI: 'http://127.0.0.1:11311' }));
  assert.ok(out.startsWith('{\n  // nothing about ROS yet\n  "editor.tabSize": 2'), out);
  assert.deepEqual(parse(out), {
    'editor.tabSize': 2,
    'rosNetwork.profiles': [{ name: 'local', ROS_MASTER_URI: 'http://127.0.0.1:11311' }],
  });
});

test('create in user settings uses its 4-space indentation and keeps the comment above the array', () => {
  const out = apply(user, addProfileEdits(user, P, { name: 'sim', ROS_DOMAIN_ID: 7 }));
  onlyChanged(
    user,
    out,
    '\n        }\n    ]',
    '\n        }',
    '\n        },\n        {\n            "name": "sim",\n            "ROS_DOMAIN_ID": 7\n        }',
  );
});

test('delete a middle entry: only its lines go; the comment above the next entry stays', () => {
  const out = apply(team, removeProfileEdits(team, P, 'lab'));
  const entry = '\t\t{\n\t\t\t"name": "lab",\n\t\t\t"ROS_MASTER_URI": "http://hal:11311",   "ROS_HOSTNAME": "marvin.local"\n\t\t},\n';
  onlyChanged(team, out, entry, entry, '');
  assert.deepEqual(
    profilesInText(out, P)!.map((p) => (p as { name: string }).name),
    ['sim', 'robot'],
  );
});

test('delete the first entry keeps the "keep 42" comment and its neighbour untouched', () => {
  const out = apply(team, removeProfileEdits(team, P, 'sim'));
  const line = '\t\t{ "name": "sim", "ROS_DOMAIN_ID": 42 }, // the simulator\n';
  onlyChanged(team, out, line, line, '');
  assert.match(out, /\/\/ keep 42: the sim team uses it\n\t\t\{\n\t\t\t"name": "lab"/);
});

test('delete the last entry removes the comma before it, not the comment between', () => {
  const out = apply(team, removeProfileEdits(team, P, 'robot'));
  const from = '},\n\n\t\t/* the robot itself */\n\t\t{\n\t\t\t"name": "robot",\n\t\t\t"ROS_MASTER_URI": "http://localhost:11311"\n\t\t}\n';
  onlyChanged(team, out, from, from, '}\n\n\t\t/* the robot itself */\n');
  assert.ok(profilesInText(out, P), 'still valid JSONC');
});

test('delete the only entry leaves an empty array and the comment above it', () => {
  const out = apply(user, removeProfileEdits(user, P, 'home'));
  assert.equal(
    out,
    '{\n    "workbench.colorTheme": "Default Dark Modern",\n    // my ROS machines\n    "rosNetwork.profiles": [\n    ]\n}\n',
  );
});

test('"Use … as ROS_IP": replaces ROS_HOSTNAME by ROS_IP inside the entry only, keeping its spacing', () => {
  const out = apply(team, setProfileFieldsEdits(team, P, 'lab', { ROS_IP: '10.0.0.2', ROS_HOSTNAME: undefined }));
  onlyChanged(
    team,
    out,
    '"ROS_MASTER_URI": "http://hal:11311",   "ROS_HOSTNAME": "marvin.local"',
    '"ROS_MASTER_URI": "http://hal:11311",   "ROS_HOSTNAME": "marvin.local"',
    '"ROS_MASTER_URI": "http://hal:11311",   "ROS_IP": "10.0.0.2"',
  );
});

test('"Use … as ROS_IP" on an entry that has ROS_IP replaces the value in place', () => {
  const out = apply(user, setProfileFieldsEdits(user, P, 'home', { ROS_IP: '127.0.0.1', ROS_HOSTNAME: undefined }));
  onlyChanged(user, out, '"192.168.1.20"', '"192.168.1.20"', '"127.0.0.1"');
});

test('a one-line entry gets the new field on the same line', () => {
  const out = apply(team, setProfileFieldsEdits(team, P, 'sim', { RMW_IMPLEMENTATION: 'rmw_cyclonedds_cpp' }));
  onlyChanged(
    team,
    out,
    '"ROS_DOMAIN_ID": 42 }',
    '"ROS_DOMAIN_ID": 42 }',
    '"ROS_DOMAIN_ID": 42, "RMW_IMPLEMENTATION": "rmw_cyclonedds_cpp" }',
  );
});

test('not editable as text: unparsable file, setting not an array, unknown profile', () => {
  assert.equal(addProfileEdits('{ "a": ', P, { name: 'x' }), undefined);
  assert.equal(addProfileEdits('{ "rosNetwork.profiles": {} }', P, { name: 'x' }), undefined);
  assert.equal(removeProfileEdits(team, P, 'nope'), undefined);
  assert.equal(setProfileFieldsEdits(team, P, 'nope', { ROS_IP: '1.2.3.4' }), undefined);
});

test('a .code-workspace file: the array under "settings"', () => {
  const ws = '{\n\t"folders": [{ "path": "a" }],\n\t"settings": {\n\t\t// team\n\t\t"rosNetwork.profiles": []\n\t}\n}\n';
  const out = apply(ws, addProfileEdits(ws, ['settings', ...P], { name: 'x' }));
  assert.deepEqual(profilesInText(out, ['settings', ...P]), [{ name: 'x' }]);
  assert.ok(out.startsWith('{\n\t"folders": [{ "path": "a" }],\n\t"settings": {\n\t\t// team\n'), out);
});
