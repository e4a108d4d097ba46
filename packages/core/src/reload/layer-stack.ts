import type { Layer } from '../models/layer.js';
import type { StoredOverride } from '../models/stored-override.js';

/**
 * The layers one generation is built from, in precedence order (later wins): one per source, then the layers
 * above every source.
 *
 * `above` holds the runtime overrides (`config.overrides`), the topmost layers, built from `overrides`. The
 * overrides are part of the stack, so a generation in the history keeps those it was built from: a rollback
 * brings them back (or removes them) with the sources' layers. The same place suits the next kinds of values,
 * which are all layers riding on the same reload transaction (per view, tenant or user scopes: a stack above
 * the service's). Provenance, validation, redaction, history and rollback hold for them without new code.
 */
export interface LayerStack {
  /** One layer per source, in the sources' order (an empty layer for a source that has none). */
  readonly sources: readonly Layer[];
  /** Layers above every source, lowest first: the override layers of `overrides`. */
  readonly above: readonly Layer[];
  /** The runtime overrides `above` was built from, in the order they were set. */
  readonly overrides: readonly StoredOverride[];
}

/** Every layer of a stack, in precedence order. */
export function layersOf(stack: LayerStack): Layer[] {
  return stack.above.length === 0 ? [...stack.sources] : [...stack.sources, ...stack.above];
}
