/** What a poller is doing now. */
export type PollState = 'waiting' | 'polling' | 'stopped';

/** A poller's health at one moment: a plain, frozen record, safe to log or serve from a health endpoint. */
export interface PollHealth {
  /** `waiting` for the next attempt, `polling` (an attempt in flight), or `stopped` (disposed or aborted). */
  readonly state: PollState;
  /** When the last attempt succeeded (epoch ms); undefined before the first success. */
  readonly lastSuccessAt: number | undefined;
  /** When the last attempt failed (epoch ms); undefined when none has failed yet. */
  readonly lastFailureAt: number | undefined;
  /** The last failure's error, kept after a recovery so a health page can say what it was. */
  readonly lastError: Error | undefined;
  /** Failed attempts since the last success; 0 when the last attempt worked. */
  readonly consecutiveFailures: number;
  /** When the next attempt is due (epoch ms); undefined while one runs and once stopped. */
  readonly nextAttemptAt: number | undefined;
  /**
   * True when no attempt has succeeded for longer than `staleAfterMs` (counted from the start when none
   * ever did): the values last fetched may no longer be what the store holds.
   */
  readonly stale: boolean;
}
