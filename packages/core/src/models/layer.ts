import type { InputLimits } from './input-limits.js';
import type { Origin } from './origin.js';

/** A value a source can hand over. Arrays and plain objects are leaves: they replace, they do not merge. */
export type LeafValue =
  | string
  | number
  | boolean
  | bigint
  | null
  | Date
  | readonly LeafValue[]
  | { readonly [key: string]: LeafValue };

/** One value of one layer, at a path of raw segments (the pipeline maps them onto schema names). */
export interface LayerEntry {
  /** Path segments as the source spelled them (`['DATABASE', 'POOL_SIZE']` or `['database', 'poolSize']`). */
  readonly path: readonly string[];
  readonly value: LeafValue;
  readonly origin: Origin;
}

/**
 * What one source produced: a flat list of leaves with their origins. Build it with {@link LayerBuilder},
 * which refuses unsafe segments. Entries later in the list win over earlier ones at the same path.
 */
export interface Layer {
  /** The producing source's name (`'file'`, `'env'`, `'vault:secret/app'`). */
  readonly source: string;
  readonly entries: readonly LayerEntry[];
  /**
   * Values are text that must be converted to the declared type (environment variables, flags, `.env`
   * files, Parameter Store). Values of typed layers (JSON, YAML, TOML) are never converted silently.
   */
  readonly textual: boolean;
  /** Non-fatal notes the source wants shown to the user (e.g. a deprecated file name). */
  readonly warnings: readonly string[];
  /** Bounds for JSON text in this layer's values and for their `${…}` expansions, when its source set them (else the defaults apply). */
  readonly limits?: InputLimits | undefined;
}
