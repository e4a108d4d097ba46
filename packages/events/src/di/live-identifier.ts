import type { Constructor } from '@strata/core';

const registryKey = Symbol.for('@strata/events/liveIdentifiers');

/**
 * The inversify service identifier of the {@link Live} handle of a configuration class:
 * `@inject(liveIdentifier(DatabaseConfig)) private readonly db: Live<DatabaseConfig>`.
 *
 * One symbol per class (not per class name, so two classes called `DatabaseConfig` do not collide), the
 * same for every call and for every copy of this package loaded in the process.
 */
export function liveIdentifier(cls: Constructor): symbol {
  const store = globalThis as unknown as Record<symbol, WeakMap<Constructor, symbol> | undefined>;
  let registry = store[registryKey];
  if (!registry) {
    registry = new WeakMap();
    Object.defineProperty(globalThis, registryKey, { value: registry });
  }
  let identifier = registry.get(cls);
  if (!identifier) {
    identifier = Symbol(`@strata/events/Live:${cls.name}`);
    registry.set(cls, identifier);
  }
  return identifier;
}
