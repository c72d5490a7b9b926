import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { profileFields, DISCOVERY_RANGES } from '../../src/core/profiles/profileSchema';
import { parseProfiles } from '../../src/core/profiles/parseProfiles';
import { Commands } from '../../src/ids';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const profileItem = pkg.contributes.configuration.properties['rosNetwork.profiles'].items;

test('manifest profile schema lists exactly the zod fields', () => {
  assert.deepEqual(Object.keys(profileItem.properties).sort(), Object.keys(profileFields()).sort());
  assert.equal(profileItem.additionalProperties, false);
  assert.deepEqual(profileItem.required, ['name']);
  for (const [k, v] of Object.entries<{ markdownDescription?: string }>(profileItem.properties))
    assert.ok(v.markdownDescription, `${k} has a markdownDescription`);
});

test('manifest enums agree with zod', () => {
  assert.deepEqual(profileItem.properties.ROS_AUTOMATIC_DISCOVERY_RANGE.enum, [...DISCOVERY_RANGES]);
  for (const v of profileItem.properties.ROS_LOCALHOST_ONLY.enum)
    assert.equal(parseProfiles([{ name: 'x', ROS_LOCALHOST_ONLY: v }], 'user').problems.length, 0);
  for (const v of profileItem.properties.ROS_SUPER_CLIENT.enum)
    assert.equal(parseProfiles([{ name: 'x', ROS_SUPER_CLIENT: v }], 'user').problems.length, 0);
  for (const snippet of profileItem.defaultSnippets) {
    const body = JSON.parse(JSON.stringify(snippet.body).replace(/\$\{\d+:([^}]*)\}/g, '$1'));
    assert.deepEqual(parseProfiles([body], 'user').problems, [], snippet.label);
  }
});

test('the sample workspace profiles are valid', () => {
  const text = readFileSync(join(root, 'test/fixtures/workspace/.vscode/settings.json'), 'utf8').replace(/^\s*\/\/.*$/gm, '');
  const r = parseProfiles(JSON.parse(text)['rosNetwork.profiles'], 'workspace');
  assert.deepEqual(r.problems, []);
  assert.equal(r.profiles.length, 3);
});

test('every command id in src/ids.ts is contributed with the ROS Network category, and vice versa', () => {
  const contributed: Map<string, { category?: string }> = new Map(pkg.contributes.commands.map((c: { command: string }) => [c.command, c]));
  for (const id of Object.values(Commands)) {
    assert.ok(contributed.has(id), `${id} is in package.json`);
  }
  for (const [id, c] of contributed) assert.equal(c.category, 'ROS Network', `${id} has the category`);
});

test('every contributed command is registered somewhere in src (registerCommand with its id constant or literal)', () => {
  const src: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith('.ts')) src.push(readFileSync(join(d, e.name), 'utf8'));
    }
  };
  walk(join(root, 'src'));
  const all = src.join('\n');
  const constName = new Map<string, string>(Object.entries(Commands).map(([k, v]) => [v, k]));
  for (const c of pkg.contributes.commands as Array<{ command: string }>) {
    const k = constName.get(c.command);
    const registered = all.includes(`'${c.command}'`) || (k !== undefined && new RegExp(`Commands\\.${k}\\b`).test(all));
    assert.ok(registered, `${c.command} is registered`);
  }
});

test('nothing under src/core imports vscode', () => {
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(d, e.name)) : e.name.endsWith('.ts') ? [join(d, e.name)] : [],
    );
  for (const f of [...walk(join(root, 'src/core')), ...walk(join(root, 'src/cli'))]) {
    assert.doesNotMatch(readFileSync(f, 'utf8'), /from ['"]vscode['"]|require\(['"]vscode['"]\)/, f);
  }
});
