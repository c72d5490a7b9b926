import { dotenvSource } from '../lint/sources/dotenvSource';
import { shellSource } from '../lint/sources/shellSource';
import { lintModel, notLintable, unreadable } from '../lint/lintModel';
import { detectKind } from '../lint/fileKind';
import type { Finding, LintContext } from '../lint/types';

/**
 * The lint rules over a `.env`/shell text through lintModel.ts, not the engine's entry point
 * (lintEngine.ts imports every source, whose parsers cost the doctor more than all its checks).
 * A shell script needs loadShellParser() done first, as lintText does.
 */
export function lintEnvText(text: string, dialect: 'dotenv' | 'shell', ctx: LintContext): Finding[] {
  const skipped = notLintable(text);
  if (skipped) return skipped;
  try {
    return lintModel(dialect === 'shell' ? shellSource(text) : dotenvSource(text, 'dotenv'), ctx);
  } catch (e) {
    return unreadable(text, e);
  }
}

/** Shell scripts by name, as the lint engine detects them; everything else the doctor reads is a `.env`. */
export function envDialect(path: string): 'dotenv' | 'shell' {
  return detectKind(path) === 'shell' ? 'shell' : 'dotenv';
}
