import type { LeafValue } from './layer.js';
import type { Origin } from './origin.js';

/**
 * One runtime override as the layer stack keeps it: a leaf at a canonical path, with the metadata `list()`
 * reports. Immutable: an operation builds a new list, so a generation in the history keeps the overrides it
 * was built from and a rollback brings exactly those back.
 */
export interface StoredOverride {
  /** The canonical dotted path (schema spelling where the path is known): the key `set` and `delete` match. */
  readonly key: string;
  /** The segments the layer entry is built from. */
  readonly segments: readonly string[];
  /** The schema field the path sets (a field, or the object-typed field a sub-key lies in); undefined if unknown. */
  readonly field: string | undefined;
  readonly value: LeafValue;
  /** The value is text to convert to the field's type, as an environment variable is. */
  readonly text: boolean;
  readonly origin: Origin;
  readonly reason: string | undefined;
  /** Epoch milliseconds. */
  readonly setAt: number;
  /** Epoch milliseconds after which the override lapses; undefined: until deleted. */
  readonly expiresAt: number | undefined;
}
