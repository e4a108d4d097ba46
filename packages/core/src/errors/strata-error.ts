import { printable } from '../text/printable.js';

const brand = Symbol.for('@strata/core/StrataError');

/** Stable codes callers can branch on. */
export type StrataErrorCode =
  | 'CONFIG_INVALID'
  | 'SOURCE_FAILED'
  | 'PARSE_ERROR'
  | 'DECRYPTION_FAILED'
  | 'KEYRING_INVALID'
  | 'UNSAFE_KEY'
  | 'DEFINITION_INVALID'
  | 'CLOSED'
  /** `rollback(generation)` named a generation the history does not hold. */
  | 'UNKNOWN_GENERATION'
  /** A reloaded source looks corrupted (none or few of its keys are in the schema any more); not applied. */
  | 'SUSPICIOUS_CHANGE'
  /** An input is larger or deeper than its limit (bytes, keys, depth, string length); see `InputLimits`. */
  | 'INPUT_LIMIT'
  /** A `${…}` reference leads back to the value that made it (`a` → `b` → `a`). */
  | 'INTERPOLATION_CYCLE'
  /** Scope values that cannot select a scope: an undeclared level, or a value with unsafe characters. */
  | 'SCOPE_INVALID'
  /** One scope's layers could not be loaded or make that scope's configuration invalid; see `ScopeError`. */
  | 'SCOPE_FAILED';

/**
 * The base of every error Strata throws. Check with {@link StrataError.is} (survives two installed copies of
 * the package) and branch on {@link StrataError.code}.
 */
export class StrataError extends Error {
  readonly code: StrataErrorCode;

  constructor(code: StrataErrorCode, message: string, options?: { cause?: unknown }) {
    // Messages quote keys, file names and values: none may reach a terminal as a control sequence.
    super(printable(message, true), options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.name = new.target.name;
    Object.defineProperty(this, brand, { value: true });
  }

  /**
   * The code every instance of this class has; subclasses set it so `ConfigValidationError.is(x)` means a
   * validation error, not any Strata error.
   */
  static readonly errorCode: StrataErrorCode | undefined = undefined;

  /**
   * True for a Strata error of this class (by its code, so it works across two installed copies of the
   * package), optionally with the given code. `StrataError.is(x)` accepts any Strata error.
   */
  static is<T extends StrataError>(
    this: { readonly errorCode: StrataErrorCode | undefined; readonly prototype: T },
    value: unknown,
    code?: StrataErrorCode,
  ): value is T {
    if (typeof value !== 'object' || value === null || (value as Record<symbol, unknown>)[brand] !== true) {
      return false;
    }
    // biome-ignore lint/complexity/noThisInStatic: `this` is the subclass the check was called on.
    const expected = code ?? this.errorCode;
    return expected === undefined || (value as StrataError).code === expected;
  }
}
