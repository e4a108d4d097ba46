import { REDACTED } from '@strata/core';
import { formatValue } from '@strata/core/source';

/** A value for text output: `8080`, `"info"`, `[redacted]`, `(unset)`. Pass `secret` to force redaction. */
export function displayValue(value: unknown, secret = false): string {
  if (value === undefined) return '(unset)';
  if (secret || value === REDACTED) return REDACTED;
  return formatValue(value, false);
}
