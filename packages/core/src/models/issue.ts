import type { Origin } from './origin.js';

/** How bad a problem is. Warnings do not stop a load. */
export type IssueSeverity = 'error' | 'warning';

/** One problem found while resolving or validating the configuration. */
export interface Issue {
  /** Dotted configuration path (`server.port`). */
  readonly path: string;
  /** What is wrong, without the value: `must not be greater than 65535`. */
  readonly message: string;
  /** The rule broken: a class-validator constraint name (`max`, `isInt`) or a Strata rule (`required`, `type`, `unknownKey`). */
  readonly constraint: string;
  readonly severity: IssueSeverity;
  /** Where the offending value came from, when it came from somewhere. */
  readonly origin?: Origin;
  /** The offending value as text, or `[redacted]` for a secret. Absent when there is no value. */
  readonly value?: string;
  /** Extra guidance: the inputs that could set a missing value, a "did you mean". */
  readonly hint?: string;
}
