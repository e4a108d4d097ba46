import { LayerBuilder } from '../layer/layer-builder.js';
import type { Layer } from '../models/layer.js';
import type { StoredOverride } from '../models/stored-override.js';

/** The name of the override layers, as `Layer.source`. */
export const OVERRIDE_LAYER = 'override';

/**
 * The layers of a list of overrides, lowest first: one per run of typed or text values (a layer is either
 * textual or not), in the order the overrides were set, so a later override wins where two meet.
 */
export function overrideLayers(overrides: readonly StoredOverride[]): Layer[] {
  const layers: Layer[] = [];
  let builder: LayerBuilder | undefined;
  let text = false;
  for (const override of overrides) {
    if (!builder || override.text !== text) {
      if (builder) layers.push(builder.build());
      builder = new LayerBuilder({ source: OVERRIDE_LAYER, textual: override.text });
      text = override.text;
    }
    builder.set(override.segments, override.value, override.origin);
  }
  if (builder) layers.push(builder.build());
  return layers;
}
