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
