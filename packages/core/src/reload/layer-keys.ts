import type { Layer, LayerEntry } from '../models/layer.js';
import type { PathIndex } from '../pipeline/path-index.js';

/** How much of a layer the schema recognises. */
export interface LayerKeys {
  /** Entries whose path is a field (or a section or nested class) of the schema. */
  readonly known: number;
  /** Entries whose path is nowhere in the schema. */
  readonly unknown: number;
  /** The first unknown entry, to name in a message. */
  readonly firstUnknown: LayerEntry | undefined;
}

/** Count a layer's known and unknown entries with the schema's path index (the same rule merging uses). */
export function layerKeys(layer: Layer, index: PathIndex): LayerKeys {
  let known = 0;
  let unknown = 0;
  let firstUnknown: LayerEntry | undefined;
  for (const entry of layer.entries) {
    if (index.resolve(entry.path).kind === 'unknown') {
      unknown++;
      firstUnknown ??= entry;
    } else {
      known++;
    }
  }
  return { known, unknown, firstUnknown };
}

/** More than half of the layer's entries are unknown. */
export function mostlyUnknown(keys: LayerKeys): boolean {
  return keys.unknown > keys.known;
}
