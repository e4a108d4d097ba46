import { createHash } from 'node:crypto';
import type { Config, Unsubscribe } from '@strata/core';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { SourceStatusTracker } from '../health/source-status-tracker.js';
import type { AccessCounter } from './access-counter.js';

/**
 * The Prometheus metrics of one configuration, in a registry of their own (never prom-client's global one,
 * so two handlers, or the application's own metrics, never collide). Label values are source names, section
 * paths, results and a hash of the redacted tree: never a configuration value.
 *
 * Counted from the configuration's events: reloads by result (`changed` / `rejected`; an `unchanged` reload
 * emits no event and is counted when the API ran it), rejected changes, source fetches (a success is a
 * change a source caused or its recovery; a failure is `sourceFailed`). Timed: the transactions the API runs
 * (reload, override, rollback), since core's events carry no duration. Read when scraped: generation, the
 * config hash, each source's last success, and section reads counted through live handles.
 */
export class StrataMetrics {
  readonly registry: Registry;
  readonly #reloads: Counter<'result'>;
  readonly #duration: Histogram<'action'>;
  readonly #fetches: Counter<'source' | 'result'>;
  readonly #rejected: Counter;
  readonly #off: Unsubscribe[];
  readonly #config: Config;
  /** Sources that reported a failure since the last reload was counted: a reload did not load them. */
  readonly #failedSince = new Set<string>();

  constructor(config: Config, tracker: SourceStatusTracker, access: AccessCounter, registry?: Registry) {
    this.#config = config;
    this.registry = registry ?? new Registry();
    const registers = [this.registry];
    this.#reloads = new Counter({
      name: 'strata_reloads_total',
      help: 'Reload transactions by result (changed, unchanged, rejected)',
      labelNames: ['result'],
      registers,
    });
    this.#duration = new Histogram({
      name: 'strata_reload_duration_seconds',
      help: 'Duration of the reload transactions run through the API, by action',
      labelNames: ['action'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.#fetches = new Counter({
      name: 'strata_source_fetches_total',
      help: 'Source loads seen, by source and result (success, failure)',
      labelNames: ['source', 'result'],
      registers,
    });
    this.#rejected = new Counter({
      name: 'strata_rejected_changes_total',
      help: 'Changes refused: the last good configuration was kept',
      registers,
    });
    new Gauge({
      name: 'strata_source_last_success_timestamp_seconds',
      help: 'When each source last loaded successfully (Unix time)',
      labelNames: ['source'],
      registers,
      collect() {
        this.reset();
        for (const status of tracker.statuses()) {
          if (status.lastSuccess) this.set({ source: status.source }, Date.parse(status.lastSuccess) / 1000);
        }
      },
    });
    new Gauge({
      name: 'strata_config_generation',
      help: 'The generation of the configuration in effect',
      registers,
      collect() {
        this.set(config.generation);
      },
    });
    new Gauge({
      name: 'strata_config_info',
      help: 'The configuration in effect: environment and a hash of its redacted tree (secrets do not change it)',
      labelNames: ['environment', 'hash'],
      registers,
      collect() {
        this.reset();
        const hash = createHash('sha256').update(JSON.stringify(config.toJSON())).digest('hex').slice(0, 16);
        this.set({ environment: config.environment, hash }, 1);
      },
    });
    new Counter({
      name: 'strata_section_reads_total',
      help: 'Reads of sections through counted live handles',
      labelNames: ['section'],
      registers,
      collect() {
        this.reset();
        for (const [section, count] of access.snapshot()) this.inc({ section }, count);
      },
    });
    for (const source of config.sources) {
      this.#fetches.inc({ source: source.name, result: 'success' }, 0);
    }
    this.#off = [
      config.on('changed', (event) => {
        this.#reloads.inc({ result: 'changed' });
        for (const reason of event.reasons) {
          if (reason.source === 'reload') this.#reloaded();
          else if (config.sources.some((source) => source.name === reason.source)) {
            this.#fetches.inc({ source: reason.source, result: 'success' });
          }
        }
      }),
      config.on('rejected', () => {
        this.#reloads.inc({ result: 'rejected' });
        this.#rejected.inc();
      }),
      config.on('sourceFailed', (event) => {
        this.#failedSince.add(event.source);
        this.#fetches.inc({ source: event.source, result: 'failure' });
      }),
      config.on('sourceRecovered', (event) => this.#fetches.inc({ source: event.source, result: 'success' })),
    ];
  }

  /** Time one API transaction; an `unchanged` outcome is counted here (no event says so). */
  async time<T extends { status: string }>(action: string, run: () => Promise<T>): Promise<T> {
    const stop = this.#duration.startTimer({ action });
    try {
      const result = await run();
      if (result.status === 'unchanged') {
        this.#reloads.inc({ result: 'unchanged' });
        if (action === 'reload') this.#reloaded();
      }
      return result;
    } finally {
      stop();
    }
  }

  /** A reload (all sources) went through: every source that did not report a failure was fetched. */
  #reloaded(): void {
    for (const source of this.#config.sources) {
      if (!this.#failedSince.has(source.name)) this.#fetches.inc({ source: source.name, result: 'success' });
    }
    this.#failedSince.clear();
  }

  /** Stop following the events. */
  close(): void {
    for (const off of this.#off.splice(0)) off();
  }
}
