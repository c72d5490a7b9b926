import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isDisplaySafe, markdownCode, sanitizeForMarkdown, sanitizeForTerminal } from '../../../src/core/text/sanitize';

test('terminal escapes (OSC title, clear screen, CSI) are shown as escapes, not passed through', () => {
  assert.equal(sanitizeForTerminal('\x1b]0;pwned\x07'), '\\x1b]0;pwned\\x07');
  assert.equal(sanitizeForTerminal('a\x1b[2Jb'), 'a\\x1b[2Jb');
  assert.equal(sanitizeForTerminal('\u009b31m'), '\\x9b31m', 'C1 CSI acts as ESC [ in some terminals');
  assert.equal(sanitizeForTerminal('x\x7f'), 'x\\x7f');
});

test('line breaks of every kind are escaped so one field cannot forge a line of output', () => {
  assert.equal(sanitizeForTerminal('a\nb\rc\td'), 'a\\x0ab\\x0dc\\x09d');
  assert.equal(sanitizeForTerminal('a\u0085b\u2028c\u2029'), 'a\\x85b\\u2028c\\u2029');
});

test('bidi overrides and isolates are escaped; ordinary Unicode and astral characters are kept', () => {
  assert.equal(sanitizeForTerminal('abc\u202etxt.exe'), 'abc\\u202etxt.exe');
  assert.equal(sanitizeForTerminal('\u2066x\u2069\u200f\u061c'), '\\u2066x\\u2069\\u200f\\u061c');
  assert.equal(sanitizeForTerminal('Grüße 日本 🤖 ✓'), 'Grüße 日本 🤖 ✓');
});

test('lone surrogates are escaped, valid pairs kept', () => {
  assert.equal(sanitizeForTerminal('a\ud800b'), 'a\\ud800b');
  assert.equal(sanitizeForTerminal('\udc00'), '\\udc00');
  assert.equal(sanitizeForTerminal('x\ud83e'), 'x\\ud83e');
  assert.equal(sanitizeForTerminal('\ud83e\udd16'), '🤖');
});

test('every code unit 0..0xffff either passes unchanged or comes out as a printable escape', () => {
  for (let c = 0; c <= 0xffff; c++) {
    const out = sanitizeForTerminal(String.fromCharCode(c));
    assert.ok(isDisplaySafe(out), `U+${c.toString(16)}`);
    assert.doesNotMatch(out, /[\x00-\x1f\x7f-\x9f]/);
  }
});

test('Markdown: pipes, newlines, backticks and link brackets cannot break a table cell or make a link', () => {
  const cell = sanitizeForMarkdown('a|b\n| x | y |\n[click](http://evil)\x1b');
  assert.ok(!cell.includes('\n'));
  assert.ok(!/(^|[^\\])\|/.test(cell), cell);
  assert.equal(sanitizeForMarkdown('[x](y)'), '\\[x\\](y)');
  assert.equal(sanitizeForMarkdown('\x1b'), '\\\\x1b', 'the escape itself renders as typed');
  assert.equal(sanitizeForMarkdown('<img src=x>'), '\\<img src=x\\>');
});

test('Markdown code spans: the fence outgrows any backtick run in the value', () => {
  assert.equal(markdownCode('a`b'), '``a`b``');
  assert.equal(markdownCode('`x'), '`` `x ``');
  assert.equal(markdownCode('\x07'), '`\\x07`');
});
