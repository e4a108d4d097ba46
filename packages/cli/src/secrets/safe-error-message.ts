import { StrataError } from '@strata/core';

/**
 * An error's message as the CLI prints it about a file. A `ParseError`'s message ends with the offending line,
 * which may hold a plain-text secret (an unquoted password with `: ` in it), so only its first line
 * (`config/production.yaml:4:13: <reason>`) is kept. An input limit's message ends with the option that
 * raises it in code, which the command does not have: it says so instead. Other messages are returned as they are.
 */
export function safeErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (StrataError.is(error, 'PARSE_ERROR')) return message.split('\n')[0] ?? message;
  if (StrataError.is(error, 'INPUT_LIMIT')) {
    const what = message.split('; if it is genuine')[0] ?? message;
    return `${what}; strata commands read files within the default input limits`;
  }
  return message;
}
