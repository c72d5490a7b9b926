/** Zero-based line/character position, as VS Code and LSP use. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

/** Half-open offset span into a text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Maps offsets to line/character with a binary search over line starts. */
export class LineIndex {
  private readonly starts: number[];
  constructor(readonly text: string) {
    this.starts = [0];
    if (!text.includes('\r')) {
      // No CR (nearly every file): indexOf finds the line breaks several times faster than a char loop.
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) this.starts.push(i + 1);
    }
  }
  get lineCount(): number {
    return this.starts.length;
  }
  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo]! };
  }
  offsetAt(p: Position): number {
    const start = this.starts[Math.max(0, Math.min(p.line, this.starts.length - 1))]!;
    return Math.min(start + p.character, this.text.length);
  }
  lineStart(line: number): number {
    return this.starts[line] ?? this.text.length;
  }
}
