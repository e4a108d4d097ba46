import type { SsmBackoffOptions } from './ssm-source-options.js';

/** The backoff settings with every default filled in. */
export type ResolvedBackoff = Required<SsmBackoffOptions>;

/** The default backoff between failed polls. */
export const DEFAULT_BACKOFF: ResolvedBackoff = { initialDelayMs: 1000, maxDelayMs: 300_000, multiplier: 2 };

/** The poll interval with ±10% jitter, so many instances do not poll in step. */
export function jitteredInterval(intervalMs: number, random: () => number = Math.random): number {
  return intervalMs * (0.9 + random() * 0.2);
}

/**
 * The delay before retrying after `failures` failed polls in a row (1 for the first): exponential, capped at
 * `maxDelayMs`, then jittered to between half and all of it ("equal jitter").
 */
export function backoffDelay(
  failures: number,
  backoff: ResolvedBackoff,
  random: () => number = Math.random,
): number {
  const exponential = backoff.initialDelayMs * backoff.multiplier ** Math.max(0, failures - 1);
  const capped = Math.min(backoff.maxDelayMs, exponential);
  return capped / 2 + (random() * capped) / 2;
}
