import { LayerBuilder } from '../layer/layer-builder.js';
import type { Layer, LeafValue } from '../models/layer.js';
import { deepEqual } from '../snapshot/deep-equal.js';
import type { Snapshot } from '../snapshot/snapshot.js';

/**
 * For a change that touches `@Reloadable(false)` values: a layer that holds those values at what is in effect
 * now, so the rest of the change applies and they wait for a restart. Undefined when none changed.
 */
export function pinRestartValues(
  current: Snapshot,
  next: Snapshot,
): { layer: Layer; paths: string[] } | undefined {
  const builder = new LayerBuilder({ source: 'restart-required' });
  const paths: string[] = [];
  for (const field of next.schema.fields) {
    if (field.reloadable) continue;
    const before = current.value(field.path);
    if (deepEqual(before, next.value(field.path))) continue;
    paths.push(field.path);
    const origin = current.originOf(field.path) ?? {
      source: 'default',
      locator: `${field.path} (kept until restart)`,
    };
    builder.set(field.segments, (before ?? null) as LeafValue, origin);
  }
  if (paths.length === 0) return undefined;
  return { layer: builder.build(), paths };
}
