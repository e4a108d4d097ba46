/**
 * Exponential backoff with full jitter: a random wait in `[0, min(max, base · 2^(retry-1))]`, `retry`
 * counting from 1. Full jitter spreads many clients that failed together (AWS Architecture Blog,
 * "Exponential Backoff And Jitter").
 */
export function backoffDelay(
  retry: number,
  baseDelayMs: number,
  maxDelayMs: number,
  random: () => number = Math.random,
): number {
  const cap = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * cap);
}

/** `intervalMs` ± 10%, so many instances do not poll Vault in lockstep. */
export function jitteredInterval(intervalMs: number, random: () => number = Math.random): number {
  return Math.round(intervalMs * (0.9 + 0.2 * random()));
}
