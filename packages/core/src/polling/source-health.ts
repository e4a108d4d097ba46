import type { Logger } from '../models/logger.js';
import { silentLogger } from '../models/logger.js';
import type { SourceSignals } from '../models/source.js';

/**
 * Turns a source's background failures into one `failed` signal per outage and one `recovered` when every
 * kind of work succeeds again, so an outage is reported once, not at every retry. A source with several
 * kinds of background work (Vault: polls and token renewal) names each; the source is healthy when none
 * is failing.
 *
 * @example
 * const health = new SourceHealth('vault:secret/app');
 * health.attach(signals);
 * startPolling({ …, onFailure: (error) => health.fail('poll', error, true), onRecovery: () => health.ok('poll') });
 */
export class SourceHealth {
  readonly #source: string;
  readonly #failing = new Set<string>();
  #signals: SourceSignals | undefined;
  #logger: Logger = silentLogger;

  /** @param source the source's name, logged with every report. */
  constructor(source: string) {
    this.#source = source;
  }

  /** Where to report from now on; with `undefined` (while not watched) failures are only logged. */
  attach(signals: SourceSignals | undefined): void {
    this.#signals = signals;
  }

  /** Where to log from now on (the latest `SourceContext.logger`). @default silentLogger */
  useLogger(logger: Logger): void {
    this.#logger = logger;
  }

  /** True while some kind of work is failing. */
  get failing(): boolean {
    return this.#failing.size > 0;
  }

  /** `work` failed: signal `failed` if nothing was failing, else log quietly. */
  fail(work: string, error: Error, willRetry: boolean): void {
    const first = this.#failing.size === 0;
    this.#failing.add(work);
    if (!first) {
      this.#logger.debug(`${this.#source}: still failing: ${error.message}`, { source: this.#source });
      return;
    }
    this.#logger.warn(error.message, { source: this.#source, willRetry });
    this.#signals?.failed(error, willRetry);
  }

  /**
   * `work` failed where the engine already saw it (a `load()` that threw): remember the outage without
   * reporting it again, so that the next success reports the recovery.
   */
  markFailing(work: string): void {
    this.#failing.add(work);
  }

  /** `work` succeeded: signal `recovered` when it was the last kind failing. */
  ok(work: string): void {
    if (!this.#failing.delete(work) || this.#failing.size > 0) return;
    this.#logger.info(`${this.#source}: works again`, { source: this.#source });
    this.#signals?.recovered();
  }
}
