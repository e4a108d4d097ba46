import type { Constructor } from '@strata/core';
import type { DeepPartial } from './deep-partial.js';

/**
 * Values for one configuration class, made by {@link valuesFor}. The class carries the path (read from its
 * `@Section`, or its place under one for a nested class), so no path is ever spelled as a string.
 */
export interface SectionValues<T extends object = object> {
  readonly section: Constructor<T>;
  readonly values: DeepPartial<T>;
}

/**
 * Typed values for a section (or nested configuration class), for `createTestConfig({ values })` and
 * `override()`. A misspelt property or a value of the wrong type is a compile error; a value that breaks a
 * validation rule is a `ConfigValidationError` when the configuration loads.
 *
 * @example valuesFor(DatabaseConfig, { port: 6543, pool: { max: 4 } })
 */
export function valuesFor<T extends object>(
  section: Constructor<T>,
  // NoInfer: `T` comes from the class only, so an excess or misspelt property is an error, not a wider `T`.
  values: NoInfer<DeepPartial<T>>,
): SectionValues<T> {
  return { section, values };
}
