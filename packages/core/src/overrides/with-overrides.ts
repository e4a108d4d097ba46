import type { StoredOverride } from '../models/stored-override.js';
import type { LayerStack } from '../reload/layer-stack.js';
import { overrideLayers } from './override-layers.js';

/** `stack` with its overrides replaced (and the override layers rebuilt). */
export function withOverrides(stack: LayerStack, overrides: readonly StoredOverride[]): LayerStack {
  return { sources: stack.sources, above: overrideLayers(overrides), overrides };
}
