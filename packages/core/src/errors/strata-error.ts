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
  | 'CLOSED';

/**
 * The base of every error Strata throws. Check with {@link StrataError.is} (survives two installed copies of
 * the package) and branch on {@link StrataError.code}.
 */
export class StrataError extends Error {
  readonly code: StrataErrorCode;

  constructor(code: StrataErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.name = new.target.name;
    Object.defineProperty(this, brand, { value: true });
  }

  /** True for any Strata error, optionally with the given code, even from another copy of the package. */
  static is(value: unknown, code?: StrataErrorCode): value is StrataError {
    if (typeof value !== 'object' || value === null || (value as Record<symbol, unknown>)[brand] !== true) {
      return false;
    }
    return code === undefined || (value as StrataError).code === code;
  }
}
