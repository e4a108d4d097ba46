import type { Config, LeafValue, OverrideValues } from '@strata/core';
import { isPlainObject } from '@strata/core/source';
import { asyncDisposeSymbol, disposeSymbol, type OverrideHandle } from './override-handle.js';
import { type ActiveOverride, activeOverrides } from './override-registry.js';
import type { SectionValues } from './section-values.js';
import { type ValueTree, valueTreeOf } from './value-tree.js';

/** The actor `override()` names in the origin of its values (`override test`) and in change reasons. */
const ACTOR = 'test';

/**
 * Lay `values` over the configuration as one reload, through core's runtime override layer
 * (`config.overrides`): subscribers get a `changed` event, live handles and DI containers see the new values,
 * exactly as for a change from a real source. Invalid values throw the `ConfigValidationError` and leave the
 * configuration as it was. Works on every `Config`, made by `createTestConfig` or by `loadConfig`.
 *
 * The handle's restore removes only what this call set: a path a later `override()` also set keeps that
 * later value, and a path an earlier one set gets the earlier value back.
 *
 * @example await using _ = await override(config, valuesFor(DatabaseConfig, { port: 6543 }));
 */
export async function override(
  config: Config,
  values: SectionValues | readonly SectionValues[],
): Promise<OverrideHandle> {
  const tree = valueTreeOf(config.schema, Array.isArray(values) ? values : [values as SectionValues]);
  const entry: ActiveOverride = { leaves: leavesOf(tree) };
  await config.overrides.set(dotted(entry.leaves), { actor: ACTOR, reason: 'override()' });
  const active = activeOverrides(config);
  active.push(entry);
  let restoring: Promise<void> | undefined;
  const restore = (): Promise<void> => {
    if (restoring) return restoring;
    const index = active.indexOf(entry);
    if (index >= 0) active.splice(index, 1);
    restoring = config.closed || entry.leaves.size === 0 ? Promise.resolve() : putBack(config, entry, active);
    return restoring;
  };
  return {
    restore,
    [asyncDisposeSymbol]: restore,
    [disposeSymbol]: () => {
      // `using` cannot wait; the change is queued ahead of any later one, and its failure is kept for restore().
      restore().catch(() => undefined);
    },
  };
}

/**
 * For each path `gone` set: the value of the latest override still active that sets it, or no override.
 * One transaction, queued at once (so a `using` block's restore precedes the next change).
 */
async function putBack(
  config: Config,
  gone: ActiveOverride,
  active: readonly ActiveOverride[],
): Promise<void> {
  const set = new Map<string, LeafValue>();
  const remove: string[] = [];
  for (const path of gone.leaves.keys()) {
    let later: ActiveOverride | undefined;
    for (const other of active) if (other.leaves.has(path)) later = other;
    if (later) set.set(path, later.leaves.get(path) as LeafValue);
    else remove.push(path);
  }
  await config.overrides.update(
    { set: dotted(set), delete: remove },
    { actor: ACTOR, reason: 'override() restored' },
  );
}

/** The leaves of a value tree by dotted path: plain objects are walked, anything else is a leaf. */
function leavesOf(tree: ValueTree): Map<string, LeafValue> {
  const leaves = new Map<string, LeafValue>();
  const walk = (node: { readonly [key: string]: LeafValue }, above: string): void => {
    for (const key of Object.keys(node)) {
      const value = node[key] as LeafValue;
      const path = above === '' ? key : `${above}.${key}`;
      if (isPlainObject(value)) walk(value, path);
      else leaves.set(path, value);
    }
  };
  walk(tree, '');
  return leaves;
}

function dotted(leaves: ReadonlyMap<string, LeafValue>): OverrideValues {
  const values: { [path: string]: LeafValue } = Object.create(null);
  for (const [path, value] of leaves) values[path] = value;
  return values;
}
