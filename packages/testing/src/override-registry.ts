import type { Config, LeafValue } from '@strata/core';

/** One `override()` still in effect: the leaves it set, by dotted path. */
export interface ActiveOverride {
  readonly leaves: ReadonlyMap<string, LeafValue>;
}

const key = Symbol.for('@strata/testing/activeOverrides');

/**
 * The `override()` calls in effect, per configuration, oldest first: a restore puts back, path by path, what
 * the latest other override set there, or removes the path. Kept on `globalThis` under a `Symbol.for` key so
 * that two installed copies of this package (a test helper package and the test itself) share the stacks.
 */
export function activeOverrides(config: Config): ActiveOverride[] {
  const holder = globalThis as { [key]?: WeakMap<Config, ActiveOverride[]> };
  holder[key] ??= new WeakMap();
  let stack = holder[key].get(config);
  if (!stack) {
    stack = [];
    holder[key].set(config, stack);
  }
  return stack;
}
