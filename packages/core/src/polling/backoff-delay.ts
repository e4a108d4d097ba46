import { type BackoffPolicy, resolveBackoff } from './backoff-policy.js';

/**
 * The wait before retry number `failures` (1 after the first failure), in whole milliseconds: "full jitter",
 * a uniform draw from `[0, min(maxDelayMs, initialDelayMs · multiplier^(failures−1))]`.
 *
 * Why full jitter and not "equal jitter" (half fixed, half random): in the AWS Architecture Blog's
 * "Exponential Backoff And Jitter" simulation, full jitter finished the same work with the fewest calls,
 * because a fleet that failed together is spread over the whole window instead of only its upper half.
 * A draw near zero is harmless here: it is one early request from one instance, and the next failure
 * doubles the window. Every retry in Strata (request retries, token renewal, polls) uses this one formula.
 */
export function backoffDelay(
  failures: number,
  policy: BackoffPolicy = {},
  random: () => number = Math.random,
): number {
  const { initialDelayMs, maxDelayMs, multiplier } = resolveBackoff(policy);
  const window = Math.min(maxDelayMs, initialDelayMs * multiplier ** Math.max(0, failures - 1));
  return Math.round(random() * window);
}
