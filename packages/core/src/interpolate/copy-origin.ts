import type { Origin } from '../models/origin.js';

/**
 * A copy of an origin with some fields added. Copies property descriptors rather than spreading: a file
 * origin's locator may be a getter that computes the position on first read, and spreading would compute it
 * for every templated value at load. Getters stay bound to the original, whose state they may read.
 */
export function copyOrigin(
  origin: Origin,
  patch: { readonly [K in keyof Origin]?: Origin[K] | undefined },
): Origin {
  const descriptors = Object.getOwnPropertyDescriptors(origin);
  for (const descriptor of Object.values(descriptors)) {
    if (descriptor.get) descriptor.get = descriptor.get.bind(origin);
  }
  const copy = Object.defineProperties({}, descriptors) as Origin;
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) Object.defineProperty(copy, key, { value, enumerable: true });
  }
  return copy;
}
