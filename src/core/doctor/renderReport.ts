import { sanitizeForMarkdown, sanitizeForTerminal as t } from '../text/sanitize';
import { GROUP_TITLES, orderedGroups, type Check, type DoctorReport, type Verdict } from './types';

export const TEXT_MARKS: Record<Verdict, string> = { ok: '✓', warning: '⚠', error: '✗', skipped: '–' };
const MD_MARKS: Record<Verdict, string> = { ok: '✅', warning: '⚠️', error: '❌', skipped: '➖' };

function groups(report: DoctorReport): Array<[string, Check[]]> {
  return orderedGroups(report).map((g) => [GROUP_TITLES[g.group], g.checks.map((c) => c.check)]);
}

function summaryLine(r: DoctorReport): string {
  const s = r.summary;
  return `${s.error} error${s.error === 1 ? '' : 's'}, ${s.warning} warning${s.warning === 1 ? '' : 's'}, ${s.ok} ok, ${s.skipped} skipped`;
}

function sourceLine(r: DoctorReport): string {
  const what =
    r.source.kind === 'profile'
      ? `profile '${r.source.name}'`
      : r.source.kind === 'env-file'
        ? `env file ${r.source.name}`
        : 'the process environment';
  return `ROS ${r.rosVersion}, ${what}`;
}

/** Markdown for a bug report: grouped, every check with its evidence and fix. */
export function renderMarkdown(r: DoctorReport): string {
  // Titles, evidence and fixes quote values from files, settings and the network.
  const esc = sanitizeForMarkdown;
  const lines = [
    `## ROS Network doctor: ${r.verdict === 'ok' ? 'all ok' : r.verdict === 'warning' ? 'warnings' : 'problems found'}`,
    '',
    `${esc(sourceLine(r))} · ${summaryLine(r)} · ${r.generatedAt}`,
    '',
  ];
  for (const [title, cs] of groups(r)) {
    lines.push(`### ${title}`, '');
    for (const c of cs) {
      lines.push(`- ${MD_MARKS[c.verdict]} **${esc(c.title)}** (${c.verdict})`);
      for (const e of c.evidence) lines.push(`  - ${esc(e)}`);
      if (c.fix) lines.push(`  - **Fix:** ${esc(c.fix.title)}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** Plain text for a terminal: ✓ / ⚠ / ✗ / – per check, evidence indented, fixes marked. */
export function renderText(r: DoctorReport, opts: { verbose?: boolean } = {}): string {
  // Titles, evidence and fixes quote values from files, settings and the network: filtered for the terminal.
  const lines = [`ROS Network doctor (${t(sourceLine(r))}): ${summaryLine(r)}`, ''];
  for (const [title, cs] of groups(r)) {
    lines.push(title);
    for (const c of cs) {
      lines.push(`  ${TEXT_MARKS[c.verdict]} ${t(c.title)}`);
      const show = opts.verbose || c.verdict !== 'ok' ? c.evidence : c.evidence.slice(0, 1);
      for (const e of show) lines.push(`      ${t(e)}`);
      if (c.fix) lines.push(`      → fix: ${t(c.fix.title)}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
