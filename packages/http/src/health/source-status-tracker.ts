import type { Config, Unsubscribe } from '@strata/core';
import type { PollHealth } from '@strata/core/source';

/** One source's health, as `GET /health/ready` reports it. */
export interface SourceStatus {
  readonly source: string;
  /** `up`, or `down` since a failure that has not recovered. */
  readonly status: 'up' | 'down';
  readonly required: boolean;
  /** True when its values may no longer be what the store holds (see {@link SourceStatusTracker}). */
  readonly stale: boolean;
  /** ISO time of the last known success; null before any. */
  readonly lastSuccess: string | null;
  /** Seconds since the last known success; null before any. */
  readonly stalenessSeconds: number | null;
  /** The last failure's message (core's messages carry no secret values); null when none. */
  readonly lastError: string | null;
  /** ISO time of the next attempt, when a poller reports it; null otherwise. */
  readonly nextRetry: string | null;
}

/** A source's poll loop, when the application runs one and lets the health endpoints see it. */
export type PollHealthProbe = () => PollHealth;

interface Tracked {
  up: boolean;
  lastSuccessAt: number | undefined;
  lastError: string | undefined;
}

/**
 * Follows every source's health through the configuration's events: `sourceFailed` marks it down with its
 * message, `sourceRecovered` and a `changed` event it caused mark a success. A watched source that has not
 * failed is fresh (a file watcher is told about changes; it does not fetch). For a polled source, pass the
 * poller's health (`probes`): its last success, staleness and next attempt then come from the poll loop
 * itself, so a poll that finds nothing new still counts as fresh.
 */
export class SourceStatusTracker {
  readonly #config: Config;
  readonly #probes: Readonly<Record<string, PollHealthProbe>>;
  readonly #now: () => number;
  readonly #tracked = new Map<string, Tracked>();
  readonly #off: Unsubscribe[] = [];

  constructor(config: Config, probes: Readonly<Record<string, PollHealthProbe>>, now: () => number) {
    this.#config = config;
    this.#probes = probes;
    this.#now = now;
    const first =
      config
        .history()
        .find((entry) => entry.generation === 1)
        ?.createdAt.getTime() ?? now();
    const failed = new Map(config.startupFailures.map((event) => [event.source, event.error.message]));
    for (const source of config.sources) {
      const error = failed.get(source.name);
      this.#tracked.set(source.name, {
        up: error === undefined,
        lastSuccessAt: error === undefined ? first : undefined,
        lastError: error,
      });
    }
    this.#off.push(
      config.on('sourceFailed', (event) => {
        const tracked = this.#get(event.source);
        tracked.up = false;
        tracked.lastError = event.error.message;
      }),
      config.on('sourceRecovered', (event) => this.#success(event.source)),
      config.on('changed', (event) => {
        for (const reason of event.reasons)
          if (this.#tracked.has(reason.source)) this.#success(reason.source);
      }),
    );
  }

  /** Every source's status, in precedence order. */
  statuses(): SourceStatus[] {
    const now = this.#now();
    return this.#config.sources.map((source) => {
      const tracked = this.#get(source.name);
      const probe = this.#probes[source.name]?.();
      const lastSuccessAt = probe ? probe.lastSuccessAt : tracked.lastSuccessAt;
      const up = probe ? probe.consecutiveFailures === 0 && probe.state !== 'stopped' : tracked.up;
      const lastError = probe?.lastError?.message ?? tracked.lastError;
      return {
        source: source.name,
        status: up ? 'up' : 'down',
        required: source.optional !== true,
        stale: probe ? probe.stale : !up,
        lastSuccess: lastSuccessAt === undefined ? null : new Date(lastSuccessAt).toISOString(),
        stalenessSeconds:
          lastSuccessAt === undefined ? null : Math.max(0, Math.round((now - lastSuccessAt) / 1000)),
        lastError: lastError ?? null,
        nextRetry: probe?.nextAttemptAt === undefined ? null : new Date(probe.nextAttemptAt).toISOString(),
      };
    });
  }

  /** Stop following the events. */
  close(): void {
    for (const off of this.#off.splice(0)) off();
  }

  #success(source: string): void {
    const tracked = this.#get(source);
    tracked.up = true;
    tracked.lastSuccessAt = this.#now();
  }

  #get(source: string): Tracked {
    let tracked = this.#tracked.get(source);
    if (!tracked) {
      tracked = { up: true, lastSuccessAt: undefined, lastError: undefined };
      this.#tracked.set(source, tracked);
    }
    return tracked;
  }
}
