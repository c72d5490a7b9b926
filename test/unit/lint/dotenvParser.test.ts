// The dotenv parser is one pass over char codes; these pin the edge cases the old per-line
// slice/trim/regex version decided (CRLF, Unicode blanks, inline comments, escapes across lines).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDotenv } from '../../../src/core/dotenv/dotenvParser';
import { lintText } from '../../../src/core/lint/lintEngine';

test('CRLF lines: values, spans and inline comments stop before the \\r', () => {
  const text = 'A=1\r\nB="two"  # note\r\nC=three\t#c\r\n';
  const [a, b, c] = parseDotenv(text).entries;
  assert.equal(a!.value, '1');
  assert.deepEqual(a!.valueSpan, { start: 2, end: 3 });
  assert.equal(b!.value, 'two');
  assert.equal(b!.rawValue, '"two"');
  assert.equal(text.slice(b!.inlineComment!.start, b!.inlineComment!.end), '# note');
  assert.equal(c!.value, 'three');
  assert.equal(text.slice(c!.inlineComment!.start, c!.inlineComment!.end), '#c');
  assert.deepEqual(parseDotenv(text).errors, []);
});

test('a line of Unicode blanks (NBSP, BOM) is blank, and one starting with NBSP then # is a comment', () => {
  const p = parseDotenv('\u00a0\ufeff \n\u00a0# c\nA=1\n');
  assert.deepEqual(
    p.lines.map((l) => l.kind),
    ['blank', 'comment', 'entry'],
  );
});

test('double-quoted escapes are decoded, also in a value that spans lines; single quotes keep backslashes', () => {
  const p = parseDotenv('A="x\\ty\\"z\nw\\$"\nB=\'a\\\'b\'\n');
  assert.equal(p.entries[0]!.value, 'x\ty"z\nw$');
  assert.deepEqual(p.entries[0]!.lineSpan, { start: 0, end: 15 });
  assert.equal(p.entries[1]!.key, 'B');
  assert.equal(p.entries[1]!.value, 'a\\');
  assert.equal(p.errors[0]!.message, 'unexpected text after the closing quote');
});

test('unterminated quote takes the rest of its line only (without the \\r)', () => {
  const p = parseDotenv('A="open\r\nB=2\n');
  assert.equal(p.entries[0]!.value, 'open');
  assert.equal(p.entries[0]!.unterminated, true);
  assert.deepEqual(p.errors[0]!.span, { start: 2, end: 7 });
  assert.equal(p.entries[1]!.value, '2');
});

test('`export` alone is a bare key; `export  K=v` is exported; `KEY:x=1` keeps the colon in the key', () => {
  const p = parseDotenv('export\nexport  K=v\nKEY:x=1\nC: v\n');
  assert.deepEqual(
    p.entries.map((e) => [e.key, e.exported, e.delimiter, e.value]),
    [
      ['export', false, undefined, ''],
      ['K', true, '=', 'v'],
      ['KEY:x', false, '=', '1'],
      ['C', false, ':', 'v'],
    ],
  );
});

test("the unquoted-'#' fix quotes with \" when the value has a ' (single quotes would end early)", () => {
  const text = "A=it's#here\n";
  const fix = lintText('/w/.env', text, { os: 'linux' }).findings.find((f) => f.code === 'FMT004')!.fixes![0]!;
  assert.equal(fix.edits[0]!.newText, '"it\'s#here"');
  assert.equal(parseDotenv(`A=${fix.edits[0]!.newText}\n`).entries[0]!.value, "it's#here");
});
