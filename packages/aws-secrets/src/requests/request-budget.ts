/** The SDK's largest delay between two attempts (`MAXIMUM_RETRY_DELAY` of its standard retry strategy). */
const MAX_RETRY_DELAY_MS = 20_000;
/** The SDK's base delay after a throttling error (`THROTTLING_RETRY_DELAY_BASE`); other errors wait less. */
const THROTTLING_DELAY_BASE_MS = 500;

/**
 * How long one request may take with all its attempts: `attemptTimeoutMs` for each attempt plus the
 * longest the SDK's standard strategy can wait between them (`min(20 s, 500 ms × 2^n)` after a throttling
 * error, the largest it uses). The per-attempt timeout is what catches a hung endpoint; this outer bound only
 * backs it up (a client passed in by the user has no per-attempt timeout), so it must never cut short the
 * retries the user asked for by raising `maxAttempts`. 0 stays 0 (no timeout).
 */
export function requestBudgetMs(attemptTimeoutMs: number, maxAttempts: number): number {
  if (attemptTimeoutMs === 0) return 0;
  const attempts = Math.max(1, Math.floor(maxAttempts));
  let delays = 0;
  for (let retry = 1; retry < attempts; retry += 1) {
    delays += Math.min(MAX_RETRY_DELAY_MS, THROTTLING_DELAY_BASE_MS * 2 ** retry);
  }
  return attemptTimeoutMs * attempts + delays;
}
