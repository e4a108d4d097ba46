import { ParseError } from '@strata/core';
import { excerptAt } from '@strata/core/source';
import type { LineIndex } from './line-index.js';

/** Builds the {@link ParseError} for `reason` at `offset` of `text`, with an excerpt of the offending line. */
export function parseFailure(
  fields: { file: string; text: string; lines: LineIndex; offset: number; reason: string },
  cause?: unknown,
): ParseError {
  const { line, column } = fields.lines.at(fields.offset);
  return new ParseError(
    { file: fields.file, line, column, reason: fields.reason, excerpt: excerptAt(fields.text, line, column) },
    cause === undefined ? undefined : { cause },
  );
}
