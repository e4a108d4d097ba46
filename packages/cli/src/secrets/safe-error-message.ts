import { StrataError } from '@strata/core';

/**
 * An error's message without any excerpt of a file: a `ParseError`'s message ends with the offending line,
 * which may hold a plain-text secret (an unquoted password with `: ` in it), so only its first line
 * (`config/production.yaml:4:13: <reason>`) is kept. Other messages are returned as they are.
 */
export function safeErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return StrataError.is(error, 'PARSE_ERROR') ? (message.split('\n')[0] ?? message) : message;
}
