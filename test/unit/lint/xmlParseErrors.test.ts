import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText } from '../../../src/core/lint/lintEngine';

const broken = '<launch>\n  <env name="ROS_MASTER_URI" value="http://hal:11311"\n  <node pkg="a" type="b" name="c">\n</launch>\n';

test('broken launch XML: one syntax finding at the first error, with a span inside the text', () => {
  const f = lintText('/w/launch/broken.launch', broken, { os: 'linux' }).findings.filter((x) => x.message.startsWith('XML:'));
  assert.equal(f.length, 1);
  assert.equal(f[0]!.code, 'FMT005');
  assert.equal(broken.slice(f[0]!.span.start, f[0]!.span.end), '<');
});

test('XML cut off at the end: the span stays finite and within the text', () => {
  const text = '<launch>\n  <node pkg="a"';
  for (const f of lintText('/w/x.launch.xml', text, { os: 'linux' }).findings) {
    assert.ok(Number.isFinite(f.span.start) && Number.isFinite(f.span.end), JSON.stringify(f.span));
    assert.ok(f.span.start <= f.span.end && f.span.end <= text.length, JSON.stringify(f.span));
  }
});

test('a child left open: the finding names it and lands on the close tag that does not match', () => {
  const text = '<launch>\n  <group ns="a">\n    <node pkg="p" type="t"/>\n</launch>\n';
  const f = lintText('/w/a.launch', text, { os: 'linux' }).findings.filter((x) => x.message.startsWith('XML:'));
  assert.equal(f.length, 1, JSON.stringify(f));
  assert.match(f[0]!.message, /<group>/);
  assert.equal(text.slice(f[0]!.span.start, f[0]!.span.end), 'launch');
});

test('an element left open at the end of the file: the finding lands on its name', () => {
  const text = '<launch>\n  <group ns="a">\n    <node pkg="p" type="t"/>\n';
  const f = lintText('/w/a.launch', text, { os: 'linux' }).findings.filter((x) => x.message.startsWith('XML:'));
  assert.equal(f.length, 1, JSON.stringify(f));
  assert.equal(text.slice(f[0]!.span.start, f[0]!.span.end), 'group');
});

test('well-formedness errors roslaunch rejects are reported: unmatched close tag, duplicate attribute, text after the root, undefined entity', () => {
  for (const text of [
    '<launch>\n  <group>\n  </grp>\n</launch>\n',
    '<launch>\n  <env name="A" name="B" value="1"/>\n</launch>\n',
    '<launch/>\ntrailing\n',
    '<launch>\n  <env name="A" value="&nbsp;"/>\n</launch>\n',
  ]) {
    const f = lintText('/w/a.launch', text, { os: 'linux' }).findings.filter((x) => x.message.startsWith('XML:'));
    assert.equal(f.length, 1, `${JSON.stringify(text)}: ${JSON.stringify(f)}`);
    assert.ok(f[0]!.span.start < f[0]!.span.end && f[0]!.span.end <= text.length, JSON.stringify(f[0]!.span));
  }
});

test('attribute spans are exact with single quotes, spaces around =, entities and CRLF', () => {
  const text = "<launch>\r\n  <env name = 'ROS_IP'\r\n       value='hal&amp;x'/>\r\n</launch>\r\n";
  const r = lintText('/w/a.launch', text, { os: 'linux' }).findings;
  assert.deepEqual(
    r.map((x) => x.code),
    ['HOST001'],
  );
  assert.equal(text.slice(r[0]!.span.start, r[0]!.span.end), 'hal&amp;x');
  assert.equal(r[0]!.fixes?.[0]?.edits.map((e) => text.slice(e.span.start, e.span.end)).join(), 'ROS_IP');
});

test('ROS 2 <env> outside a node: the rename fix edits the open and the close tag name', () => {
  const text = '<launch>\n  <env name="A" value="b"></env >\n</launch>\n';
  const f = lintText('/w/sim.launch.xml', text, { os: 'linux' }).findings.find((x) => x.code === 'FMT005');
  const edits = [...(f?.fixes?.[0]?.edits ?? [])].sort((a, b) => b.span.start - a.span.start);
  const fixed = edits.reduce((t, e) => t.slice(0, e.span.start) + e.newText + t.slice(e.span.end), text);
  assert.equal(fixed, '<launch>\n  <set_env name="A" value="b"></set_env >\n</launch>\n');
});

test('entities declared in the internal DTD are not syntax errors (roslaunch expands them)', () => {
  const text =
    '<?xml version="1.0"?>\n<!DOCTYPE launch [<!ENTITY master "http://hal:11311">]>\n<launch><env name="ROS_MASTER_URI" value="&master;"/></launch>\n';
  assert.deepEqual(
    lintText('/w/a.launch', text, { os: 'linux' }).findings.filter((x) => x.message.startsWith('XML:')),
    [],
  );
  const undeclared = '<launch><env name="ROS_MASTER_URI" value="&master;"/></launch>\n';
  const f = lintText('/w/a.launch', undeclared, { os: 'linux' }).findings.filter((x) => x.message.startsWith('XML:'));
  assert.equal(f.length, 1);
  assert.equal(undeclared.slice(f[0]!.span.start, f[0]!.span.end), '&master;');
});
