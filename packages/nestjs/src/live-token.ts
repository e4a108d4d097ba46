import type { Constructor } from '@strata/core';

/** One symbol per class; a WeakMap, so a class that is garbage-collected takes its token with it. */
const tokens = new WeakMap<Constructor, symbol>();

/**
 * The Nest injection token of the `Live<T>` handle of a configuration class: `@Inject(liveToken(DatabaseConfig))`,
 * or {@link InjectLive}. One symbol per class (not per name), so two classes named alike do not collide.
 */
export function liveToken(cls: Constructor): symbol {
  let token = tokens.get(cls);
  if (token === undefined) {
    // The description is what Nest prints when it cannot resolve the token.
    token = Symbol(`Live<${cls.name}>`);
    tokens.set(cls, token);
  }
  return token;
}
