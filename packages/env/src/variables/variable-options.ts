import { StrataError } from '@strata/core';

/** Name mapping options shared by {@link envSource} and {@link dotenvSource}. */
export interface VariableMappingOptions {
  /**
   * Read only variables starting with this text (case-sensitive), and strip it: with `'APP_'`,
   * `APP_DATABASE__PORT` sets `database.port`. Without a prefix (or with `''`), a variable is read only
   * when its first segment names a top-level section (`DATABASE__PORT` with a `database` section), so
   * unrelated variables such as `PATH` are never reported as unknown keys.
   * @default undefined
   * @example 'APP_'
   */
  prefix?: string;
  /**
   * Separates nesting levels in a variable name: `APP_DATABASE__POOL__MAX` is `database.pool.max`.
   * @default '__'
   */
  separator?: string;
}

/** The mapping options with defaults applied; throws when the separator is empty. */
export function resolveMapping(
  factory: string,
  options: VariableMappingOptions,
): { prefix: string | undefined; separator: string } {
  const separator = options.separator ?? '__';
  if (separator === '') {
    throw new StrataError(
      'DEFINITION_INVALID',
      `${factory}: the separator must not be empty; leave it out to use "__".`,
    );
  }
  const prefix = options.prefix === '' ? undefined : options.prefix;
  return { prefix, separator };
}
