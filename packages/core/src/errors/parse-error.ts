import { maskExcerpt } from './excerpt.js';
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
    // The offending line may hold a secret (an unquoted password), and parsers append code frames to their
    // messages: keep the reason's first line, mask values in the excerpt, and keep only a sanitised cause.
    const reason = firstLine(fields.reason);
    const excerpt = fields.excerpt ? maskExcerpt(fields.excerpt) : '';
    super(
      'PARSE_ERROR',
      `${fields.file}:${fields.line}:${fields.column}: ${reason}${excerpt ? `\n${excerpt}` : ''}`,
      options?.cause === undefined ? undefined : { cause: sanitiseCause(options.cause) },
    );
    this.file = fields.file;
    this.line = fields.line;
    this.column = fields.column;
    this.excerpt = excerpt;
  }
}

function firstLine(text: string): string {
  return text.split(/\r?\n/)[0]!.trim();
}

function sanitiseCause(cause: unknown): Error {
  const name = cause instanceof Error ? cause.name : 'Error';
  const copy = new Error(firstLine(cause instanceof Error ? cause.message : String(cause)));
  copy.name = name;
  copy.stack = `${name}: ${copy.message}`;
  return copy;
}
