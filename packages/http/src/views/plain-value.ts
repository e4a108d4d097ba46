import { REDACTED } from '@strata/core';

/**
 * A value as JSON can carry it: section and nested instances become plain objects through their `toJSON`
 * (which redacts their `@Secret` fields), dates become ISO text. A value that is secret itself is
 * `[redacted]` whatever it is.
 */
export function plainValue(value: unknown, secret: boolean): unknown {
  if (value === undefined) return null;
  if (secret && value !== null) return REDACTED;
  if (typeof value !== 'object' || value === null) return value;
  return JSON.parse(JSON.stringify(value));
}
