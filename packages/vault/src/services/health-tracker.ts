import type { Logger, SourceSignals } from '@strata/core';

/** Background work that can fail on its own. */
export type BackgroundWork = 'poll' | 'auth';

/**
 * Turns background failures into one `failed` signal per failure streak and one `recovered` when every kind
 * of work succeeds again, so a Vault outage is reported once, not at every retry.
 */
export class HealthTracker {
  readonly #failing = new Set<BackgroundWork>();
  readonly #source: string;
  #signals: SourceSignals | undefined;

  constructor(source: string) {
    this.#source = source;
  }

  /** Where to report (undefined: log only). */
  attach(signals: SourceSignals | undefined): void {
    this.#signals = signals;
  }

  fail(work: BackgroundWork, error: Error, willRetry: boolean, logger: Logger): void {
    const first = this.#failing.size === 0;
    this.#failing.add(work);
    if (!first) {
      logger.debug(`vault: still failing: ${error.message}`, { source: this.#source });
      return;
    }
    logger.warn(error.message, { source: this.#source, willRetry });
    this.#signals?.failed(error, willRetry);
  }

  ok(work: BackgroundWork, logger: Logger): void {
    if (!this.#failing.delete(work) || this.#failing.size > 0) return;
    logger.info(`vault: source "${this.#source}" works again`, { source: this.#source });
    this.#signals?.recovered();
  }
}
