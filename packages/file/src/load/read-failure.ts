import { SourceError } from '@strata/core';
import type { FileState } from './file-snapshot.js';

/** The error for a candidate that exists but cannot be read (permissions, a directory in its place). */
export function readFailure(source: string, name: string, state: FileState): SourceError {
  const code = state.error?.code ?? 'unknown error';
  const hint =
    code === 'EACCES' || code === 'EPERM'
      ? 'check its permissions'
      : code === 'EISDIR'
        ? 'a directory has the name of a configuration file; rename it'
        : 'check the file';
  return new SourceError(source, `cannot read ${name} (${code}): ${hint}`, { cause: state.error });
}
