import type { Config } from '@strata/core';
import { asyncDisposeSymbol, disposeSymbol, type OverrideHandle } from './override-handle.js';
import { overrideSlots } from './override-registry.js';
import type { SectionValues } from './section-values.js';
import { TestingError } from './testing-error.js';
import { mergeInto } from './merge-into.js';
import { type ValueTree, valueTreeOf } from './value-tree.js';

/**
 * Lay `values` over the configuration as one reload: subscribers get a `changed` event, live handles and DI
 * containers see the new values, exactly as for a change from a real source. Invalid values throw the
 * `ConfigValidationError` and leave the configuration as it was.
 *
 * Works on configurations made by `createTestConfig`, whose topmost source it writes to.
 *
 * @example await using _ = await override(config, valuesFor(DatabaseConfig, { port: 6543 }));
 */
export async function override(
  config: Config,
  values: SectionValues | readonly SectionValues[],
): Promise<OverrideHandle> {
  const slot = overrideSlots().get(config);
  if (!slot) {
    throw new TestingError(
      'override() needs a configuration made by createTestConfig(): it applies overrides through a topmost ' +
        'source of its own, and this configuration has none (core has no runtime-override layer to use instead)',
    );
  }
  const entry = {
    tree: valueTreeOf(config.schema, Array.isArray(values) ? values : [values as SectionValues]),
  };
  slot.active.push(entry);
  const apply = async (): Promise<void> => {
    slot.source.replace(mergedOf(slot.active));
    const result = await slot.source.settle();
    if (result.status === 'rejected') throw result.error;
  };
  try {
    await apply();
  } catch (error) {
    slot.active.splice(slot.active.indexOf(entry), 1);
    // The rejected values must not linger in the source for the next reload to pick up.
    slot.source.replace(mergedOf(slot.active));
    throw error;
  }
  let restoring: Promise<void> | undefined;
  const restore = (): Promise<void> => {
    if (restoring) return restoring;
    const index = slot.active.indexOf(entry);
    if (index >= 0) slot.active.splice(index, 1);
    restoring = config.closed ? Promise.resolve() : apply();
    return restoring;
  };
  return {
    restore,
    [asyncDisposeSymbol]: restore,
    [disposeSymbol]: () => {
      // `using` cannot wait; the reload is queued ahead of any later one, and its failure is kept for restore().
      restore().catch(() => undefined);
    },
  };
}

function mergedOf(active: readonly { readonly tree: ValueTree }[]): ValueTree {
  const merged: ValueTree = Object.create(null);
  for (const entry of active) mergeInto(merged, entry.tree);
  return merged;
}
