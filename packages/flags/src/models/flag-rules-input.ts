/**
 * The rule tree of one flag as a source gives it, under the key beside the flag's (`newCheckoutRules` for
 * `newCheckout`). docs/flags.md describes every key; in YAML:
 *
 * ```yaml
 * features:
 *   newCheckout: false            # the flag: its value when no rule applies
 *   newCheckoutRules:
 *     rules:
 *       - name: staff
 *         when: { email: { regex: '@example\.com$' } }
 *         value: true
 *       - name: old-apps
 *         when: { appVersion: { semver: '<2.0.0' } }
 *         value: false
 *     split: { true: 10, false: 90 }   # everyone else: 10 % on, bucketed by targetingKey
 * ```
 */
export interface FlagRulesInput {
  /** Named values (`blue: { color: '#00f' }`), for rules and splits to refer to by `variant` / split key. */
  readonly variants?: { readonly [name: string]: unknown };
  /** Rules in order: the first whose conditions and time window hold decides. */
  readonly rules?: readonly FlagRuleInput[];
  /** A split for everyone no rule matched: variant (or value) → whole percentage; they sum to 100. */
  readonly split?: { readonly [variant: string]: number };
  /** The context attribute the top-level split buckets by. Default: the flag's key + `targetingKey`. */
  readonly by?: string;
}

/** One rule of a {@link FlagRulesInput}. Exactly one of `value`, `variant` and `split`. */
export interface FlagRuleInput {
  /** Shown as the deciding rule; default `rule N` (1-based). */
  readonly name?: string;
  /**
   * Conditions, all of which must hold: `attribute: value` (equals), `attribute: [a, b]` (in), or
   * `attribute: { operator: operand, … }` with the operators `equals`, `notEquals`, `in`, `notIn`, `semver`,
   * `regex`, `lt`, `lte`, `gt`, `gte`.
   */
  readonly when?: { readonly [attribute: string]: unknown };
  /** The rule applies from this instant (ISO 8601 with a zone, inclusive). */
  readonly from?: string | Date;
  /** The rule applies until this instant (exclusive). */
  readonly until?: string | Date;
  readonly value?: unknown;
  readonly variant?: string;
  readonly split?: { readonly [variant: string]: number };
  /** The attribute this rule's split buckets by. */
  readonly by?: string;
}
