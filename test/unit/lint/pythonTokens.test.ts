// The Python tokenizer: the string, number and operator forms launch files use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenizePython } from '../../../src/core/lint/sources/pythonTokens';
import { launchPySource } from '../../../src/core/lint/sources/launchPySource';

const kinds = (src: string) => tokenizePython(src).map((t) => `${t.kind}:${t.text}`);

test('string prefixes, triple quotes, raw backslashes and unterminated strings', () => {
  // A raw string ends at its first quote (backslashes are text); other strings skip escaped quotes.
  assert.deepEqual(kinds(`rb'a\\' 'b\\'c' f"""x\n"y""" bar'q'`), [
    "string:rb'a\\'",
    "string:'b\\'c'",
    'string:f"""x\n"y"""',
    'name:bar',
    "string:'q'",
  ]);
  assert.deepEqual(kinds(`'open\nx`), ["string:'open", 'newline:\n', 'name:x']);
  assert.deepEqual(kinds(`u"""never closed\n`), ['string:u"""never closed\n']);
});

test('two-character operators, numbers, comments; a backslash is skipped (its newline stays a token)', () => {
  assert.deepEqual(kinds('a**=.5 # c\nb->1.e3 \\\n:=x'), [
    'name:a',
    'op:**',
    'op:=',
    'number:.5',
    'newline:\n',
    'name:b',
    'op:->',
    'number:1.e3',
    'newline:\n',
    'op::=',
    'name:x',
  ]);
});

test('a launch file whose Node call spans lines: the env dictionary is read across the lines', () => {
  const src = "Node(\n    package='demo',\n    additional_env={'ROS_DOMAIN_ID': '7',\n                    'RMW_IMPLEMENTATION': 5},\n)\n";
  const m = launchPySource(src);
  assert.deepEqual(
    m.assignments.map((a) => [a.name, a.value, src.slice(a.valueSpan.start, a.valueSpan.end)]),
    [
      ['ROS_DOMAIN_ID', '7', '7'],
      ['RMW_IMPLEMENTATION', '5', '5'],
    ],
  );
  assert.equal(m.findings[0]!.code, 'FMT005');
});
