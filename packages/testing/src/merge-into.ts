import { type LeafValue } from '@strata/core';
import { isPlainObject } from '@strata/core/source';

/** A tree being merged into (a `ValueTree`). */
type ValueTree = { [key: string]: LeafValue };

/** Merge `source` into `target`: plain objects merge, anything else replaces. */
export function mergeInto(target: ValueTree, source: { readonly [key: string]: LeafValue }): void {
  for (const key of Object.keys(source)) {
    const value = source[key] as LeafValue;
    const existing = target[key];
    if (isPlainObject(value) && isPlainObject(existing)) {
      const copy: ValueTree = Object.assign(Object.create(null), existing);
      mergeInto(copy, value);
      target[key] = copy;
    } else if (isPlainObject(value)) {
      const copy: ValueTree = Object.create(null);
      mergeInto(copy, value);
      target[key] = copy;
    } else {
      target[key] = value;
    }
  }
}
