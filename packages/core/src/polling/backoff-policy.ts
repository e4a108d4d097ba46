/** How long to wait before retrying after failures: exponential, capped, with full jitter. */
export interface BackoffPolicy {
  /** The cap of the delay after the first failure. @default 1000 */
  readonly initialDelayMs?: number | undefined;
  /** The largest delay, however many failures in a row. @default 300000 (5 minutes) */
  readonly maxDelayMs?: number | undefined;
  /** Each further failure multiplies the cap by this. @default 2 */
  readonly multiplier?: number | undefined;
}

/** {@link BackoffPolicy} with every default filled in. */
export type ResolvedBackoffPolicy = { readonly [K in keyof BackoffPolicy]-?: number };

/** The defaults of {@link BackoffPolicy}. */
export const DEFAULT_BACKOFF: ResolvedBackoffPolicy = Object.freeze({
  initialDelayMs: 1000,
  maxDelayMs: 300_000,
  multiplier: 2,
});

/** `policy` with the defaults filled in for the fields it leaves out (or sets to `undefined`). */
export function resolveBackoff(policy: BackoffPolicy = {}): ResolvedBackoffPolicy {
  return {
    initialDelayMs: policy.initialDelayMs ?? DEFAULT_BACKOFF.initialDelayMs,
    maxDelayMs: policy.maxDelayMs ?? DEFAULT_BACKOFF.maxDelayMs,
    multiplier: policy.multiplier ?? DEFAULT_BACKOFF.multiplier,
  };
}
