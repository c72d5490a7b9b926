// The lint report formatters: 1-based positions (CRLF, astral characters, BOM-free text), the JSON
// shape, the text format, and SARIF that validates against the official 2.1.0 schema.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText } from '../../../src/core/lint/lintEngine';
import { formatJson } from '../../../src/core/lint/report/json';
import { formatText } from '../../../src/core/lint/report/text';
import { formatSarif } from '../../../src/core/lint/report/sarif';
import { locateFindings, type FileLintReport } from '../../../src/core/lint/report/locate';
import { RULE_CATALOG, ruleInfo } from '../../../src/core/lint/ruleCatalog';
import { sarifSchemaErrors } from '../../helpers/sarifSchema';
import type { LintContext } from '../../../src/core/lint/types';

const ctx: LintContext = { os: 'linux' };
const report = (file: string, text: string, c: LintContext = ctx): FileLintReport => ({
  file,
  text,
  findings: lintText(file, text, c).findings,
});
const sarifOpts = { version: '1.2.3', informationUri: 'https://github.com/ros-network/ros-network', srcRoot: 'file:///work/ws/' };

test('positions are 1-based; CRLF lines end at \\r\\n; columns count UTF-16 units like VS Code', () => {
  // '😀' is one astral character = 2 UTF-16 code units, so the value starts at column 3+'# 😀 x'.
  const text = '# 😀 x\r\nROS_MASTER_URI=hal:11311\r\nROS_DOMAIN_ID=010\r\n';
  const located = locateFindings([report('a/.env', text)]);
  const uri = located.find((f) => f.code === 'URI001')!;
  assert.deepEqual([uri.line, uri.column, uri.endLine, uri.endColumn], [2, 16, 2, 25]);
  const dom = located.find((f) => f.code === 'DOM001')!;
  assert.deepEqual([dom.line, dom.column, dom.endLine, dom.endColumn], [3, 15, 3, 18]);
  // An astral character before the value on the same line shifts the column by 2.
  const astral = locateFindings([report('.env', 'A="😀"\nROS_IP="😀 robot.local"\n')]).find((f) => f.code === 'HOST001')!;
  assert.deepEqual([astral.line, astral.column, astral.endColumn], [2, 9, 9 + '😀 robot.local'.length]);
  assert.equal('😀 robot.local'.length, 14);
});

test('positions agree between LF and CRLF versions of the same file', () => {
  const lf = 'ROS_MASTER_URI=http://hal\nROS_IP=hal.local\nROS_DOMAIN_ID=0x10\n';
  const pick = (t: string) => locateFindings([report('.env', t)]).map((f) => [f.code, f.line, f.column, f.endLine, f.endColumn]);
  assert.deepEqual(pick(lf.replace(/\n/g, '\r\n')), pick(lf));
});

test('formatJson: exactly the documented keys, severities and 1-based numbers, in file then position order', () => {
  const rows = JSON.parse(
    formatJson([report('b.env', 'ROS_IP=robot.local\n'), report('a/.env', 'ROS_DOMAIN_ID=150\nROS_MASTER_URI=https://h:1\n')]),
  );
  assert.ok(Array.isArray(rows));
  for (const r of rows) {
    assert.deepEqual(Object.keys(r), ['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'code', 'message']);
    assert.ok(['error', 'warning', 'info'].includes(r.severity));
    assert.ok(r.line >= 1 && r.column >= 1);
  }
  assert.deepEqual(
    rows.map((r: { file: string; code: string; line: number }) => `${r.file}:${r.line}:${r.code}`),
    ['b.env:1:HOST001', 'a/.env:1:DOM003', 'a/.env:2:URI001'],
  );
  assert.equal(formatJson([]), '[]\n');
});

test('formatText: file:line:col: severity CODE message, then a summary line', () => {
  const out = formatText([report('.env', 'ROS_IP=robot.local\nROS_LOCALHOST_ONLY=true\n'), report('ok.env', 'ROS_DOMAIN_ID=7\n')]);
  const lines = out.trimEnd().split('\n');
  assert.match(lines[0]!, /^\.env:1:8: error HOST001 ROS_IP must be a literal IP address/);
  assert.match(lines[1]!, /^\.env:2:20: warning DISC001 /);
  assert.equal(lines[2], '2 problems (1 error, 1 warning, 0 info) in 1 file of 2 files checked.');
  assert.equal(formatText([report('ok.env', 'ROS_DOMAIN_ID=7\n')]), 'No problems in 1 file.\n');
});

test('formatSarif: schema-valid SARIF 2.1.0 with rules, relative URIs, levels and fixes', () => {
  const reports = [
    report('launch/my robot.launch', '<launch>\n  <env name="ROS_MASTER_URI" value="http://localhost"/>\n</launch>\n'),
    report('.env', 'ROS_MASTER_URI=hal:11311\r\nROS_LOCALHOST_ONLY=true\r\nROS_DOMAIN_ID=7\r\n'),
    report('compose.yaml', 'services:\n  a:\n    environment:\n      - ROS_IP\n'),
  ];
  const log = JSON.parse(formatSarif(reports, sarifOpts));
  assert.deepEqual(sarifSchemaErrors(log), []);
  assert.equal(log.version, '2.1.0');
  assert.match(log.$schema, /sarif-2\.1\.0/);
  assert.equal(log.runs.length, 1);
  const run = log.runs[0];
  assert.equal(run.tool.driver.name, 'rosnet');
  assert.equal(run.tool.driver.version, '1.2.3');
  assert.equal(run.tool.driver.rules.length, RULE_CATALOG.length);
  for (const r of run.tool.driver.rules) {
    assert.ok(r.shortDescription.text && r.helpUri.startsWith('https://github.com/ros-network/ros-network/blob/main/README.md#rule-'));
    assert.equal(r.defaultConfiguration.level, { error: 'error', warning: 'warning', info: 'note' }[ruleInfo(r.id)!.severity]);
  }
  assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: 'file:///work/ws/' } });
  const levels = new Set<string>();
  for (const res of run.results) {
    assert.equal(run.tool.driver.rules[res.ruleIndex].id, res.ruleId);
    levels.add(res.level);
    const loc = res.locations[0].physicalLocation;
    assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
    assert.ok(loc.region.startLine >= 1 && loc.region.startColumn >= 1);
  }
  assert.deepEqual([...levels].sort(), ['error', 'note', 'warning']);
  const uris = run.results.map(
    (r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
      r.locations[0]!.physicalLocation.artifactLocation.uri,
  );
  assert.ok(uris.includes('launch/my%20robot.launch'), uris.join());
  // URI001's fix on the CRLF .env: replace 'hal:11311' (line 1, columns 16–25) with the http:// URL.
  const uri001 = run.results.find((r: { ruleId: string }) => r.ruleId === 'URI001');
  assert.deepEqual(uri001.fixes[0].artifactChanges[0].replacements[0], {
    deletedRegion: { startLine: 1, startColumn: 16, endLine: 1, endColumn: 25 },
    insertedContent: { text: 'http://hal:11311' },
  });
});

test('formatSarif: an empty run and an unknown code still validate', () => {
  assert.deepEqual(sarifSchemaErrors(JSON.parse(formatSarif([], { version: '0', informationUri: 'https://example.org/x' }))), []);
  const odd: FileLintReport = {
    file: 'x.env',
    text: 'A=1\n',
    findings: [{ code: 'ZZZ999', severity: 'info', message: 'm', span: { start: 0, end: 1 } }],
  };
  const log = JSON.parse(formatSarif([odd], sarifOpts));
  assert.deepEqual(sarifSchemaErrors(log), []);
  assert.equal(log.runs[0].tool.driver.rules[log.runs[0].results[0].ruleIndex].id, 'ZZZ999');
});

test('the schema check can fail: a result without a message is rejected', () => {
  const log = JSON.parse(formatSarif([report('.env', 'ROS_IP=robot.local\n')], sarifOpts));
  delete log.runs[0].results[0].message;
  assert.notDeepEqual(sarifSchemaErrors(log), []);
});

test('every code the engine emits has a catalogue row', async () => {
  const { readFileSync, readdirSync } = await import('node:fs');
  const { join } = await import('node:path');
  const root = join(__dirname, '..', '..', '..', 'src', 'core', 'lint');
  const files = [
    'lintEngine.ts',
    ...readdirSync(join(root, 'rules')).map((f) => `rules/${f}`),
    ...readdirSync(join(root, 'sources')).map((f) => `sources/${f}`),
  ];
  const codes = new Set(
    files.flatMap((f) =>
      [...readFileSync(join(root, f), 'utf8').matchAll(/'((?:URI|HOST|PREC|DOM|DISC|FMT|XF|DC)\d{3})'/g)].map((m) => m[1]!),
    ),
  );
  assert.ok(codes.size > 30);
  for (const c of codes) assert.ok(ruleInfo(c), `${c} missing from ruleCatalog`);
});

test("the README's Lint rules table lists every catalogue rule with its anchor and severity", async () => {
  const { readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
  for (const r of RULE_CATALOG)
    assert.ok(
      readme.includes(`| <a id="rule-${r.code.toLowerCase()}"></a>${r.code} | ${r.severity} | `),
      `${r.code} row missing or stale in README`,
    );
});
