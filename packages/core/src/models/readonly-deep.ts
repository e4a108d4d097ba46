/**
 * The type of a configuration instance as Strata hands it out: every property read-only, all the way down
 * (nested configuration classes, arrays and their items, maps and sets), because the instance is frozen
 * (`Object.freeze`, deeply) and an assignment would throw at run time. `config.get(FeatureConfig).beta =
 * true` is then a compile error rather than a `TypeError` in production.
 *
 * Methods keep their own types (a getter or method on a configuration class still reads as declared); `Date`
 * stays a `Date` because its own methods are how it is read (`getTime()`), and a frozen `Date` can still be
 * changed through `setTime()` — its value is not covered by `Object.freeze`, so the type does not pretend it is.
 *
 * Constructor parameters that are injected by type must keep the class as their declared type
 * (`private readonly db: DatabaseConfig`), because `emitDecoratorMetadata` records the declared type and a
 * mapped type is recorded as `Object`; the instance injected is the same frozen one. To have the compiler
 * refuse writes there as well, declare the parameter `@inject(DatabaseConfig) db: ReadonlyDeep<DatabaseConfig>`.
 */
export type ReadonlyDeep<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends Date
    ? T
    : T extends ReadonlyMap<infer K, infer V>
      ? ReadonlyMap<K, ReadonlyDeep<V>>
      : T extends ReadonlySet<infer V>
        ? ReadonlySet<ReadonlyDeep<V>>
        : T extends readonly unknown[]
          ? { readonly [I in keyof T]: ReadonlyDeep<T[I]> }
          : T extends object
            ? { readonly [K in keyof T]: ReadonlyDeep<T[K]> }
            : T;
