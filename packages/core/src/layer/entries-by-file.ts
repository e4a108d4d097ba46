import type { Layer, LayerEntry } from '../models/layer.js';

/**
 * A layer's entries grouped by the file each came from (`config/default.yaml:3:1` → `config/default.yaml`),
 * in the layer's order: a file source's layer holds several files, and a file's `strata-mac` or
 * `configVersion` applies to that file alone.
 */
export function entriesByFile(layer: Layer): Map<string, LayerEntry[]> {
  const files = new Map<string, LayerEntry[]>();
  for (const entry of layer.entries) {
    const file = entry.origin.locator.replace(/:\d+(:\d+)?$/, '');
    const group = files.get(file);
    if (group) group.push(entry);
    else files.set(file, [entry]);
  }
  return files;
}
