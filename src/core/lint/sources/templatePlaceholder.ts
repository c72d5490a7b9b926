import type { Finding } from '../types';
import type { Span } from '../../text/positions';

// Placeholders of the template tools ROS repositories ship inputs for: CMake configure_file
// (@NAME@), the MoveIt setup assistant ([NAME]), Jinja/xacro-style ({{ … }}, {% … %}).
const PLACEHOLDER = /@[A-Za-z_][A-Za-z0-9_]*@|\[[A-Z][A-Z0-9_]*\]|\{\{[^{}\n]*\}\}|\{%[^%\n]*%\}/;

/**
 * The template placeholder on the line where a parser gave up, if any: such a file is the input of
 * a build step, not what compose or roslaunch reads, so its syntax error is no finding.
 */
export function placeholderNear(text: string, offset: number): { text: string; span: Span } | undefined {
  const start = text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
  const nl = text.indexOf('\n', offset);
  const end = nl < 0 ? text.length : nl;
  const m = PLACEHOLDER.exec(text.slice(start, end));
  return m ? { text: m[0], span: { start: start + m.index, end: start + m.index + m[0].length } } : undefined;
}

/** The one finding of a template: said at info level, nothing in it is checked. */
export function templateFinding(code: string, placeholder: { text: string; span: Span }, reader: string): Finding {
  return {
    code,
    severity: 'info',
    message: `Not linted: a template (placeholder ${placeholder.text}) that a build step fills in, not a file ${reader} reads as it is; lint the generated file`,
    span: placeholder.span,
  };
}
