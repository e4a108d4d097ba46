import type { Config, ConfigEvents, Unsubscribe } from '@strata/core';
import type { EventFeed } from '../respond/surface-answer.js';

/** The configuration events `GET /events` forwards. */
const FORWARDED = ['changed', 'rejected', 'restartRequired', 'sourceFailed', 'sourceRecovered'] as const;

/**
 * An event as JSON: diffs are already redacted by core; errors become `{ code, message, problems }` (core's
 * messages and issues carry no secret value; the error object itself, its cause and stack are left out).
 */
export function eventJson<K extends keyof ConfigEvents>(
  name: K,
  event: ConfigEvents[K],
): Record<string, unknown> {
  if (name === 'rejected' || name === 'sourceFailed') {
    const { error, ...rest } = event as ConfigEvents['rejected'] | ConfigEvents['sourceFailed'];
    const problems = 'issues' in error ? error.issues : undefined;
    return {
      ...rest,
      error: { code: error.code, message: error.message, ...(problems ? { problems } : {}) },
    };
  }
  return { ...event };
}

/**
 * `GET /events`: Server-Sent Events of every configuration event, redacted, one `event:` per kind, plus a
 * comment every `keepAliveMs` so proxies keep the connection. Each `open` follows the configuration until the
 * adapter stops it (the client went away) or the handler closes (`closing`), which ends the stream.
 */
export function eventFeed(config: Config, options: { keepAliveMs: number; closing: AbortSignal }): EventFeed {
  return {
    open(sink) {
      const offs: Unsubscribe[] = [];
      let open = true;
      const stop = (): void => {
        if (!open) return;
        open = false;
        for (const off of offs.splice(0)) off();
        clearInterval(timer);
        options.closing.removeEventListener('abort', end);
      };
      const end = (): void => {
        if (!open) return;
        stop();
        sink.end();
      };
      const send = (text: string): void => {
        if (open) sink.send(text);
      };
      send(`retry: 2000\nevent: hello\ndata: ${JSON.stringify({ generation: config.generation })}\n\n`);
      for (const name of FORWARDED) {
        offs.push(
          config.on(name, (event) =>
            send(`event: ${name}\ndata: ${JSON.stringify(eventJson(name, event))}\n\n`),
          ),
        );
      }
      const timer = setInterval(() => send(': keep-alive\n\n'), options.keepAliveMs);
      timer.unref?.();
      if (options.closing.aborted) end();
      else options.closing.addEventListener('abort', end, { once: true });
      return stop;
    },
  };
}
