import type { FlagValueType } from './flag-value.js';

/** A declared flag, as `Flags.list()` describes it. */
export interface FlagInfo {
  /** The flag's path and OpenFeature key: `features.newCheckout`. */
  readonly key: string;
  /** The path of its rule tree: `features.newCheckoutRules`. */
  readonly rulesPath: string;
  readonly description: string;
  /** The kind of its value in the current snapshot. */
  readonly type: FlagValueType | undefined;
}
