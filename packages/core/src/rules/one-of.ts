import type { ValidationOptions } from 'class-validator';
// A cycle with the entry, read only when a decorator is made (after both modules have run).
import { IsIn } from './index.js';

/** The literal union of a list of allowed values: `OneOfValues<typeof levels>` for `['debug', 'info'] as const`. */
export type OneOfValues<Values extends readonly unknown[]> = Values[number];

/**
 * `@IsIn(values)` that ties the property's declared type to the values: the value must be one of `values`
 * (this entry's `IsIn` does the check, with class-validator's message and options, so the schema lists the
 * values as allowed), and the compiler refuses a property whose type is wider than their literal
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
