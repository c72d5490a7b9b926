import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyRuleSettings, optInChecks, parseRuleSettings } from '../../../../src/core/lint/settings/ruleSettings';
import type { Finding } from '../../../../src/core/lint/types';

const f = (code: string): Finding => ({ code, severity: 'warning', message: code, span: { start: 0, end: 1 } });

test('rules set to off are dropped, others get the configured severity, unknown codes stay as they are', () => {
  const { rules, problems } = parseRuleSettings({ HOST005: 'off', dom003: 'Error', PREC001: 'info' });
  assert.deepEqual(problems, []);
  const out = applyRuleSettings([f('HOST005'), f('DOM003'), f('PREC001'), f('URI001')], rules);
  assert.deepEqual(
    out.map((x) => `${x.code}:${x.severity}`),
    ['DOM003:error', 'PREC001:info', 'URI001:warning'],
  );
});

test('invalid entries are reported and ignored; a non-object setting is a problem', () => {
  const r = parseRuleSettings({ HOST005: 'loud', URI001: 3 });
  assert.equal(r.rules.size, 0);
  assert.equal(r.problems.length, 2);
  assert.equal(parseRuleSettings(['HOST005']).problems.length, 1);
  assert.equal(parseRuleSettings(undefined).rules.size, 0);
});

test('a dotenv-linter check of FMT001 is set on its own; UnorderedKey is off unless a setting turns it on', () => {
  const dl = (check: string): Finding => ({ code: 'FMT001', severity: 'info', message: `${check}: x`, span: { start: 0, end: 1 } });
  const { rules } = parseRuleSettings({ 'FMT001/QuoteCharacter': 'off', FMT001: 'warning' });
  assert.deepEqual(
    applyRuleSettings([dl('QuoteCharacter'), dl('ExtraBlankLine')], rules).map((x) => `${x.message}:${x.severity}`),
    ['ExtraBlankLine: x:warning'],
  );
  assert.deepEqual([...optInChecks(rules)], []);
  assert.deepEqual([...optInChecks(parseRuleSettings({ 'FMT001/UnorderedKey': 'info' }).rules)], ['UnorderedKey']);
  assert.deepEqual([...optInChecks(parseRuleSettings({ 'FMT001/UnorderedKey': 'off' }).rules)], []);
});
