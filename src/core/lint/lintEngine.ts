import { dotenvSource } from './sources/dotenvSource';
import { shellSource } from './sources/shellSource';
import { markdownSource } from './sources/markdownSource';
import { loadShellParser, shellParserReady } from './sources/shellParser';
import { composeSource } from './sources/composeSource';
import { launchXmlSource } from './sources/launchXmlSource';
import { launchYamlSource } from './sources/launchYamlSource';
import { launchPySource } from './sources/launchPySource';
import { devcontainerSource, settingsSource } from './sources/jsonSources';
import { lintModel, notLintable, unreadable } from './lintModel';
import { startupRules } from './rules/startupRules';
import { detectKind } from './fileKind';
import type { FileKind, Finding, LintContext, SourceModel } from './types';

export { lintModel, MAX_LINT_BYTES } from './lintModel';
export { detectKind } from './fileKind';

/** The source parser for a kind (the lint engine and the hovers read files the same way). */
export function parseSource(kind: FileKind, text: string, optIn?: ReadonlySet<string>): SourceModel {
  switch (kind) {
    case 'dotenv':
      return dotenvSource(text, 'dotenv', { unorderedKey: optIn?.has('UnorderedKey') === true });
    case 'shell':
      return shellSource(text);
    case 'compose':
      return composeSource(text);
    case 'ros1-launch':
      return launchXmlSource(text, 'auto');
    case 'ros2-launch-xml':
      return launchXmlSource(text, 'ros2');
    case 'ros2-launch-yaml':
      return launchYamlSource(text);
    case 'ros2-launch-py':
      return launchPySource(text);
    case 'devcontainer':
      return devcontainerSource(text);
    case 'settings':
      return settingsSource(text);
    case 'markdown':
      return markdownSource(text);
  }
}

/**
 * A shell file's assignments (the start-up file scan of the terminal env reads them). A value
 * computed at run time is given as written (the scan treats `$`/backticks as "not comparable").
 * Until the grammar has loaded (it starts loading here), export lines are read line by line.
 */
export function shellAssignments(text: string): SourceModel['assignments'] {
  if (!shellParserReady()) {
    void loadShellParser().catch(() => undefined);
    return dotenvSource(text, 'shell').assignments;
  }
  return shellSource(text).assignments.map((a) =>
    a.computed && a.rawSpan ? { ...a, value: text.slice(a.rawSpan.start, a.rawSpan.end) } : a,
  );
}

/**
 * Loads what linting a kind needs beyond JavaScript (the shell grammar is WebAssembly, loaded
 * asynchronously on the first shell file); lintText and hoverAt are synchronous and need it done.
 */
export function prepareLint(kind: FileKind | undefined): Promise<void> {
  return kind === 'shell' || kind === 'markdown' ? loadShellParser() : Promise.resolve();
}

export interface LintResult {
  readonly kind: FileKind | undefined;
  readonly findings: readonly Finding[];
}

/** Lints one file's text. Never throws: a parser failure is itself one finding. */
export function lintText(path: string, text: string, ctx: LintContext, kindOverride?: FileKind): LintResult {
  const kind = kindOverride ?? detectKind(path, text);
  if (!kind) return { kind, findings: [] };
  const skipped = notLintable(text);
  if (skipped) return { kind, findings: skipped };
  try {
    const model = parseSource(kind, text, ctx.optIn);
    const startup = startupRules(path, model, ctx);
    const findings = lintModel(model, ctx);
    return { kind, findings: startup.length ? [...findings, ...startup] : findings };
  } catch (e) {
    return { kind, findings: unreadable(text, e) };
  }
}
