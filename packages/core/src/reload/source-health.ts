import type { Logger } from '../models/logger.js';
import type { EmitConfigEvent } from '../events/config-event-hub.js';
import { toSourceError } from './to-source-error.js';

/**
 * Which sources are failing, and the `sourceFailed`/`sourceRecovered` events when that changes. Quiet once
 * the configuration is closed (`signal` aborted): a poller's last answer must not reach listeners after it.
 */
export class SourceHealth {
  readonly #failing = new Set<string>();
  readonly #emit: EmitConfigEvent;
  readonly #logger: Logger;
  readonly #signal: AbortSignal;

  constructor(init: {
    emit: EmitConfigEvent;
    logger: Logger;
    signal: AbortSignal;
    /** Sources that failed at start-up (optional ones the configuration started without). */
    failing: Iterable<string>;
  }) {
    this.#emit = init.emit;
    this.#logger = init.logger;
    this.#signal = init.signal;
    for (const name of init.failing) this.#failing.add(name);
  }

  /** A source failed; its last good layer stays in effect. */
  failed(source: string, error: unknown, willRetry: boolean): void {
    if (this.#signal.aborted) return;
    this.#failing.add(source);
    const failure = toSourceError(source, error);
    this.#logger.warn(
      `${failure.message}${willRetry ? ' (will retry)' : ''}; its last good values stay in effect`,
    );
    this.#emit('sourceFailed', { type: 'sourceFailed', source, error: failure, willRetry });
  }

  /** A source answered again; announced only when it had failed. */
  recovered(source: string): void {
    if (!this.#failing.delete(source) || this.#signal.aborted) return;
    this.#emit('sourceRecovered', { type: 'sourceRecovered', source });
  }
}
