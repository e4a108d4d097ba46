import type { FixtureSpec } from '../fixtures/fixture-spec.js';
import type { LoadedConfig } from '../libs/adapter.js';

/** How a library's result compares with the expected merge of the three layers. */
export interface Verification {
  readonly checked: number;
  readonly mismatches: number;
  /** A few mismatches, `path: got … expected …`. */
  readonly examples: readonly string[];
}

/**
 * Compare every key with the expected value. `lenient` compares text (for libraries that leave environment
 * values as strings, like c12); otherwise values must be identical, types included.
 */
export function verify(loaded: LoadedConfig, spec: FixtureSpec, lenient: boolean): Verification {
  let checked = 0;
  let mismatches = 0;
  const examples: string[] = [];
  for (const [section, values] of Object.entries(spec.expected)) {
    for (const [key, expected] of Object.entries(values)) {
      checked++;
      const actual = loaded.value(section, key);
      const same = lenient ? String(actual) === String(expected) : Object.is(actual, expected);
      if (same) continue;
      mismatches++;
      if (examples.length < 5)
        examples.push(
          `${section}.${key}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`,
        );
    }
  }
  return { checked, mismatches, examples };
}
