/** Options of `@Flag`. */
export interface FlagOptions {
  /** What the flag switches, for docs, `strata explain` and `strata flags explain`. */
  readonly description: string;
  /**
   * The key beside the flag that holds its rules.
   * @default `${property}Rules` (`newCheckoutRules` for `newCheckout`)
   */
  readonly rulesKey?: string;
}
