import { SourceError } from '../errors/source-error.js';
import { StrataError } from '../errors/strata-error.js';

/** Any failure of a source as a Strata error: Strata errors pass through, anything else is wrapped. */
export function toSourceError(source: string, error: unknown): StrataError {
  if (StrataError.is(error)) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new SourceError(source, reason, { cause: error });
}
