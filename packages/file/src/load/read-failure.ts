import { SourceError, StrataError } from '@strata/core';
import type { FileState } from './file-snapshot.js';

/**
 * The error for a candidate that exists but cannot be read (permissions, a directory in its place), or the
 * Strata error its read gave (not a regular file, past the byte limit).
 */
export function readFailure(source: string, name: string, state: FileState): StrataError {
  if (StrataError.is(state.error)) return state.error;
  const code = state.error?.code ?? 'unknown error';
  const hint =
    code === 'EACCES' || code === 'EPERM'
      ? 'check its permissions'
      : code === 'EISDIR'
        ? 'a directory has the name of a configuration file; rename it'
        : 'check the file';
  return new SourceError(source, `cannot read ${name} (${code}): ${hint}`, { cause: state.error });
}
