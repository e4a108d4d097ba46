import type { Config } from '@strata/core';
import type { TestSource } from './test-source.js';
import type { ValueTree } from './value-tree.js';

/** What `override()` needs of a configuration made by `createTestConfig`: its topmost source and the active overrides. */
export interface OverrideSlot {
  readonly source: TestSource;
  /** Active overrides, oldest first; the source serves them merged, later ones winning. */
  readonly active: { readonly tree: ValueTree }[];
}

const key = Symbol.for('@strata/testing/overrideSlots');

/**
 * The slots by configuration. Kept on `globalThis` under a `Symbol.for` key so that two installed copies of
 * this package (a test helper package and the test itself) see the same configurations.
 */
export function overrideSlots(): WeakMap<Config, OverrideSlot> {
  const holder = globalThis as { [key]?: WeakMap<Config, OverrideSlot> };
  holder[key] ??= new WeakMap();
  return holder[key];
}
