import type { Span } from '../../text/positions';

/**
 * roslaunch `$(arg x)` / ROS 2 launch `$(var x)` resolved from the file's own `<arg>`/`<let>`
 * declarations; every other substitution (`$(env)`, `$(optenv)`, `$(eval)`, `$(find)`, `$(anon)`,
 * `$(dirname)`, `$(find-pkg-share)`, …) is only known at run time.
 */
export interface ArgValue {
  readonly value: string;
  /** Where the value is written (a `default=`/`value=` attribute), for findings and fixes. */
  readonly span: Span;
}

export type ArgTable = ReadonlyMap<string, ArgValue>;

/** A value as the rules see it: a literal with the span where it is written, or unknown. */
export type Resolved = { readonly value: string; readonly span: Span } | { readonly value: undefined };

const WHOLE_ARG = /^\$\((?:arg|var)\s+([^\s()]+)\s*\)$/;

export const hasSubstitution = (v: string): boolean => v.includes('$(');

/**
 * The literal a value stands for. Only a value that is exactly one `$(arg x)`/`$(var x)` with a
 * literal default is resolved (to the default, at the default's span), so a fix never rewrites a
 * substitution; a value mixing text and substitutions is unknown.
 */
export function resolveValue(value: string, span: Span, args: ArgTable, depth = 0): Resolved {
  if (!hasSubstitution(value)) return { value, span };
  const m = WHOLE_ARG.exec(value.trim());
  const a = m ? args.get(m[1]!) : undefined;
  if (!a || depth > 8) return { value: undefined };
  return resolveValue(a.value, a.span, args, depth + 1);
}

/**
 * The end of a node argument value starting at `from` (`__ip:=$(arg addr)`): the first whitespace
 * outside `$(…)`.
 */
export function argWordEnd(s: string, from: number): number {
  let depth = 0;
  let i = from;
  for (; i < s.length; i++) {
    const c = s[i]!;
    if (c === '$' && s[i + 1] === '(') {
      depth++;
      i++;
    } else if (c === ')' && depth > 0) depth--;
    else if (depth === 0 && /\s/.test(c)) break;
  }
  return i;
}
