import type { InputLimits } from '../models/input-limits.js';

export type { InputLimits };

/** The limits every reader applies unless its `limits` option raises (or lowers) one. */
export const defaultInputLimits: InputLimits = Object.freeze({
  maxBytes: 10 * 1024 * 1024,
  maxKeys: 100_000,
  maxDepth: 64,
  maxStringLength: 1024 * 1024,
});

/**
 * The limits in effect for a `limits` option: the defaults with the given fields replaced. Throws a
 * `RangeError` for a field that is not a positive integer (a typo must not turn a limit off).
 */
export function resolveInputLimits(limits?: Partial<InputLimits>): InputLimits {
  if (limits === undefined) return defaultInputLimits;
  const resolved = { ...defaultInputLimits, ...limits };
  for (const [name, value] of Object.entries(resolved)) {
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new RangeError(`limits.${name} must be a positive integer, got ${String(value)}`);
    }
  }
  return Object.freeze(resolved);
}
