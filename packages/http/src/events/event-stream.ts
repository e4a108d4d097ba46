import type { Config, ConfigEvents, Unsubscribe } from '@strata/core';

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
 * comment every `keepAliveMs` so proxies keep the connection. Ends when the client goes away (the request's
 * signal) or the handler closes.
 */
export function eventStream(
  config: Config,
  options: { signal: AbortSignal; keepAliveMs: number; closing: AbortSignal },
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const offs: Unsubscribe[] = [];
  let timer: ReturnType<typeof setInterval> | undefined;
  const stop = (): void => {
    for (const off of offs.splice(0)) off();
    if (timer) clearInterval(timer);
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      const send = (text: string): void => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          open = false;
          stop();
        }
      };
      const end = (): void => {
        if (!open) return;
        open = false;
        stop();
        controller.close();
      };
      send(`retry: 2000\nevent: hello\ndata: ${JSON.stringify({ generation: config.generation })}\n\n`);
      for (const name of FORWARDED) {
        offs.push(
          config.on(name, (event) =>
            send(`event: ${name}\ndata: ${JSON.stringify(eventJson(name, event))}\n\n`),
          ),
        );
      }
      timer = setInterval(() => send(': keep-alive\n\n'), options.keepAliveMs);
      timer.unref?.();
      options.signal.addEventListener('abort', end, { once: true });
      options.closing.addEventListener('abort', end, { once: true });
    },
    cancel() {
      stop();
    },
  });
}
