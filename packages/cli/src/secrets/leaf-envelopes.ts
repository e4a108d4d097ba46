import { findEnvelopes } from '@strata/core/secrets';

/** An encrypted value inside one parsed leaf, with its full path. */
export interface LeafEnvelope {
  readonly segments: readonly string[];
  /** The segments joined with `.`: the path the value is sealed to. */
  readonly path: string;
  readonly envelope: string;
}

/**
 * The encrypted values of one leaf of a parsed file or layer: the leaf itself when it is an `enc:` string,
 * or the encrypted items of a list (sealed to `path.<index>`, as the engine decrypts them).
 */
export function leafEnvelopes(path: readonly string[], value: unknown): LeafEnvelope[] {
  return findEnvelopes({ value }).map((found) => {
    const segments = [...path, ...found.segments.slice(1)];
    return { segments, path: segments.join('.'), envelope: found.envelope };
  });
}
