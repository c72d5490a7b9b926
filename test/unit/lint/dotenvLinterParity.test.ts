// dotenv-linter's checks with its semantics (issue 12 §7), on cases of ours written after reading
// its check sources: the ones the parity run (scripts/dotenv-parity.ts) found missing or wrong.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText } from '../../../src/core/lint/lintEngine';
import type { LintContext } from '../../../src/core/lint/types';

const ctx: LintContext = { os: 'linux' };
/** `line Check: message` for each dotenv-linter finding. */
function checks(text: string, c: LintContext = ctx): string[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return lintText('/w/.env', text, c)
    .findings.filter((f) => f.code === 'FMT001')
    .map((f) => `${starts.filter((s) => s <= f.span.start).length} ${f.message}`);
}

test('QuoteCharacter: quotes no consumer needs', () => {
  assert.deepEqual(checks('ROS_DOMAIN_ID="42"\n'), [`1 QuoteCharacter: The value has quote characters (', ")`]);
  assert.deepEqual(checks("RMW_IMPLEMENTATION='rmw_cyclonedds_cpp'\n"), [`1 QuoteCharacter: The value has quote characters (', ")`]);
  // Needed: blanks, $, #, &, = (dotenv-linter) and ';' for a shell sourcing the file.
  for (const v of ['"a b"', '"$HOME/x"', '"a#b"', '"TLS&SSL"', '"k=v"', '"10.0.0.2;10.0.0.3"']) assert.deepEqual(checks(`X=${v}\n`), [], v);
});

test('UnorderedKey: off by default, dotenv-linter’s groups when turned on', () => {
  const text = 'ROS_MASTER_URI=http://hal:11311\nROS_IP=10.0.0.2\n\nB=1\nA=2\nC=$A\nAA=3\n';
  assert.deepEqual(checks(text), []);
  const on = { ...ctx, optIn: new Set(['UnorderedKey']) };
  // ROS_IP < ROS_MASTER_URI; a blank line starts a group; C=$A uses a key of its group and starts a new one.
  assert.deepEqual(checks(text, on), [
    '2 UnorderedKey: The ROS_IP key should go before the ROS_MASTER_URI key',
    '5 UnorderedKey: The A key should go before the B key',
  ]);
});

test('LeadingCharacter: the raw line must start with a letter or _, whatever else is wrong with the key', () => {
  assert.deepEqual(checks('.ROS_IP=10.0.0.2\n'), ['1 LeadingCharacter: Invalid leading character detected']);
  assert.deepEqual(checks('-ROS_IP=10.0.0.2\n'), ['1 LeadingCharacter: Invalid leading character detected']);
  assert.deepEqual(checks('  ROS_IP=10.0.0.2\n'), ['1 LeadingCharacter: Invalid leading character detected']);
  assert.deepEqual(checks('\tROS_IP=10.0.0.2\n'), ['1 LeadingCharacter: Invalid leading character detected']);
  assert.deepEqual(checks('export ROS_IP=10.0.0.2\n_X=1\n'), []);
  // Junk after the first character is a delimiter problem; a blank in the key too.
  assert.deepEqual(checks('*ROS-IP=1\n'), [
    '1 IncorrectDelimiter: The *ROS-IP key has incorrect delimiter',
    '1 LeadingCharacter: Invalid leading character detected',
  ]);
  assert.deepEqual(checks('ROS IP=10.0.0.2\n'), ['1 IncorrectDelimiter: The ROS IP key has incorrect delimiter']);
});

test('ExtraBlankLine: every blank after the first of a run, and a blank line before the end of the file', () => {
  assert.deepEqual(checks('A=1\n\n\n\nB=2\n'), [
    '3 ExtraBlankLine: Extra blank line detected',
    '4 ExtraBlankLine: Extra blank line detected',
  ]);
  assert.deepEqual(checks('A=1\nB=2\n\n'), ['4 ExtraBlankLine: Extra blank line detected']);
  assert.deepEqual(checks('A=1\n\n# c\n\nB=2\n'), []);
});

test('SubstitutionKey: a closing brace without an opening one; an escaped $ is no substitution', () => {
  assert.deepEqual(checks('ROS_MASTER_URI=http://$MASTER}:11311\n'), [
    '1 SubstitutionKey: The ROS_MASTER_URI key is not assigned properly',
  ]);
  assert.deepEqual(checks('A=\\${BAR\nB="\\$BAR}"\n'), []);
  assert.deepEqual(checks('A=${BAR}$XYZ\nB=$A{${BAR}\n'), []);
});
