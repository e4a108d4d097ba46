import type { Constructor } from '@strata/core';

const registryKey = Symbol.for('@strata/nestjs/liveTokens');

/**
 * The Nest injection token of the `Live<T>` handle of a configuration class: `@Inject(liveToken(DatabaseConfig))`,
 * or {@link InjectLive}. One symbol per class (not per name, so two classes named alike do not collide), the
 * same for every call and for every copy of this package loaded in the process (a library built against
 * another copy injects the handles this one provides).
 */
export function liveToken(cls: Constructor): symbol {
  // A WeakMap on globalThis under a Symbol.for key, as @strata/events does for its inversify identifiers: a
  // per-module map would give each installed copy its own tokens. Weak, so a discarded class takes its token.
  const store = globalThis as unknown as Record<symbol, WeakMap<Constructor, symbol> | undefined>;
  let registry = store[registryKey];
  if (!registry) {
    registry = new WeakMap();
    Object.defineProperty(globalThis, registryKey, { value: registry });
  }
  let token = registry.get(cls);
  if (token === undefined) {
    // The description is what Nest prints when it cannot resolve the token.
    token = Symbol(`Live<${cls.name}>`);
    registry.set(cls, token);
  }
  return token;
}
