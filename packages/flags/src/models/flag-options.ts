/** Options of `@Flag`. */
export interface FlagOptions {
  /** What the flag switches, for docs, `strata explain` and `strata flags explain`. */
  readonly description: string;
  /**
   * The key beside the flag that holds its rules.
   * @default `${property}Rules` (`newCheckoutRules` for `newCheckout`)
   */
  readonly rulesKey?: string;
  /**
   * The flag's values are secrets: the flag and its rules key are both `@Secret`, so the values inside the
   * rules (and the variant names, which are values' text) print as `[redacted]` everywhere, and a problem in
   * the rules is reported without quoting them. Use this instead of `@Secret()` on a flag (which would leave
   * the rules key plain: `createFlags` refuses that).
   * @default false
   */
  readonly secret?: boolean;
}
