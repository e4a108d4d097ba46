import type { DecryptionError, Issue, ParseError, StrataError, UnsafeKeyError } from '@strata/core';

/**
 * A source failure (parse error, unreachable source, undecryptable value, unsafe key) as an issue, so
 * reports list it with the others. Branches on `code`, so errors from another copy of core work too.
 */
export function issueFromError(error: StrataError): Issue {
  const base = { message: error.message, severity: 'error' as const, path: '' };
  switch (error.code) {
    case 'PARSE_ERROR': {
      const { file, line, column } = error as ParseError;
      return {
        ...base,
        constraint: 'parse',
        origin: { source: 'file', locator: `${file}:${line}:${column}` },
      };
    }
    case 'DECRYPTION_FAILED':
      return { ...base, path: (error as DecryptionError).path, constraint: 'decryption' };
    case 'UNSAFE_KEY':
      return { ...base, constraint: 'unsafeKey', origin: (error as UnsafeKeyError).origin };
    default:
      return { ...base, constraint: 'source' };
  }
}
