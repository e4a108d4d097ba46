import type { Layer } from '../models/layer.js';

/**
 * The layers one generation is built from, in precedence order (later wins): one per source, then the layers
 * above every source.
 *
 * `above` is empty today. It is the place for the next kinds of values, which are all layers riding on the
 * same reload transaction: runtime overrides (the topmost layer: a `setOverride` puts its layer here and asks
 * the transaction to apply the new stack) and, per view, tenant or user scopes (a stack above the service's).
 * Provenance, validation, redaction, history and rollback then hold for them without new code.
 */
export interface LayerStack {
  /** One layer per source, in the sources' order (an empty layer for a source that has none). */
  readonly sources: readonly Layer[];
  /** Layers above every source, lowest first. */
  readonly above: readonly Layer[];
}

/** Every layer of a stack, in precedence order. */
export function layersOf(stack: LayerStack): Layer[] {
  return stack.above.length === 0 ? [...stack.sources] : [...stack.sources, ...stack.above];
}
