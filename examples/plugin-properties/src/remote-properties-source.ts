import { createHash } from 'node:crypto';
import { type ConfigSource, SourceError } from '@strata/core';
import {
  type BackoffPolicy,
  LayerBuilder,
  type Poller,
  SourceHealth,
  startPolling,
} from '@strata/core/source';
import { parseProperties } from './parse-properties.js';

/** Options of {@link remotePropertiesSource}. */
export interface RemotePropertiesSourceOptions {
  /** Where the `.properties` text is served. */
  url: string;
  /** Re-read this often while watched (±10% jitter). @default 30000 */
  pollIntervalMs?: number;
  /** The waits after failed polls. @default { initialDelayMs: 1000, maxDelayMs: 300000, multiplier: 2 } */
  backoff?: BackoffPolicy;
}

/**
 * A `.properties` document fetched over HTTP and polled: the polling kit's example. Core's `startPolling`
 * runs the loop (jittered interval, full-jitter backoff after failures, `Retry-After` hints, abort on
 * dispose) and `SourceHealth` turns failures into one `sourceFailed` per outage and one `sourceRecovered`.
 */
export function remotePropertiesSource(options: RemotePropertiesSourceOptions): ConfigSource {
  const name = `properties:${options.url}`;
  const health = new SourceHealth(name);
  let lastHash: string | undefined;
  const fetchText = async (signal: AbortSignal): Promise<string> => {
    const response = await fetch(options.url, { signal }).catch((error: unknown) => {
      throw new SourceError(name, `cannot reach ${options.url}`, { cause: error });
    });
    if (!response.ok) {
      const retryAfter = Number(response.headers.get('retry-after'));
      throw Object.assign(new SourceError(name, `${options.url} answered ${response.status}`), {
        // Read by startPolling: wait at least this long before the next attempt.
        retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
      });
    }
    return response.text();
  };
  let poller: Poller | undefined;
  return {
    name,
    async load(context) {
      const text = await fetchText(context.signal);
      lastHash = hash(text);
      const builder = new LayerBuilder({ source: name, textual: true });
      for (const entry of parseProperties(text)) {
        builder.set(entry.key.split('.'), entry.value, {
          source: 'properties',
          locator: `${options.url}:${entry.line}`,
        });
      }
      return builder.build();
    },
    watch(context, signals) {
      health.useLogger(context.logger);
      health.attach(signals);
      poller = startPolling({
        intervalMs: options.pollIntervalMs ?? 30_000,
        ...(options.backoff ? { backoff: options.backoff } : {}),
        signal: context.signal,
        poll: async (signal) => {
          const text = await fetchText(signal);
          health.ok('poll');
          if (hash(text) === lastHash) return;
          lastHash = hash(text);
          signals.changed({ source: name, detail: `${options.url} changed` });
        },
        onFailure: (error) => health.fail('poll', error, true),
      });
      return poller;
    },
    async dispose() {
      poller?.dispose();
    },
  };
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
