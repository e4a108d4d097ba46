import type fc from 'fast-check';

/** Options of {@link arbitraryConfig} and `arbitraryInvalid`. */
export interface ArbitraryOptions {
  /**
   * Generators for fields the schema's rules cannot describe (a custom constraint), by dotted path
   * (`'database.url'`). They must produce valid values.
   */
  readonly fields?: Readonly<Record<string, fc.Arbitrary<unknown>>>;
  /** Longest generated array. @default 4 */
  readonly maxItems?: number;
}
