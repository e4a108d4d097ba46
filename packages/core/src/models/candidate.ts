import type { LeafValue } from './layer.js';
import type { Origin } from './origin.js';

/** One value one layer offered for a schema field. The last candidate of a field wins. */
export interface Candidate {
  readonly value: LeafValue;
  readonly origin: Origin;
  /** The value is text to convert (it came from a textual layer). */
  readonly textual: boolean;
  /** The index of the layer in the sources list. */
  readonly layer: number;
  /** Keys below the field, for object-typed fields (`labels.team` sets `team` inside `labels`). */
  readonly sub: readonly string[];
}
