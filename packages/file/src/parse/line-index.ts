/** A 1-based line and column. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/**
 * Converts string offsets to 1-based line/column pairs. Line breaks are `\n`, `\r\n` and a lone `\r` (what
 * YAML and JSON parsers count); columns count UTF-16 code units, like the offsets the parsers report.
 */
export class LineIndex {
  readonly #starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const char = text.charCodeAt(i);
      if (char === 10) this.#starts.push(i + 1);
      else if (char === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.#starts.push(i + 1);
      }
    }
  }

  /** The position of `offset` (clamped to the text). */
  at(offset: number): Position {
    let low = 0;
    let high = this.#starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.#starts[mid] as number) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: Math.max(0, offset - (this.#starts[low] as number)) + 1 };
  }
}
