import { InputLimitError } from '../errors/input-limit-error.js';
import type { InputLimits } from './input-limits.js';

/**
 * Counts one input's keys, nesting and string lengths against its {@link InputLimits} and throws an
 * {@link InputLimitError} at the first limit passed. Parsers call {@link InputShapeCounter.text} before
 * parsing (so a hostile text never reaches a recursive parser) and {@link InputShapeCounter.entry} or
 * {@link InputShapeCounter.value} on what they produced (the exact count).
 *
 * @example
 * const counter = new InputShapeCounter({ limits, input: 'config/app.json', raise: 'fileSource' });
 * counter.text(text, 'brackets');
 * for (const entry of entries) counter.entry(entry.path, entry.value);
 */
export class InputShapeCounter {
  readonly #limits: InputLimits;
  readonly #input: string;
  readonly #raise: string;
  #keys = 0;

  constructor(fields: {
    limits: InputLimits;
    /** The file or variable, as messages name it. */
    input: string;
    /** The function whose `limits` option raises a limit for this input (`fileSource`, `dotenvSource`). */
    raise: string;
  }) {
    this.#limits = fields.limits;
    this.#input = fields.input;
    this.#raise = fields.raise;
  }

  /**
   * Checks a text before it is parsed: its size in bytes, and the nesting of its `[`/`{` brackets outside
   * quoted strings and `#` comments. For JSON the bracket count is exact; for YAML and TOML it is a first,
   * cheap bound (indentation nesting is counted on the parsed result by {@link entry}).
   */
  text(text: string, syntax: 'json' | 'yaml' | 'toml'): void {
    // A UTF-16 length above the byte limit is certainly too many bytes; below it, count the bytes.
    if (text.length > this.#limits.maxBytes || Buffer.byteLength(text, 'utf8') > this.#limits.maxBytes) {
      this.fail('maxBytes');
    }
    const max = this.#limits.maxDepth;
    const comments = syntax !== 'json';
    let depth = 0;
    for (let i = 0; i < text.length; i++) {
      const char = text.charCodeAt(i);
      if (char === 91 || char === 123) {
        if (++depth > max) this.fail('maxDepth');
      } else if (char === 93 || char === 125) {
        if (depth > 0) depth--;
      } else if (char === 34 || (char === 39 && syntax !== 'json' && opensQuote(text, i))) {
        i = skipString(text, i, char, syntax === 'json');
      } else if (char === 35 && comments) {
        while (i < text.length && text.charCodeAt(i) !== 10) i++;
      }
    }
  }

  /** One parsed leaf at `path` (each segment a key at its depth) holding `value`. */
  entry(path: readonly string[], value: unknown): void {
    if (path.length > this.#limits.maxDepth) this.fail('maxDepth');
    for (const segment of path) this.#string(segment);
    this.#key();
    this.value(value, path.length);
  }

  /** A parsed value found at `depth` (0 for a whole document); objects and lists below it add levels. */
  value(value: unknown, depth = 0): void {
    if (typeof value === 'string') {
      this.#string(value);
      return;
    }
    if (typeof value !== 'object' || value === null || value instanceof Date) return;
    // Iterative: the value may be nested deeper than the stack allows.
    const stack: [unknown, number][] = [[value, depth]];
    while (stack.length > 0) {
      const [node, level] = stack.pop() as [unknown, number];
      if (typeof node === 'string') this.#string(node);
      if (typeof node !== 'object' || node === null || node instanceof Date) continue;
      if (level + 1 > this.#limits.maxDepth) this.fail('maxDepth');
      if (Array.isArray(node)) {
        for (const item of node) stack.push([item, level + 1]);
        continue;
      }
      for (const key of Object.keys(node)) {
        this.#string(key);
        this.#key();
        stack.push([(node as Record<string, unknown>)[key], level + 1]);
      }
    }
  }

  /** Throws the {@link InputLimitError} for `limit`. */
  fail(limit: keyof InputLimits): never {
    throw new InputLimitError({ input: this.#input, limit, max: this.#limits[limit], raise: this.#raise });
  }

  #key(): void {
    if (++this.#keys > this.#limits.maxKeys) this.fail('maxKeys');
  }

  #string(text: string): void {
    if (text.length > this.#limits.maxStringLength) this.fail('maxStringLength');
  }
}

/** A `'` opens a YAML/TOML string only where a value or key can start (`it's` inside a word does not). */
function opensQuote(text: string, i: number): boolean {
  const before = text.charCodeAt(i - 1);
  return (
    i === 0 ||
    before === 32 ||
    before === 9 ||
    before === 10 ||
    before === 13 ||
    /[:[{,=-]/.test(text[i - 1]!)
  );
}

/**
 * The index of the quote closing the string opened at `start`. Outside JSON a string also ends at the line's
 * end: the scan is a first bound, and stopping there keeps one stray quote from hiding the rest of the file.
 */
function skipString(text: string, start: number, quote: number, json: boolean): number {
  let i = start + 1;
  while (i < text.length) {
    const char = text.charCodeAt(i);
    if (char === 92 && quote === 34) i += 2;
    else if (char === quote || (!json && char === 10)) return i;
    else i++;
  }
  return i;
}
