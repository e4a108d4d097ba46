import type { Config } from '@strata/core';
import type { SourceStatus } from './source-status-tracker.js';

/**
 * The body of `GET /health/ready` (the IETF health-check draft's shape, `application/health+json`): `pass`
 * when the first load succeeded (a `Config` exists, so it did) and every required source is fresh, else
 * `fail`; each source under `checks`.
 */
export function readinessReport(
  config: Config,
  sources: readonly SourceStatus[],
): {
  ready: boolean;
  body: Record<string, unknown>;
} {
  const blocking = sources.filter((source) => source.required && source.stale);
  const ready = !config.closed && blocking.length === 0;
  return {
    ready,
    body: {
      status: ready ? 'pass' : 'fail',
      description: ready
        ? 'configuration loaded and every required source fresh'
        : config.closed
          ? 'the configuration is closed'
          : `required source(s) not fresh: ${blocking.map((source) => source.source).join(', ')}`,
      environment: config.environment,
      generation: config.generation,
      checks: Object.fromEntries(sources.map((source) => [`source:${source.source}`, [source]])),
    },
  };
}
