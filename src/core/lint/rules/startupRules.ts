import { isStartupFileName } from '../../env/startupFiles';
import type { Finding, LintContext, SourceModel } from '../types';

const OUTSIDE = '`bash -i`, `su -`, ssh sessions and `source ~/.bashrc`';

/**
 * XF004: a shell start-up file (`~/.bashrc`, `~/.profile`, `~/.zshrc`, …) sets a variable of the
 * active profile to another value. VS Code terminals get the profile's value (re-applied after
 * shell integration), every other shell gets this one. Written against the generic assignments
 * of the lint model, so any shell parser feeds it.
 */
export function startupRules(path: string, model: SourceModel, ctx: LintContext): Finding[] {
  const profile = ctx.profile;
  if (!profile || model.kind !== 'shell' || !isStartupFileName(path)) return [];
  const out: Finding[] = [];
  const ip = profile.variables.get('ROS_IP');
  for (const a of model.assignments) {
    if (a.op !== 'set' || a.value === undefined || /[$`]/.test(a.value)) continue;
    const pv = profile.variables.get(a.name);
    const lineStart = model.text.lastIndexOf('\n', a.keySpan.start - 1) + 1;
    const commentOut = { title: 'Comment out this line', edits: [{ span: { start: lineStart, end: lineStart }, newText: '# ' }] };
    if (pv !== undefined && pv !== a.value) {
      out.push({
        code: 'XF004',
        severity: 'warning',
        message: `Sets ${a.name}=${a.value}: VS Code terminals of the profile '${profile.name}' get ${pv}, but ${OUTSIDE} get this one`,
        span: a.valueSpan,
        fixes: [{ title: `Use the profile's value ${pv}`, edits: [{ span: a.valueSpan, newText: pv }] }, commentOut],
      });
    } else if (a.name === 'ROS_HOSTNAME' && pv === undefined && ip !== undefined && a.value !== ip) {
      out.push({
        code: 'XF004',
        severity: 'warning',
        message: `Sets ROS_HOSTNAME=${a.value}, which wins over the profile's ROS_IP=${ip}: nodes started from ${OUTSIDE} advertise ${a.value}. VS Code terminals of '${profile.name}' pin ROS_HOSTNAME=${ip} because of this line, so an export ROS_IP there is ignored`,
        span: a.valueSpan,
        fixes: [commentOut],
      });
    }
  }
  return out;
}
