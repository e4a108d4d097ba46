import type { Layer, LeafValue, Origin } from '@strata/core';

/** The layer's values by dotted path (later entries win, as in the engine). */
export function valuesOf(layer: Layer): Record<string, LeafValue> {
  const values: Record<string, LeafValue> = {};
  for (const entry of layer.entries) values[entry.path.join('.')] = entry.value;
  return values;
}

/** The origin of the entry at a dotted path. */
export function originAt(layer: Layer, path: string): Origin | undefined {
  return layer.entries.find((entry) => entry.path.join('.') === path)?.origin;
}

/** The layer's entries as `[dotted path, value, locator]` triples, for compact assertions. */
export function triples(layer: {
  entries: readonly { path: readonly string[]; value: unknown; origin: { locator: string } }[];
}): [string, unknown, string][] {
  return layer.entries.map((e) => [e.path.join('.'), e.value, e.origin.locator]);
}
