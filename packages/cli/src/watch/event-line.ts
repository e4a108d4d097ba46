import type { ConfigEvent, ConfigValidationError, StrataError } from '@strata/core';
import { jsonText } from '../output/json-text.js';

/** A serialized error in a watch line: code, message (already redacted by core) and, for validation, issues. */
export interface ErrorLine {
  readonly code: string;
  readonly message: string;
  readonly issues?: ConfigValidationError['issues'];
}

/** An error as it appears in `rejected` and `sourceFailed` lines. */
export function errorLine(error: StrataError): ErrorLine {
  const issues = (error as Partial<ConfigValidationError>).issues;
  return issues
    ? { code: error.code, message: error.message, issues }
    : { code: error.code, message: error.message };
}

/**
 * One event as one line of JSON. Payloads are core's, already redacted (`[redacted]` for secrets); errors
 * become {@link ErrorLine}s.
 */
export function eventLine(event: ConfigEvent): string {
  switch (event.type) {
    case 'rejected':
      return jsonText({ ...event, error: errorLine(event.error) });
    case 'sourceFailed':
      return jsonText({ ...event, error: errorLine(event.error) });
    default:
      return jsonText(event);
  }
}
