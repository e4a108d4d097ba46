import type { StrataError } from '../errors/strata-error.js';
import type { Layer } from '../models/layer.js';
import type { ConfigSource, SourceContext } from '../models/source.js';
import { toSourceError } from './to-source-error.js';

/** What loading one source gave: its prepared layer, or its failure as a Strata error. */
export type LoadOutcome =
  | { readonly ok: true; readonly layer: Layer }
  | { readonly ok: false; readonly error: StrataError };

/**
 * Load one source and prepare its layer (MACs checked, migrated), the same way at start-up and on reload.
 * Never throws: a `SOURCE_FAILED` error is an outage, any other code a bad content (a file that no longer
 * parses, a MAC that does not verify).
 */
export async function loadSource(
  source: ConfigSource,
  context: SourceContext,
  prepare: (layer: Layer) => Layer,
): Promise<LoadOutcome> {
  try {
    return { ok: true, layer: prepare(await source.load(context)) };
  } catch (error) {
    return { ok: false, error: toSourceError(source.name, error) };
  }
}
