import type { InputLimits } from '../layer/input-limits.js';
import type { LeafValue } from '../models/layer.js';

/** Who changes the overrides and why: recorded in the change's reasons (and, for `set`, in the origin). */
export interface OverrideChangeOptions {
  /**
   * Why, in a few words (`'incident 4312: shed load'`). Goes into the `changed` / `rejected` event's
   * `reasons` and into {@link OverrideEntry.reason}. Never put a secret here: reasons are not redacted.
   */
  readonly reason?: string;
  /**
   * Who: a user, a token name, a tool. The origin of the values set is `{ source: 'override', locator: actor }`.
   * @default 'runtime'
   */
  readonly actor?: string;
}

/** Options of `config.overrides.set` and `update`. */
export interface OverrideOptions extends OverrideChangeOptions {
  /**
   * Lapse after this many milliseconds: the override is removed through the same transaction (a `changed`
   * event with reason `override expired`). A positive, finite number. @default no expiry
   */
  readonly ttlMs?: number;
  /**
   * The values are text to convert to each field's declared type, exactly as an environment variable's
   * (`'8080'` → `8080`, `'true'` → `true`, JSON text for lists and objects). Without it values are typed: a
   * string given for a number field is a validation error, never converted silently. @default false
   */
  readonly text?: boolean;
  /**
   * Bounds for the values given (keys, nesting, string length), checked before anything is built.
   * @default defaultInputLimits
   */
  readonly limits?: Partial<InputLimits>;
}

/**
 * Values to set, as a tree, dotted paths, or both: `{ server: { port: 8080 } }`, `{ 'server.port': 8080 }`.
 * Plain objects are walked down to their leaves (they merge with what is set already); arrays are leaves.
 */
export type OverrideValues = { readonly [path: string]: LeafValue };

/** One atomic change of the overrides: values to set and paths to delete, validated and applied together. */
export interface OverrideUpdate {
  readonly set?: OverrideValues;
  /** Paths whose overrides (and overrides below them) are removed. */
  readonly delete?: readonly string[];
}
