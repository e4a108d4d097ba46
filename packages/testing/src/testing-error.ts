import { StrataError } from '@strata/core';

/**
 * A test kit function was used on something it cannot work with (values for a class that is not a section of
 * the configuration, a `settle()` of a source attached to no configuration). A misuse of the kit, so the code is
 * `DEFINITION_INVALID`: it is fixed in the test, not retried.
 */
export class TestingError extends StrataError {
  static override readonly errorCode = 'DEFINITION_INVALID' as const;

  constructor(message: string) {
    super('DEFINITION_INVALID', message);
  }
}
