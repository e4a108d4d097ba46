import type { ValidationOptions } from 'class-validator';
import { lazyClassValidatorExport } from '../schema/class-validator-parts.js';

const IsIn = lazyClassValidatorExport('decorator/common/IsIn', 'IsIn');

/** The literal union of a list of allowed values: `OneOfValues<typeof levels>` for `['debug', 'info'] as const`. */
export type OneOfValues<Values extends readonly unknown[]> = Values[number];

/**
 * `@IsIn(values)` that ties the property's declared type to the values: the value must be one of `values`
 * (class-validator's own `IsIn` does the check, with the same message, options and metadata, so the schema
 * lists the values as allowed), and the compiler refuses a property whose type is wider than their literal
 * union.
 *
 * ```ts
 * @OneOf(['debug', 'info', 'warn'] as const) level: 'debug' | 'info' | 'warn' = 'info';   // compiles
 * @OneOf(['debug', 'info', 'warn'] as const) level = 'info';                              // error: string
 * ```
 *
 * A decorator cannot change the type of the property it decorates, so the union is still written once on the
 * property (or as `OneOfValues<typeof LEVELS>` for a shared list); what `@OneOf` adds over `@IsIn` is that a
 * property typed `string`, or a list and a type that disagree, no longer compile.
 */
export function OneOf<const Values extends readonly (string | number | boolean)[]>(
  values: Values,
  options?: ValidationOptions,
): <Target extends object, Key extends string>(
  target: Target & { readonly [P in Key]?: Values[number] | null },
  key: Key,
) => void {
  const decorator = IsIn(values, options);
  return (target, key) => decorator(target, key);
}
