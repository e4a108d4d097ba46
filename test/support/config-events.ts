import type { Config, ConfigEvent, ConfigEvents } from '@strata/core';

/** Every `changed`, `rejected`, `sourceFailed` and `sourceRecovered` event of a configuration, in order. */
export function recordEvents(config: Config): ConfigEvent[] {
  const events: ConfigEvent[] = [];
  for (const type of ['changed', 'rejected', 'sourceFailed', 'sourceRecovered'] as const) {
    config.on(type, (event) => events.push(event));
  }
  return events;
}

/** The recorded events of one type. */
export function ofType<K extends keyof ConfigEvents>(
  events: readonly ConfigEvent[],
  type: K,
): ConfigEvents[K][] {
  return events.filter((event): event is ConfigEvents[K] => event.type === type);
}

/** Poll a condition until it holds; fails with `what` after the timeout. Never a fixed sleep. */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false,
  timeoutMs = 8000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The `count`-th event of a type, once it has arrived. */
export function nextEvent<K extends keyof ConfigEvents>(
  events: readonly ConfigEvent[],
  type: K,
  count = 1,
): Promise<ConfigEvents[K]> {
  return waitFor(`${count} "${type}" event(s)`, () => ofType(events, type)[count - 1]);
}
