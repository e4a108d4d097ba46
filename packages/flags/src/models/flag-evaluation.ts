import type { FlagValue } from './flag-value.js';

/**
 * Why a flag has its value, with OpenFeature's names for the same reasons: `STATIC` (the flag has no rules),
 * `TARGETING_MATCH` (a rule's conditions held), `SPLIT` (a percentage split chose the value), `DEFAULT` (it has
 * rules, none applied: the flag's own value) and `ERROR` (see `errorCode`).
 */
export type FlagReason = 'STATIC' | 'TARGETING_MATCH' | 'SPLIT' | 'DEFAULT' | 'ERROR';

/**
 * Why an evaluation failed, with OpenFeature's codes: `FLAG_NOT_FOUND` (no `@Flag` at that path),
 * `TARGETING_KEY_MISSING` (a split needed the attribute it buckets by; the flag's own value is returned),
 * `PARSE_ERROR` (the rules did not compile: only in a snapshot loaded without validation).
 */
export type FlagErrorCode = 'FLAG_NOT_FOUND' | 'TARGETING_KEY_MISSING' | 'PARSE_ERROR';

/** The outcome of `Flags.evaluate`. Results are frozen and may be shared between calls. */
export interface FlagEvaluation<T extends FlagValue = FlagValue> {
  /** The flag's path (`features.newCheckout`), which is also its OpenFeature flag key. */
  readonly flag: string;
  /** The value; for `FLAG_NOT_FOUND`, undefined. */
  readonly value: T;
  /**
   * The variant's name: a name from the flag's `variants`, else the value as text (`"true"`, `"blue"`,
   * `"42"`); undefined for an object value without a named variant, and for a secret flag's value without
   * one (variants reach logs and telemetry).
   */
  readonly variant: string | undefined;
  readonly reason: FlagReason;
  /** The rule that decided (`staff`, `rule 2`, `split`); undefined for `STATIC`, `DEFAULT` and errors. */
  readonly rule: string | undefined;
  /** Set when `reason` is `ERROR`. */
  readonly errorCode?: FlagErrorCode;
  /** Set when `reason` is `ERROR`: what went wrong, naming the flag. */
  readonly errorMessage?: string;
}
