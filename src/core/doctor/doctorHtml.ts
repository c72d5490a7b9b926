import { sanitizeForTerminal } from '../text/sanitize';
import type { Check, DoctorReport, Verdict } from './types';
import { GROUP_TITLES, orderedGroups } from './types';

const ICON: Record<Verdict, string> = { ok: '✓', warning: '⚠', error: '✗', skipped: '–' };

/** HTML-escaped, with control and bidi characters shown as escapes (evidence quotes values from the network and files). */
export function escapeHtml(s: string): string {
  return sanitizeForTerminal(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface DoctorHtmlOptions {
  readonly cspSource: string;
  readonly nonce: string;
  /** Fix buttons are offered only when the report is about a profile the extension can edit. */
  readonly canApplyFixes: boolean;
}

function checkHtml(c: Check, i: number, o: DoctorHtmlOptions): string {
  // The fix's title is said once: as the button when it can be applied here, as text otherwise.
  const fix = c.fix
    ? `<div class="fix"><b>Fix:</b> ${c.fix.action && o.canApplyFixes ? `<button data-fix="${i}">${escapeHtml(c.fix.title)}</button>` : escapeHtml(c.fix.title)}</div>`
    : '';
  return `<li class="check ${c.verdict}"><span class="icon" title="${c.verdict}">${ICON[c.verdict]}</span><div><div class="title">${escapeHtml(c.title)}</div><ul class="evidence">${c.evidence.map((e) => `<li>${escapeHtml(e)}</li>`).join('')}</ul>${fix}</div></li>`;
}

/**
 * The doctor panel's whole page, rendered in the extension host (no remote content, no
 * framework): only a nonce'd script that posts button clicks back.
 */
export function renderDoctorHtml(report: DoctorReport | undefined, o: DoctorHtmlOptions, status?: string): string {
  const csp = `default-src 'none'; style-src ${o.cspSource} 'nonce-${o.nonce}'; script-src 'nonce-${o.nonce}';`;
  let body: string;
  if (!report) body = `<p class="status">${escapeHtml(status ?? 'Running…')}</p>`;
  else {
    const s = report.summary;
    const src =
      report.source.kind === 'profile'
        ? `profile “${report.source.name}”`
        : report.source.kind === 'env-file'
          ? report.source.name
          : 'the VS Code environment (no active profile)';
    const groups = orderedGroups(report)
      .map(
        (g) =>
          `<section><h2>${escapeHtml(GROUP_TITLES[g.group])}</h2><ul class="checks">${g.checks.map((c) => checkHtml(c.check, c.index, o)).join('')}</ul></section>`,
      )
      .join('');
    body = `<header><h1 class="${report.verdict}">${report.verdict === 'ok' ? 'All checks passed' : report.verdict === 'warning' ? 'Warnings' : 'Problems found'}</h1><p>ROS ${report.rosVersion}, ${escapeHtml(src)} · ${s.error} errors, ${s.warning} warnings, ${s.ok} ok, ${s.skipped} skipped · ${report.durationMs} ms${status ? ` · ${escapeHtml(status)}` : ''}</p></header>${groups}`;
  }
  return `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><meta http-equiv="Content-Security-Policy" content="${csp}"><meta name="viewport" content="width=device-width, initial-scale=1.0"><title>ROS Network Doctor</title>
<style nonce="${o.nonce}">
body{font-family:var(--vscode-font-family);color:var(--vscode-foreground);padding:0 16px}
h1.ok{color:var(--vscode-testing-iconPassed)}h1.warning{color:var(--vscode-editorWarning-foreground)}h1.error{color:var(--vscode-errorForeground)}
h2{font-size:1.1em;border-bottom:1px solid var(--vscode-panel-border);padding-bottom:2px}
ul.checks{list-style:none;padding:0}li.check{display:flex;gap:8px;margin:6px 0}.icon{width:1.2em;font-weight:bold}
.ok .icon{color:var(--vscode-testing-iconPassed)}.warning .icon{color:var(--vscode-editorWarning-foreground)}.error .icon{color:var(--vscode-errorForeground)}.skipped{opacity:.7}
.title{font-weight:600}ul.evidence{margin:2px 0;padding-left:16px;font-family:var(--vscode-editor-font-family);font-size:.92em;white-space:pre-wrap}
.fix{margin-top:2px}button{background:var(--vscode-button-background);color:var(--vscode-button-foreground);border:none;padding:3px 10px;cursor:pointer;margin-left:6px}
.toolbar{position:sticky;top:0;background:var(--vscode-editor-background);padding:8px 0}
</style></head><body>
<div class="toolbar"><button data-cmd="rerun">Re-run</button><button data-cmd="copy"${report ? '' : ' disabled'}>Copy as Markdown</button></div>
${body}
<script nonce="${o.nonce}">
const vscode = acquireVsCodeApi();
document.addEventListener('click', (e) => {
  const b = e.target.closest('button');
  if (!b) return;
  if (b.dataset.fix !== undefined) vscode.postMessage({ type: 'fix', index: Number(b.dataset.fix) });
  else if (b.dataset.cmd) vscode.postMessage({ type: b.dataset.cmd });
});
</script></body></html>`;
}
