import type { Config, ConfigEvent, ConfigEvents } from '@strata/core';
import { waitFor } from './wait-for.js';

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

/** The `count`-th event of a type, once it has arrived. */
export function nextEvent<K extends keyof ConfigEvents>(
  events: readonly ConfigEvent[],
  type: K,
  count = 1,
): Promise<ConfigEvents[K]> {
  return waitFor(`${count} "${type}" event(s)`, () => ofType(events, type)[count - 1]);
}
