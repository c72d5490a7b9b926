import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { MAX_TIMER_MS, SETTING_SPECS } from '../../src/core/settings/settingsSpec';
import { join } from 'node:path';
import { profileFields, DISCOVERY_RANGES } from '../../src/core/profiles/profileSchema';
import { parseProfiles } from '../../src/core/profiles/parseProfiles';
import { Commands, ContextKeys, WALKTHROUGH_ID } from '../../src/ids';

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

test('the Commands table and the contributed commands are the same set, each with the ROS Network category', () => {
  const contributed = (pkg.contributes.commands as Array<{ command: string; category?: string }>).map((c) => c.command).sort();
  assert.deepEqual(contributed, Object.values(Commands).sort());
  for (const c of pkg.contributes.commands as Array<{ command: string; category?: string }>)
    assert.equal(c.category, 'ROS Network', `${c.command} has the category`);
  const ids = new Set<string>(Object.values(Commands));
  for (const menu of Object.values<Array<{ command: string }>>(pkg.contributes.menus))
    for (const item of menu) assert.ok(ids.has(item.command), `menu item ${item.command} is in the Commands table`);
});

test('every rosNetwork.* setting but the profiles has one spec whose default is the manifest default', () => {
  const props = pkg.contributes.configuration.properties as Record<string, { default?: unknown }>;
  const manifest = Object.keys(props)
    .filter((k) => k !== 'rosNetwork.profiles')
    .map((k) => k.slice('rosNetwork.'.length))
    .sort();
  assert.deepEqual(manifest, Object.keys(SETTING_SPECS).sort());
  for (const [key, spec] of Object.entries(SETTING_SPECS)) assert.deepEqual(spec.default, props[`rosNetwork.${key}`]!.default, key);
});

test('setting specs clamp what Node timers cannot take and read wrong types as the default', () => {
  assert.equal(SETTING_SPECS['status.timeoutMs'].read(3_000_000_000), MAX_TIMER_MS);
  assert.equal(SETTING_SPECS['status.timeoutMs'].read(5), 100);
  assert.equal(SETTING_SPECS['status.timeoutMs'].read('2000'), 2000);
  assert.equal(SETTING_SPECS['status.intervalSeconds'].read(Infinity), 3);
  assert.ok(SETTING_SPECS['status.intervalSeconds'].read(1e12) * 1000 <= MAX_TIMER_MS);
  assert.equal(SETTING_SPECS['terminal.enabled'].read('false'), true);
  assert.deepEqual(SETTING_SPECS['lint.exclude'].read(['a', 3, ' ']), ['a']);
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

interface WalkthroughStep {
  id: string;
  description: string;
  media: { image?: string; altText?: string; markdown?: string };
  completionEvents?: string[];
}

test('the getting-started walkthrough: create/import, switch, terminal, status, lint, doctor, each completing on a real event', () => {
  const walkthroughs = pkg.contributes.walkthroughs as Array<{ id: string; steps: WalkthroughStep[] }>;
  assert.deepEqual(
    walkthroughs.map((w) => w.id),
    [WALKTHROUGH_ID],
  );
  const steps = walkthroughs[0]!.steps;
  assert.deepEqual(
    steps.map((s) => s.id),
    ['profile', 'switch', 'terminal', 'status', 'lint', 'doctor'],
  );
  const keys = new Set<string>(Object.values(ContextKeys));
  const commands = new Set<string>(Object.values(Commands));
  // VS Code's own commands a step may link to.
  const builtin = new Set(['workbench.action.terminal.new']);
  for (const s of steps) {
    // onLink / onStepSelected / onView would tick a step without the thing having happened.
    assert.ok(s.completionEvents?.length, `${s.id} has completion events`);
    for (const e of s.completionEvents!) {
      const m = /^onContext:([\w.]+)$/.exec(e);
      assert.ok(m, `${s.id}: ${e} is an onContext event`);
      assert.ok(keys.has(m[1]!), `${s.id}: ${m[1]} is a context key the extension sets`);
    }
    const links = [...s.description.matchAll(/\]\(command:([\w.]+)\)/g)].map((m) => m[1]!);
    assert.ok(links.length, `${s.id} links a command`);
    for (const c of links) assert.ok(commands.has(c) || builtin.has(c), `${s.id}: ${c} is contributed`);
    const media = s.media.image ?? s.media.markdown;
    assert.ok(media && existsSync(join(root, media)), `${s.id}: ${media} exists`);
    if (s.media.image) assert.ok(s.media.altText, `${s.id} has alt text`);
  }
  // Each walkthrough key is set by the walkthrough adapter, the others by the composition root.
  const progress = readFileSync(join(root, 'src/vscode/walkthrough/walkthroughProgress.ts'), 'utf8');
  for (const k of ['terminalWithProfile', 'statusChecked', 'fileLinted', 'doctorRan'])
    assert.match(progress, new RegExp(`this\\.mark\\('${k}'\\)`));
  const root_ = readFileSync(join(root, 'src/bundles/extension.ts'), 'utf8');
  assert.match(root_, /setContext', ContextKeys\.hasActiveProfile/);
  assert.match(root_, /setContext', ContextKeys\.hasProfiles/);
});

test('the VSIX ships the README images (relative paths, not rewritten) and the walkthrough media, no source maps, no sources', () => {
  const listed = execFileSync(process.execPath, [join(root, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\n')
    .filter(Boolean);
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]!);
  assert.ok(images.length >= 5, 'the README shows screenshots');
  for (const img of images) {
    assert.match(img, /^media\/screenshots\/[\w-]+\.png$/, `${img} is a relative path in the repository`);
    assert.ok(existsSync(join(root, img)), `${img} exists`);
    assert.ok(listed.includes(img), `${img} is in the VSIX`);
  }
  for (const s of (pkg.contributes.walkthroughs[0].steps as WalkthroughStep[]).map((x) => x.media.image ?? x.media.markdown!))
    assert.ok(listed.includes(s), `${s} is in the VSIX`);
  assert.deepEqual(
    listed.filter((f) => f.endsWith('.map') || /^(src|test|scripts|bench|node_modules)\//.test(f)),
    [],
  );
  // Without this, vsce rewrites relative links to a repository URL (which does not exist).
  assert.match(pkg.scripts.package, /--no-rewrite-relative-links/);
});
