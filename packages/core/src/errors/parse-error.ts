import { StrataError } from './strata-error.js';

/** A configuration file could not be parsed. Carries the position and a short excerpt. */
export class ParseError extends StrataError {
  static override readonly errorCode = 'PARSE_ERROR' as const;

  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
  /** The offending line with a caret under the column. */
  readonly excerpt: string;

  constructor(
    fields: { file: string; line: number; column: number; reason: string; excerpt?: string },
    options?: { cause?: unknown },
  ) {
    const excerpt = fields.excerpt ?? '';
    super(
      'PARSE_ERROR',
      `${fields.file}:${fields.line}:${fields.column}: ${fields.reason}${excerpt ? `\n${excerpt}` : ''}`,
      options,
    );
    this.file = fields.file;
    this.line = fields.line;
    this.column = fields.column;
    this.excerpt = excerpt;
  }
}

/** Two lines of context: the line at `line` (1-based) and a caret under `column`. */
export function excerptAt(text: string, line: number, column: number): string {
  const lines = text.split(/\r?\n/);
  const source = lines[line - 1];
  if (source === undefined) return '';
  const shown = source.length > 120 ? `${source.slice(0, 117)}...` : source;
  return `  ${line} | ${shown}\n  ${' '.repeat(String(line).length)} | ${' '.repeat(Math.max(0, Math.min(column - 1, 120)))}^`;
}
