import { parseSource } from '../lintEngine';
import type { FileKind, SourceModel } from '../types';

/** The parsed assignments of one file, for hovers (the same source parsers the lint engine runs). */
export function sourceModel(kind: FileKind, text: string): SourceModel {
  return parseSource(kind, text);
}
