import type { Live } from './live.js';

/**
 * A decorator injecting the {@link Live} handle of configuration class `T`, typed so that the decorated
 * parameter or property must be a `Live<T>`: `@injectLive(DatabaseConfig) db: Live<PoolConfig>` does not
 * compile. TypeScript hands a parameter decorator the class and the parameter's index, and a property
 * decorator the prototype and the property's name, which is enough to look the declared type up.
 */
export interface LiveDecorator<T extends object> {
  /** On a constructor parameter: the parameter at `index` must be a `Live<T>`. */
  <Target extends abstract new (...args: never[]) => unknown, Index extends number>(
    target: Target,
    key: undefined,
    index: ConstructorParameters<Target>[Index] extends Live<T> ? Index : never,
  ): void;
  /** On a property: the property must be a `Live<T>`. */
  <Target extends object, Key extends string | symbol>(
    target: Target & { readonly [P in Key]?: Live<T> },
    key: Key,
  ): void;
}
